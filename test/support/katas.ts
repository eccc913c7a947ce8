/**
 * The list of katas, in order: the one place the board, the workshop guide and
 * `npm run verify` learn what exists. A kata's files follow from its id:
 * `katas/<id>.ts`, `solutions/<id>.ts`, `test/<id>.test.ts`,
 * `test/mutants/<id>/<misconception>.ts`.
 */

/** One hint, tied to the properties it helps with. */
export interface Hint {
  /**
   * Fragments of the sentences of the properties this hint is for: a hint is
   * for every property whose sentence contains one of them. Each fragment must
   * occur in at least one of the kata's real sentences, and every property
   * must have a hint (test/harness/hints.test.ts), so a changed sentence
   * fails a test instead of silently losing its hints.
   */
  readonly for: readonly string[];
  readonly text: string;
}

export interface Kata {
  /** "01-lazy-futures": the file name of the stub, the solution and the test. */
  readonly id: string;
  /** A short title for the board, e.g. "lazy futures". */
  readonly title: string;
  /** The section of the official Dioxus 0.7 page this kata teaches. */
  readonly doc: string;
  /** What the learner should be able to explain afterwards. */
  readonly teaches: string;
  /** How long it usually takes, in minutes. */
  readonly minutes: number;
  /**
   * Hints, each for the properties it names: the board shows the next hint for
   * the first failing property, one more each time the learner changes the
   * kata and it still fails (hints.ts). A property's hints go from a nudge to
   * nearly the answer.
   */
  readonly hints: readonly Hint[];
  /** Two questions for a group to discuss after the kata. */
  readonly questions: readonly [string, string];
}

const PAGE = "https://dioxuslabs.com/learn/0.7/essentials/basics/async";

