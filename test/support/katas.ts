/**
 * The list of katas, in order: the one place the board, the workshop guide and
 * `npm run verify` learn what exists. A kata's files follow from its id:
 * `katas/<id>.ts`, `solutions/<id>.ts`, `test/<id>.test.ts`,
 * `test/mutants/<id>/<misconception>.ts`.
 */

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
  /** Three hints, from a nudge to nearly the answer; shown one more per failing run. */
  readonly hints: readonly [string, string, string];
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
      "Building a future must not run its body. A generator future only starts when something polls it; a hand-written one does its work inside poll, never in the function that builds it.",
      "countdown(n) answers Pending n times and Ready once, so it is polled n+1 times. Before each Pending, call cx.waker.wake(): a future that returns Pending without arranging a wake is never polled again.",
      "In `outer`, `yield* inner` awaits the inner future: write the log line after that await, so inner always logs first. A poll-based future must remember that its inner future finished and never poll it again.",
    ],
    questions: [
      "JavaScript promises start running as soon as they are created; Rust futures do not. What can go wrong when a Rust programmer forgets this, and what can go wrong for a JavaScript programmer moving to Rust?",
      "Who calls poll on a future in a Dioxus app, and what decides when it is called again?",
    ],
  },
  {
    id: "02-awaiting-many-things",
    title: "awaiting many things",
    doc: `${PAGE}#concurrency-vs-parallelism`,
    teaches:
      "One thread waits for many futures by polling each of them in the same poll; join waits for all, select for the " +
      "first and drops the rest, and a dropped future's cleanup runs at once.",
    minutes: 30,
    hints: [
      "Concurrency comes from polling both inner futures in the same poll. Awaiting one and then the other is a sequence: it takes the sum of the delays.",
      "Keep a slot per branch (undefined until it is Ready, then { value }). Poll a branch only while its slot is empty; a future must never be polled after Ready.",
      "select: as soon as one branch is Ready, call [Symbol.dispose]() on the other before you return. timeout: create sleep(ms) at the first poll, poll the inner future first, then the timer, and drop the inner future when the timer wins.",
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
      "A click handler is synchronous: it cannot wait for the request. It only sets the label to LOADING and starts the work; the work itself goes in a future that the runtime runs later.",
      "SpawnButton: inside onclick, `response.set(LOADING)` and then `spawn(future(function* () { … }))`. In the future, `const resp = yield* http.get(DIOXUSLABS)`; `resp.ok` is false only for a network failure (a 404 is still a response).",
      "AsyncButton: `onclick: () => future(function* () { response.set(LOADING); const resp = yield* http.get(DIOXUSLABS); response.set(resp.ok ? RESPONDED : FAILED); })`. Set LOADING before the await: only that part runs during the click.",
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
      "Part 1 is the page's example: one action, called by each breed's button, and a match on value(). A 404 is still a response: only a thrown error is an Err. Part 2: the latest call wins because the previous task is cancelled before the next one is spawned, not because of a check after the await.",
      "fetchDog: `const r = yield* http.get(dogApi(breed))`; throw when `!r.ok` or `!r.value.success`; return `r.value.json<{ message: string }>().message`. useLatest: three signals (the result, a running flag, the Task). call(): cancel the stored task, spawn a future that sets running and clears the result at its first poll, awaits fn(...args) in try/catch, stores { ok: true, value } or { ok: false, error } and clears running.",
      "Keep call() to `task.peek()?.cancel(); const work = fn(...args); task.set(spawn(future(function* () { … })));`: nothing else changes before the first poll. cancel() and reset() are the same function: `task.peek()?.cancel(); task.set(undefined); running.set(false); result.set(undefined);`. The running flag is cleared there because a cancelled task never reaches the line after its await. value() is `result()`, pending() is `running()`.",
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
      "Start the loop from the poller itself, when it mounts (useFuture, or spawn inside useHook), not from the parent's click handler and not with spawnForever: the scope that is current at the spawn owns the task, and hiding the poller drops exactly that scope's tasks.",
      "The loop never ends, so code after it (or in a catch) never runs: a dropped future is never resumed, not even with an error. Put the cleanup in a drop guard created when the loop starts, `using _stopped = dropGuard(() => running.update((n) => n - 1))`, or in a `finally`, and nowhere else: it must run exactly once.",
      "StatusPoller: `const status = useSignal(() => \"Status: checking...\")`; `useFuture(() => future(function* () { running.update((n) => n + 1); using _g = dropGuard(…); for (let check = 1; ; check++) { const r = yield* http.get(STATUS_URL); status.set(statusLine(r, check)); yield* sleep(CHECK_EVERY_MS); } }))`; return `p(status())`. App: signals `shown` and `running`, and `shown() ? component(StatusPoller, { running }) : null`.",
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
      "Changing the text is not cancelling. Keep the Task that spawn returns in the `task` signal, and call cancel() on it: that drops the future, aborts its request, and nothing after its await ever runs.",
      "The signal must always hold the request that runs now, or nothing. In the request handler, cancel the stored task (if any) before you spawn and store the new one. As the spawned future's last step, after showing the answer, set `task` back to undefined: a finished request is not running.",
      "Cancel Request: `const running = task.peek(); task.set(undefined);` (Rust's task.take()), then `if (running) { running.cancel(); response.set(\"Request cancelled\"); } else response.set(\"No request to cancel\");`. Read the signal inside the handler, at click time, not in the component body.",
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
      "Ask of every line after a `yield*`: does it still run if the future is dropped right there? It does not. Cleanup that must always happen belongs in something whose drop does it.",
      "In breedImages: read the breed once with breed() into a const, add it to RESOURCES_RUNNING, then `using _running = dropGuard(() => …delete(that const)…)` at the top level of the generator (not inside a block that ends before the await), then await http.get. No cleanup after the await: the guard also runs when the run finishes.",
      "DogBrowser: `const dogs = useResource(() => breedImages(breed))`; each breed button `breed.set(b)`; Stop `dogs.cancel()`; the paragraph `dogs.value() ?? \"No dogs yet\"`. Do not clear the value when a breed is picked: Dioxus keeps the old value while the new run loads.",
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
      "Scoring is CPU work: wherever it runs on the main thread (in the handler, or in a spawned task between two awaits) every keystroke waits for it. Give each document's scoring to spawnThread and let a task await the results.",
      "spawnThread starts its job the moment it is called, like std::thread::spawn. So in scoreAll, first call it for every document (docs.map(…)), and only then await the handles one by one: the loop ends when the slowest job does. Spawning and awaiting inside the same loop runs them one after the other.",
      "oninput: `const query = e.value;` then `task.peek()?.cancel(); status.set(scoring(query)); results.set([]);` and `task.set(spawn(future(function* () { const scores = yield* scoreAll(query, docs); results.set(resultLines(docs, scores)); status.set(resultsFor(query)); })))`. Use the event's value, not a signal read while rendering, and never read a signal inside the thread's closure.",
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
      "Part 1: nothing may be borrowed while the task waits. Take no guard before the `yield* sleep(…)`; do all of the read-add-write after it, in one step. Part 2: a signal cannot make a click wait its turn; an async Mutex can, because its lock() is a future.",
      "Counter: `onclick: () => future(function* () { yield* sleep(ADD_DELAY_MS); count.update((n) => n + 1); })`. Reading count() before the sleep and setting it after loses a click when two overlap. SaveQueue: `const server = useHook(() => new Mutex(0, \"saves\"))`, once per component, not in the render body.",
      "SaveQueue's onclick: `future(function* () { clicks.update((n) => n + 1); using turn = yield* server.lock(); const version = turn.value + 1; yield* http.post(SAVE_URL, { version }); turn.value = version; saved.set(version); })`. `using` releases the lock at the end of the block and hands it to the next click; without it every later save waits for ever.",
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
      "Closing the editor unmounts it. Ask of each thing the engine uses: who owns it, and is it dropped at that unmount? The task, the list of synced edits and the sender must all outlive the Editor.",
      "Start the engine with spawnForever, not spawn, and let it record what it synced in SYNCED only, never in a useSignal of the Editor. useHook runs once per mount, not once per app: keep the sender in ENGINE, and start the engine only when ENGINE.peek() is still undefined.",
      "syncEngine: `for (;;) { const edit = yield* edits.recv(); if (edit === undefined) return; for (;;) { const r = yield* http.post(SYNC_URL, edit); if (r.ok && r.value.success) break; yield* sleep(RETRY_MS); } SYNCED.update((d) => [...d, edit]); }`. useSyncEngine: `useHook(() => ENGINE.peek() ?? start())`, where start makes the channel, spawnForever(syncEngine(rx)), stores tx in ENGINE and returns it.",
    ],
    questions: [
      "A spawnForever task is dropped only when the whole app is. What would a clean shutdown of the sync engine look like (unsynced edits, a request in flight), and who should trigger it?",
      "use_coroutine would also give you a task fed by a channel. Why is it the wrong tool for this engine, and when is it the right one?",
    ],
  },
  {
    id: "11-capstone",
    title: "capstone: a breed browser",
    doc: `${PAGE}`,
    teaches:
      "Debounce, cancel, cache and retry in one search-as-you-type app: a resource that reads the query restarts on each " +
      "keystroke and drops the old run wherever it waits (a sleep at its start is the debounce); answers fetched once come " +
      "from a global cache; a failed request is retried after a growing backoff, then reported, never replaced by stale data.",
    minutes: 40,
    hints: [
      "One resource does almost everything: read the query in its closure and every keystroke restarts it, dropping the previous run at whatever it awaits. What should the run await first, so that a keystroke 100 ms later costs no request?",
      "The resource's future: `if (q === \"\") return undefined; yield* sleep(DEBOUNCE_MS);` then `yield* searchBreeds(q)` in a try/catch that returns { query: q, failed: true }. searchBreeds looks in SEARCH_CACHE.peek() before any request and stores only answers. getWithRetry sleeps RETRY_DELAYS_MS[i] after the i-th failure.",
      "getWithRetry: `for (let i = 0; ; i++) { const r = yield* http.get(url); if (r.ok && r.value.success) return r.value; if (i >= RETRY_DELAYS_MS.length) throw new Error(\"failed\"); yield* sleep(RETRY_DELAYS_MS[i]!); }`. searchBreeds: `const hit = SEARCH_CACHE.peek().get(q); if (hit) return hit; const breeds = (yield* getWithRetry(searchUrl(q))).json<{ message: string[] }>().message; SEARCH_CACHE.update((m) => m.set(q, breeds)); return breeds;`.",
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