export const KATAS: readonly Kata[] = [
  {
    id: "01-lazy-futures",
    title: "lazy futures",
    doc: `${PAGE}#lazy-futures`,
    teaches:
      "A future is a value that does nothing until it is polled; poll returns Ready or Pending, and a pending future " +
      "must arrange to be woken; awaiting composes futures, inner before outer.",
    minutes: 20,
    hints: [
      {
        for: ["sequence(a, b) of two timers finishes after the sum"],
        text: "sequence must not wake itself: when an inner future answers Pending, it has already arranged its own wake, so just return Pending. Poll b only once a is Ready, so the delays add up.",
      },
      {
        for: ["hands each poll's own context to the inner future"],
        text: "Pass the `cx` of the current poll on to the inner future you poll, never one kept from an earlier poll: the inner future wakes whatever waker it was last given.",
      },
      {
        for: ["dropping ranOther part-way"],
        text: 'If the task running ranOther is cancelled while the inner future waits, the generator is returned at its await: the line after `yield* inner` must never run, so do not log "Ran Other" in a `finally`. The inner future is dropped with the generator that awaits it.',
      },
      {
        for: ["futures built by the same function keep their own state"],
        text: "Every call of countdown or sequence builds a new future: keep its state (the count left, which inner future finished) in variables inside that call, never at module level, so two futures built one after the other do not share it.",
      },
      {
        for: ["wakes the waker of the very poll"],
        text: "Each poll gets its own `cx`. Call `cx.waker.wake()` on the waker of the poll that is answering Pending, every time, before you return; a waker kept from an earlier poll may belong to a task that no longer waits.",
      },
      {
        for: ["building futures runs none of their code", "awaiting composes: nothing runs before"],
        text: 'Building a future must not run its body. In ranFuture, put `log.push("Ran")` inside `future(function* () { … })`: a generator\'s body only starts when something polls it. A hand-written future does its work inside poll, never in the function that builds it.',
      },
      {
        for: ["building futures runs none of their code"],
        text: "Look at what each function does before it returns its future: only building may happen there. Nothing may be pushed onto the log, and no inner future may be polled: sequence and ranOther must not touch `first`, `second` or `inner` until they are polled themselves. State such as a counter goes in a `let` beside the poll function.",
      },
      {
        for: ["readyValue(v) is Ready"],
        text: "readyValue: `pollFn(() => Poll.Ready(value))`. Ready at the first poll means no Pending before it, and no wake.",
      },
      {
        for: ["countdown(n) is polled exactly"],
        text: "countdown(n) answers Pending n times and Ready once, so it is polled n+1 times. Keep a counter outside the poll function (`let left = n`), and test it before you count it down.",
      },
      {
        for: ["countdown(n) is polled exactly"],
        text: "Before each Pending, call cx.waker.wake(): a future that returns Pending without arranging a wake is never polled again (the runtime reports a stall). countdown(0) is Ready with 0 at its first poll.",
      },
      {
        for: ["awaiting composes: nothing runs before"],
        text: 'ranOther: `future(function* () { yield* inner; log.push("Ran Other"); })`. The `yield*` is the await: without it, inner is never polled and "Ran" never appears; with the push before it, "Ran Other" comes first.',
      },
      {
        for: ["sequence(a, b) polls a until Ready", "dropping a sequence part-way"],
        text: "sequence by hand: keep what `first` produced in a variable outside the poll function (undefined until it is Ready). While it is undefined, poll only `first`; once it has a value, poll only `second`. A future must never be polled again after Ready.",
      },
      {
        for: ["sequence(a, b) polls a until Ready", "dropping a sequence part-way"],
        text: "Poll `second` in the same poll in which `first` became Ready (do not return Pending in between: nothing would wake you). Give pollFn `{ onDrop: () => { first[Symbol.dispose](); second[Symbol.dispose](); } }`: dropping a future twice is harmless, so you need no flag.",
      },
    ],
    questions: [
      "JavaScript promises start running as soon as they are created; Rust futures do not. What can go wrong when a Rust programmer forgets this, and what can go wrong for a JavaScript programmer moving to Rust?",
      "Who calls poll on a future in a Dioxus app, and what decides when it is called again?",
    ],
  },
  {
    id: "02-awaiting-many-things",
    title: "awaiting many things",
    doc: `${PAGE}#future-rusts-async-primitive`,
    teaches:
      "One thread waits for many futures by polling each of them in the same poll; join waits for all, select for the " +
      "first and drops the rest, and a dropped future's cleanup runs at once.",
    minutes: 30,
    hints: [
      {
        for: ["dropping a join, select or timeout while it waits", "dropped before its first poll"],
        text: "Give pollFn an `onDrop` that calls `[Symbol.dispose]()` on every inner future you still hold (and on the timer of a timeout, if it exists yet): a combinator can be dropped at any await, even before its first poll, and its branches must go with it, once each.",
      },
      {
        for: ["several joins, selects and timeouts running at once"],
        text: "Keep each combinator's slots inside the call that builds it: several joins running at once (or one nested in another) must never share state.",
      },
      {
        for: ["never polls b once a is Ready"],
        text: "Polling is not free: it can take a message out of a channel. In select, poll a first; if it is Ready, drop b without polling it.",
      },
      {
        for: ["join(a, b) finishes at the later", "join(a, b) is Ready with"],
        text: "Concurrency comes from polling both inner futures in the same poll. Awaiting one and then the other is a sequence: it takes the sum of the delays.",
      },
      {
        for: ["join(a, b) is Ready with", "join never polls a branch again"],
        text: "Keep a slot per branch (undefined until it is Ready, then { value }). Poll a branch only while its slot is empty; a future must never be polled after Ready. When both slots are full, be Ready with [a's value, b's value]: argument order, not arrival order.",
      },
      {
        for: ["select(a, b) finishes at the earlier"],
        text: "select polls a first, then b, in every poll: the first branch that is Ready wins, and a wins a tie because it is polled first (the futures crate's select is biased the same way; tokio::select! is random unless you write `biased;`).",
      },
      {
        for: ["the loser of a select"],
        text: "As soon as one branch is Ready, call [Symbol.dispose]() on the other one before you return Ready: the loser is dropped, so its cleanup runs now and nothing polls it again.",
      },
      {
        for: ["timeout(f, ms) gives f's output"],
        text: "timeout: create sleep(ms) at the first poll (not when timeout() is called: futures are lazy), then in every poll poll f first and the timer second, so a tie goes to f.",
      },
      {
        for: ["timeout(f, ms) gives f's output"],
        text: 'When the timer wins, drop f (`fut[Symbol.dispose]()`) and be Ready with `{ ok: false, error: "elapsed" }`; when f wins, drop the timer and be Ready with `{ ok: true, value }`.',
      },
    ],
    questions: [
      "tokio::select! picks a random branch to poll first unless you write `biased;`. Why would a runtime randomise that, and when would you want the bias?",
      "A select drops its loser. What happens to an HTTP request, a database transaction or a file write that is dropped half-way? Which of them are safe to lose?",
    ],
  },
  {
    id: "03-spawn",
    title: "spawn",
    doc: `${PAGE}#running-futures-with-spawn`,
    teaches:
      "A handler must return at once: spawn hands a future to the runtime as a task and returns before it is polled; " +
      "an async handler is polled once during the event and then finished as a task; tasks started by separate clicks " +
      "race, and the last answer to arrive wins.",
    minutes: 25,
    hints: [
      {
        for: ["with an async handler each click sends its GET"],
        text: "Return the future from the handler itself (`onclick: () => future(function* () { … })`) and do not spawn: Dioxus polls that future once during the click, so the request goes out before the click returns. Do not wait or yield before the request.",
      },
      {
        for: ["two buttons on one page keep their own state"],
        text: "Keep the label in a signal made by the button itself with useSignal, so each button on the page has its own; a global or module-level value would be shared by both.",
      },
      {
        for: ["removing a button while its requests run"],
        text: "Use spawn (never spawnForever) and let the button own its tasks: when it is removed, Dioxus drops its tasks, which aborts their requests. Build the future inside the click handler, not while rendering.",
      },
      {
        for: ["a click returns at once"],
        text: "A click handler is synchronous: it cannot wait for the request. It only sets the label to LOADING and starts the work; the work itself goes in a future that the runtime runs later. SpawnButton: `spawn(future(function* () { … }))` inside onclick, and return.",
      },
      {
        for: ["after a click the button reads", "any HTTP status is a response"],
        text: "Set LOADING before the request, then `const resp = yield* http.get(DIOXUSLABS)` and set RESPONDED or FAILED after it. In AsyncButton the handler returns the future itself: only its part before the first `yield*` runs during the click, so LOADING must come before the await.",
      },
      {
        for: ["any HTTP status is a response"],
        text: "`resp.ok` is false only for a network failure: a 404 or a 500 is still a response from the server, so it shows RESPONDED. Do not look at the status code.",
      },
      {
        for: ["with several clicks, each click sends its own request"],
        text: "Each click starts its own task, and nothing stops the older one: whichever answer arrives last writes the label. Do not try to fix the race here (no counter, no check of which click is newer): kata 04 does that properly.",
      },
    ],
    questions: [
      "Click twice quickly: two tasks run, and the label ends with whichever answer arrives last. Which answer would a user expect, and what would you need to do to the first task to get it?",
      "In SpawnButton, does it matter whether `response.set(LOADING)` comes before or after the spawn call? In AsyncButton, does it matter whether it comes before or after the await? Why the difference?",
    ],
  },
  {
    id: "04-use-action",
    title: "use_action",
    doc: `${PAGE}#running-futures-with-use_action`,
    teaches:
      "An action keeps one call alive: call() cancels the running call at once (its request is aborted, it never " +
      "writes) and spawns the new one; the call is pending from its task's first poll; while it runs there is no " +
      "result at all, then Ok or Err; cancel() and reset() both hide the result (DOC≠CODE). useLatest rebuilds it " +
      "from spawn, Task.cancel and signals.",
    minutes: 35,
    hints: [
      {
        for: ["two actions in one component keep their own calls"],
        text: "Everything useLatest keeps (the running task, the result, the pending flag) must live in signals made by that call of useLatest, never in a module variable: two actions in one component are two sets of signals.",
      },
      {
        for: ["a finished call shows its value even when it is 0"],
        text: 'Do not use the value itself as the "no value yet" marker: 0, "", false, null and undefined are real results. Keep a separate state (e.g. `{ ok: true, value }` or undefined for no result), and keep the thrown error object itself, not its message.',
      },
      {
        for: [
          "the screen shows only the latest click's outcome",
          '"Fetching a dog…" shows exactly',
          "a fetch that fails",
        ],
        text: "Part 1 is the page's example: one action for the whole picker (useAction(fetchDog)), called by each breed's button, p(FETCHING) while pending(), and below it a match on value(): nothing → the prompt (while a call runs too), Ok → the image, Err → FAILED.",
      },
      {
        for: ["a fetch that fails"],
        text: "fetchDog: `const r = yield* http.get(dogApi(breed))`; throw when `!r.ok` or `!r.value.success`; return `r.value.json<{ message: string }>().message`. A 404 is still a response: only the throw turns it into an Err.",
      },
      {
        for: ["a call replaced by a newer click", "only the latest click's outcome"],
        text: "useLatest: three signals (the result, a running flag, the Task). call(): cancel the stored task first, then spawn the new call and store its Task. The latest call wins because the previous task is cancelled before the next one is spawned, not because of a check after the await.",
      },
      {
        for: ['"Fetching a dog…" shows exactly', "right after call()"],
        text: "Keep call() to `task.peek()?.cancel(); const work = fn(...args); task.set(spawn(future(function* () { … })));`: nothing else changes before the first poll. At its first poll the task sets running and clears the result, then awaits the work in try/catch, stores { ok: true, value } or { ok: false, error } and clears running.",
      },
      {
        for: ["Cancel and Clear both hide the result"],
        text: "cancel() and reset() are the same function: `task.peek()?.cancel(); task.set(undefined); running.set(false); result.set(undefined);`. The running flag is cleared there because a cancelled task never reaches the line after its await. value() is `result()`, pending() is `running()`.",
      },
    ],
    questions: [
      "use_action's doc comment says cancel() keeps the previous result, and its code hides it. Which behaviour would you want in a picker, and how would you get the other one on top of the hook?",
      "useLatest's task belongs to the component whose handler called spawn, while useAction's belongs to the component that owns the hook. When does the difference show, for example if a child component calls the action?",
    ],
  },
  {
    id: "05-automatic-cancellation",
    title: "automatic cancellation",
    doc: `${PAGE}#automatic-cancellation`,
    teaches:
      "A task belongs to the component that spawned it, and Dioxus drops it when that component unmounts: it is never " +
      "polled again, its request is aborted, its finalizers run once, and nothing after its await happens; " +
      "spawnForever opts out and outlives the component; a remounted component starts afresh, with a new task.",
    minutes: 25,
    hints: [
      {
        for: ["clicks on the button in the same instant"],
        text: "In the toggle handler, flip the current value (`shown.update((s) => !s)`), not the value captured when the component last rendered: several clicks can come before the next render.",
      },
      {
        for: [
          "while shown, the poller asks the status server",
          "once hidden, the poller stops",
          "several pollers on the screen",
        ],
        text: "Start the loop from the poller itself, when it mounts (useFuture, or spawn inside useHook), not from the parent's click handler and not with spawnForever: the scope that is current at the spawn owns the task, and hiding the poller drops exactly that scope's tasks.",
      },
      {
        for: [
          "while shown, the poller asks the status server",
          "showing the poller again starts afresh",
          "several pollers on the screen",
        ],
        text: "The poller's status is its own useSignal, and the check number a local of its loop (`for (let check = 1; ; check++)`): each poller, and each new mount of one, counts from #1. Check again CHECK_EVERY_MS after each answer: `yield* http.get(STATUS_URL)`, show the line, then `yield* sleep(CHECK_EVERY_MS)`.",
      },
      {
        for: ["the poller's cleanup runs exactly once", "several pollers on the screen"],
        text: "The loop never ends, so code after it (or in a catch) never runs: a dropped future is never resumed, not even with an error. Put the cleanup in a drop guard created when the loop starts, `using _stopped = dropGuard(() => running.update((n) => n - 1))`, or in a `finally`, and nowhere else: it must run exactly once.",
      },
      {
        for: [
          "once hidden, the poller stops",
          "the poller's cleanup runs exactly once",
          "showing the poller again starts afresh",
        ],
        text: 'StatusPoller: `const status = useSignal(() => "Status: checking...")`; `useFuture(() => future(function* () { running.update((n) => n + 1); using _g = dropGuard(…); for (let check = 1; ; check++) { const r = yield* http.get(STATUS_URL); status.set(statusLine(r, check)); yield* sleep(CHECK_EVERY_MS); } }))`; return `p(status())`. App: signals `shown` and `running`, and `shown() ? component(StatusPoller, { running }) : null`.',
      },
    ],
    questions: [
      "The official page's spawn_forever example writes the component's `response` signal when the request finishes. What happens if the user leaves the page before the answer arrives, and how would you make that example safe?",
      "Dropping a future at an await is safe for a GET. Which work in a real app would you not want cut off half-way when the user closes a panel (a payment, a file upload, a save), and where should it run instead?",
    ],
  },
  {
    id: "06-manual-cancellation",
    title: "manual cancellation",
    doc: `${PAGE}#manual-cancellation`,
    teaches:
      "spawn returns a Task handle that can be kept in a signal and cancelled; cancel() drops the future at once, so its " +
      "request is aborted and the code after its await never runs; a handle outlives its task, so the app must track " +
      "what is running now: a finished task forgets its handle, and a new request cancels the one it replaces.",
    minutes: 25,
    hints: [
      {
        for: ["Cancel Request before the answer", "closing the page while a request runs"],
        text: "Changing the text is not cancelling. Keep the Task that spawn returns in the `task` signal, and call cancel() on it: that drops the future, aborts its request, and nothing after its await ever runs.",
      },
      {
        for: ["Cancel Request with nothing running", "a request that has answered is finished"],
        text: 'Cancel Request: `const running = task.peek(); task.set(undefined);` (Rust\'s task.take()), then `if (running) { running.cancel(); response.set("Request cancelled"); } else response.set("No request to cancel");`. Read the signal inside the handler, at click time, not in the component body.',
      },
      {
        for: ["a request that has answered is finished", "the label follows the model"],
        text: "The signal must always hold the request that runs now, or nothing. As the spawned future's last step, after showing the answer, set `task` back to undefined: a finished request is not running.",
      },
      {
        for: ["pressing the request button while a request runs", "the label follows the model"],
        text: "In the request handler, cancel the stored task (if any) before you spawn the new one, and store the new one: there is never a second request in flight, and the replaced one never writes.",
      },
      {
        for: ["Still waiting for httpbin.org"],
        text: "The notice is a task of its own, spawned inside the request's task: `spawn(future(function* () { yield* sleep(SLOW_MS); … }))`. Cancelling the request task does not cancel a task it spawned (both belong to the component), so keep the notice's Task and cancel it, and hide the notice, in a drop guard of the request task: `using _notice = dropGuard(() => { … })` runs however the request ends, answered, replaced or cancelled.",
      },
      {
        for: ["two CancelButtons on one page"],
        text: "Every piece of state is the component's own (useSignal inside CancelButton), never a module-level variable or global signal: two buttons must not share a Task handle or a label.",
      },
    ],
    questions: [
      "The page's example leaves a finished task in the signal. What does its Cancel Request button say after the answer, and why is cancelling a finished task harmless in Dioxus but the message misleading?",
      "Cancelling drops the future at whatever await it is suspended in. What would have to change if the task had already written half of its results (a signal, a file, a database row) before that await?",
    ],
  },
  {
    id: "07-cancel-safety",
    title: "cancel safety",
    doc: `${PAGE}#cancel-safety`,
    teaches:
      "A future can be dropped at any await (unmount, Task::cancel, a resource restart) and then never resumes; shared " +
      "state it changed must be restored by a drop guard (`using`), not by code after the await; a restarted use_resource " +
      "keeps its last value until the new run finishes.",
    minutes: 30,
    hints: [
      {
        for: ['"Stop" stops'],
        text: "Stop must cancel the resource (`dogs.cancel()`): cancelling drops its future at once, which aborts the request in flight, so its answer never arrives.",
      },
      {
        for: ["between any two events, the browser is shown unless"],
        text: 'Show what the resource holds: `dogs.value()` keeps the last answer through a restart until the new one arrives, and is undefined ("No dogs yet") before any.',
      },
      {
        for: ["the resource restarts only when a breed is picked"],
        text: "Inside the resource, read only the breed with a tracked read; read and change RESOURCES_RUNNING with peek()/update so the resource does not subscribe to what it writes (every write would restart it).",
      },
      {
        for: ["nextLine, raced against a timer"],
        text: 'nextLine may be dropped at its await. Everything received must already be in `pending.text` before the next await: append each chunk to the buffer at once, return a whole line from the buffer if there is one before receiving again, and treat only `undefined` from recv() as the end ("" is a chunk). At the end, text left in the buffer without a "\\n" is no line: return undefined.',
      },
      {
        for: ["RESOURCES_RUNNING is shared by the whole app"],
        text: "The set is the whole app's, not this browser's: other entries in it are not yours. Add your breed and, in the drop guard, delete exactly that breed, changing the set in place (`update((s) => (s.delete(breed), s))`); never `clear()` it or `set()` a new set built from what this run knows.",
      },
      {
        for: ["whatever cancels a run", "at every moment, RESOURCES_RUNNING", "no entry is ever removed"],
        text: "Ask of every line after a `yield*`: does it still run if the future is dropped right there? It does not. Cleanup that must always happen belongs in something whose drop does it: a drop guard (`using`).",
      },
      {
        for: ["whatever cancels a run", "at every moment, RESOURCES_RUNNING", "no entry is ever removed"],
        text: "In breedImages: read the breed once with breed() into a const, add it to RESOURCES_RUNNING, then `using _running = dropGuard(() => …delete(that const)…)` at the top level of the generator (not inside a block that ends before the await), then await http.get. No cleanup after the await: the guard also runs when the run finishes, and exactly once.",
      },
      {
        for: ["once the answers are in", "while a new breed loads"],
        text: 'DogBrowser: `const dogs = useResource(() => breedImages(breed))`; each breed button `breed.set(b)`; Stop `dogs.cancel()`; the paragraph `dogs.value() ?? "No dogs yet"`. Reading breed() inside the resource\'s future is what restarts it when the breed changes, dropping the older run.',
      },
      {
        for: ["while a new breed loads"],
        text: "Do not clear the value when a breed is picked: Dioxus's useResource keeps the old value while the new run loads, and replaces it only when the new run finishes.",
      },
    ],
    questions: [
      "The guard removes the breed it captured when the run started, not the breed the signal holds when the guard runs. Find the moment where the two differ, and say what each choice would leave in RESOURCES_RUNNING.",
      "Two panels show the same breed at once: a set of names can no longer tell which of them is still loading. What would you keep in the global state instead, and what would each guard remove?",
    ],
  },
  {
    id: "08-concurrency-vs-parallelism",
    title: "concurrency vs parallelism",
    doc: `${PAGE}#concurrency-vs-parallelism`,
    teaches:
      "Tasks are concurrent on one main thread and only take turns at their awaits, so CPU work anywhere on that thread " +
      "(a handler or a task) freezes every event and render; expensive work goes to threads, which start at once and run " +
      "in parallel on the cores, so independent jobs take about the longest one, not the sum; thread code gets plain data, never a signal.",
    minutes: 30,
    hints: [
      {
        for: ["puts the results on screen itself"],
        text: "Write the results in the same task that awaits scoreAll, right after the await: no other task or effect in between, so they show in the instant the last job ends.",
      },
      {
        for: ["no keystroke waits more than 16 ms"],
        text: "Scoring is CPU work: wherever it runs on the main thread (in the handler, or in a spawned task between two awaits) every keystroke waits for it. Give each document's scoring to spawnThread and let a task await the results.",
      },
      {
        for: ["scoreAll runs a query's jobs in parallel"],
        text: "spawnThread starts its job the moment it is called, like std::thread::spawn. So in scoreAll, first call it for every document (docs.map(…)), and only then await the handles one by one: the loop ends when the slowest job does. Spawning and awaiting inside the same loop runs them one after the other.",
      },
      {
        for: ["when the typing stops, the screen ends", "the screen only ever shows the latest query"],
        text: "oninput: `const query = e.value;` then `task.peek()?.cancel(); status.set(scoring(query)); results.set([]);` and `task.set(spawn(future(function* () { const scores = yield* scoreAll(query, docs); results.set(resultLines(docs, scores)); status.set(resultsFor(query)); })))`. Use the event's value, not a signal read while rendering, and never read a signal inside the thread's closure.",
      },
      {
        for: ["two search screens on one page keep to themselves", "the screen only ever shows the latest query"],
        text: "Everything a screen keeps between keystrokes (the running Task, the latest query) belongs to that screen: a useSignal inside SearchScreen, never a `let` at module level, which every SearchScreen on the page would share. And to drop an older query, cancel its Task: comparing query texts cannot tell two typings of the same text apart.",
      },
    ],
    questions: [
      "A cancelled scoring drops its thread handles, but the jobs keep their cores until they end (a Rust thread cannot be killed from outside). What does that cost a fast typist, and how could the work itself notice that it is no longer wanted?",
      "Splitting the work into one job per document helps only up to the number of cores. When would you rather split it into a few chunks, and what does each job cost besides its work (starting a thread, copying the data to a web worker)?",
    ],
  },
  {
    id: "09-locks",
    title: "locks",
    doc: `${PAGE}#handling-locks`,
    teaches:
      "A signal guard is a borrow checked at run time: one left open across an await panics whatever borrows the signal " +
      "next (another click, a re-render), so copy out, await, then write in one short step; a read and a write on two " +
      "sides of an await lose updates; exclusive access that must last across an await needs an async Mutex, created " +
      "once and held with `using`, whose waiters queue in order instead of panicking.",
    minutes: 30,
    hints: [
      {
        for: ["nothing panics with a borrow error", "each click on +1 adds one"],
        text: "Nothing may be borrowed while the task waits. Take no guard before the `yield* sleep(…)`; do all of the read-add-write after it, in one step.",
      },
      {
        for: ["each click on +1 adds one", "nothing panics with a borrow error"],
        text: "Counter: `onclick: () => future(function* () { yield* sleep(ADD_DELAY_MS); count.update((n) => n + 1); })`. Reading count() before the sleep and setting it after loses a click when two overlap.",
      },
      {
        for: ["saves go out one at a time", "every click on Save is saved"],
        text: 'A signal cannot make a click wait its turn; an async Mutex can, because its lock() is a future. SaveQueue: `const server = useHook(() => new Mutex(0, "saves"))`, once per component, not in the render body. A busy flag that ignores clicks loses saves.',
      },
      {
        for: ["saves go out one at a time", "every click on Save is saved"],
        text: "SaveQueue's onclick: `future(function* () { clicks.update((n) => n + 1); using turn = yield* server.lock(); const version = turn.value + 1; yield* http.post(SAVE_URL, { version }); turn.value = version; saved.set(version); })`. `using` releases the lock at the end of the block and hands it to the next click; without it every later save waits for ever.",
      },
    ],
    questions: [
      "The counter's fix has no lock at all, while the save queue needs one. What is different about the two critical sections, and why would an async Mutex around the counter's sleep be the wrong fix?",
      "A busy flag that ignores clicks while a save runs is a common UI pattern (a disabled button). When is dropping those clicks acceptable, and when must every click be queued or merged into the next save?",
    ],
  },
  {
    id: "10-spawn-forever",
    title: "spawn_forever",
    doc: `${PAGE}#long-lived-futures`,
    teaches:
      "spawnForever puts a task on the root scope, so it outlives the component that started it; everything such a task " +
      "touches must live as long as it does (a global signal, its own state), and a component that mounts again must find " +
      "the running task, not start another.",
    minutes: 30,
    hints: [
      {
        for: ["posts each edit to SYNC_URL"],
        text: "In the engine's loop, post the edit with `http.post(SYNC_URL, edit)`; when the answer is not a success (r.ok false, or not r.value.success), `yield* sleep(RETRY_MS)` and post the same edit again. Wait only after a failure.",
      },
      {
        for: ["the Synced line lists exactly what the server has accepted"],
        text: 'Add an edit to SYNCED only after the server accepted it (a 2xx answer with success), never when it is sent; show "Synced: nothing yet" while SYNCED is empty.',
      },
      {
        for: ["while the editor is open it shows a text box"],
        text: "The Editor keeps the draft in its own signal, shows it in the input (`value: draft()`), and clears it after Save sends it.",
      },
      {
        for: ['"Stop syncing" clicked before the engine was ever started', '"Stop syncing" stops the engine for good'],
        text: "Keep the engine's Task in ENGINE_TASK when you spawn it (`ENGINE_TASK.set(spawnForever(…))`); stopSyncing cancels it if there is one: `ENGINE_TASK.peek()?.cancel()`. Cancelling drops the future at once, aborting a post in flight.",
      },
      {
        for: ["closing the engine's channel lets it drain"],
        text: "`recv()` answers undefined once every sender is closed and the channel is empty: then return from the engine's loop. Until then, every edit it receives is posted.",
      },
      {
        for: ["closing the editor does not stop syncing", "the engine never touches a dropped signal"],
        text: "Closing the editor unmounts it. Ask of each thing the engine uses: who owns it, and is it dropped at that unmount? The task, the list of synced edits and the sender must all outlive the Editor: start the engine with spawnForever, not spawn, and record what it synced in SYNCED only, never in a useSignal of the Editor.",
      },
      {
        for: ["there is only ever one sync engine", "every edit is synced exactly once"],
        text: "useHook runs once per mount, not once per app: keep the sender in ENGINE, and start the engine only when ENGINE.peek() is still undefined. One engine reads every edit from one channel, in order; a task per edit would race.",
      },
      {
        for: ["every edit is synced exactly once", "closing the editor does not stop syncing"],
        text: "A failed post is not a synced edit: retry it after RETRY_MS until it succeeds, then add it to SYNCED, then take the next edit. `for (;;) { const edit = yield* edits.recv(); if (edit === undefined) return; for (;;) { const r = yield* http.post(SYNC_URL, edit); if (r.ok && r.value.success) break; yield* sleep(RETRY_MS); } SYNCED.update((d) => [...d, edit]); }`.",
      },
      {
        for: ["there is only ever one sync engine"],
        text: "useSyncEngine: `useHook(() => ENGINE.peek() ?? start())`, where start makes the channel, spawnForever(syncEngine(rx)), stores tx in ENGINE and returns it.",
      },
    ],
    questions: [
      "A spawnForever task is dropped only when the whole app is. What would a clean shutdown of the sync engine look like (unsynced edits, a request in flight), and who should trigger it?",
      "use_coroutine would also give you a task fed by a channel. Why is it the wrong tool for this engine, and when is it the right one?",
    ],
  },
  {
    id: "11-capstone",
    title: "capstone: a dog-breed browser",
    doc: `${PAGE}`,
    teaches:
      "Debounce, cancel, cache and retry in one search-as-you-type app: a resource that reads the query restarts on each " +
      "keystroke and drops the old run wherever it waits (a sleep at its start is the debounce); answers fetched once come " +
      "from a global cache; a failed request is retried after a growing backoff, then reported, never replaced by stale data.",
    minutes: 40,
    hints: [
      {
        for: ["picking a breed in the list shows"],
        text: 'Keep the picked breed in a signal read by the render (a tracked read, not peek()), show "Selected: …" from it, and render the "Random image" button only when a breed is picked.',
      },
      {
        for: [
          "the screen shows the final query's breeds",
          "at most one search request is in flight",
          "at every moment, not only at the end",
          "the search restarts only when the user types",
        ],
        text: "One resource does almost everything: read the query in its closure and every keystroke restarts it, dropping the previous run at whatever it awaits. What should the run await first, so that a keystroke 100 ms later costs no request?",
      },
      {
        for: [
          "at most one search request is in flight",
          "the screen shows the final query's breeds",
          "at every moment, not only at the end",
        ],
        text: "The resource's future: `if (q === \"\") return undefined; yield* sleep(DEBOUNCE_MS);` then `yield* searchBreeds(q)` in a try/catch that returns { query: q, failed: true }. The screen shows the resource's value, which a restart keeps until the new run finishes.",
      },
      {
        for: [
          "a query answered once is never requested again",
          "a search that failed is never cached",
          "the search restarts only when the user types",
        ],
        text: "searchBreeds looks in SEARCH_CACHE.peek() (peek: reading the cache must not subscribe the resource to it) before any request, and stores only answers, never a failure: `const hit = SEARCH_CACHE.peek().get(q); if (hit) return hit; … SEARCH_CACHE.update((m) => m.set(q, breeds));`.",
      },
      {
        for: ["a failed search is retried 2 times", "at every moment, not only at the end"],
        text: 'getWithRetry sleeps RETRY_DELAYS_MS[i] after the i-th failure, then gives up: `for (let i = 0; ; i++) { const r = yield* http.get(url); if (r.ok && r.value.success) return r.value; if (i >= RETRY_DELAYS_MS.length) throw new Error("failed"); yield* sleep(RETRY_DELAYS_MS[i]!); }`. The error line shows only once the last retry failed.',
      },
      {
        for: ['clicking "Random image"'],
        text: "The random image is kata 04's lesson again: one action (or a task kept in a signal and cancelled before the next spawn) for all clicks, so a new click aborts the older request and only the latest click's answer shows.",
      },
    ],
    questions: [
      "The debounce here is a sleep that a restart drops. Where else in the app does dropping a future do the work that other frameworks need a timer id, an AbortController or a request counter for?",
      "The cache never forgets and never refreshes. What would you change for breeds that can be added on the server, and how would a retry policy interact with a cache entry that expires mid-search?",
    ],
  },
];

/** The kata with this id, or undefined. */
export function kataById(id: string): Kata | undefined {
  return KATAS.find((k) => k.id === id);
}
