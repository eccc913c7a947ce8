/**
 * What the executor says when a run goes wrong: a stall, a livelock, the time
 * limit, a panic, and a misuse of spawn or of the clock.
 *
 * Every text follows errors.ts: what happened, where, why it matters in async
 * code, what to do. Recording the event in the trace is the caller's part.
 */
import { LearnerError, describeValue, isLearnerSite, isStackOverflow, stackOverflow, userSiteOf } from "./errors.ts";
import type { Future } from "./future.ts";
import { isThenable } from "./guard.ts";
import type { Owner, Task } from "./tasks.ts";

export function firstLine(s: string): string {
  const i = s.indexOf("\n");
  return i < 0 ? s : s.slice(0, i);
}

function describeTask(task: Task): string {
  const where = task.spawnedAt === undefined ? "" : `, spawned at ${task.spawnedAt}`;
  const paused = task.isPaused ? " (paused: nothing polls it until resume())" : "";
  return `task ${task}${where}, waiting on ${task.future.awaiting()}${paused}`;
}

/**
 * Where the learner's code made a stuck task: the line that built the future
 * it is suspended in, else the line that built its own future, else the
 * spawn, whichever is in a kata (a test that spawns the learner's future is
 * not where the mistake is). Undefined when none of them is.
 */
function learnerSite(task: Task): { where: string; builtStuckFuture: boolean } | undefined {
  const leaf = task.future.innermost().built?.where;
  if (isLearnerSite(leaf)) return { where: leaf, builtStuckFuture: true };
  for (const where of [task.future.built?.where, task.spawnedAt])
    if (isLearnerSite(where)) return { where, builtStuckFuture: false };
  return undefined;
}

/** Tasks are pending and nothing can wake them (`stuck`: the live tasks, in spawn order). */
export function stallReport(now: number, stuck: Task[]): LearnerError {
  const what = `Stalled at t=${now} ms: ${stuck.length === 1 ? "1 task is" : `${stuck.length} tasks are`} pending, and nothing in the runtime can wake ${stuck.length === 1 ? "it" : "them"} (no timer, no other task runs).`;
  const details = stuck.map((t) => describeTask(t));
  const first = stuck.find((t) => learnerSite(t) !== undefined);
  const learner = first === undefined ? undefined : learnerSite(first);
  if (first !== undefined && learner !== undefined) {
    // The learner's code: speak to the learner, and point at their line.
    const waiting = first.future.awaiting();
    return new LearnerError({
      kind: "Stall",
      what,
      details,
      where: learner.where,
      why: learner.builtStuckFuture
        ? `your future returned Pending without arranging a wake: nothing will ever poll it again, so the task waits for ever (in an app, a spinner that never stops).`
        : `your task waits on ${waiting}, and nothing will ever complete it: in an app, a spinner that never stops.`,
      fix: learner.builtStuckFuture
        ? "Before your future returns Poll.Pending, make sure something will wake it: call cx.waker.wake() to be polled again, " +
          "or poll a future that wakes it (sleep, a request, a channel, a lock that will be released)."
        : "Make sure what it awaits can finish: a lock it waits for is released (hold it with `using`), a channel it reads gets a message or is closed, " +
          "and every hand-written future it awaits calls cx.waker.wake() before it returns Pending.",
    });
  }
  return new LearnerError({
    kind: "Stall",
    what,
    details,
    where: stuck[0]?.spawnedAt,
    why:
      "A future that returns Pending promises to call cx.waker.wake() when it can make progress. " +
      "If no one ever wakes it, the task sleeps for ever: in an app, a spinner that never stops.",
    fix:
      "Before returning Poll.Pending, make sure something will wake the task: call cx.waker.wake() " +
      "(to be polled again), or await a future that does (sleep, a request, a channel, a lock that will be released). " +
      "A task meant to wait for input that comes later (a channel message, a click) is not stuck: drive it with advance or advanceTo instead of runToCompletion.",
  });
}

/** `budget` polls ran at one instant; `task` was the last. */
export function livelockReport(now: number, budget: number, task: Task): LearnerError {
  return new LearnerError({
    kind: "Livelock",
    what: `Livelock at t=${now} ms: ${budget.toLocaleString("en-US")} polls ran without the clock moving; the last was ${task}.`,
    details: [describeTask(task)],
    where: task.spawnedAt,
    why:
      "A task that wakes itself on every poll without ever finishing keeps the executor busy for ever at the same instant: " +
      "no timer fires, and in an app no frame is drawn.",
    fix: "Wake the task only when it can make progress, await a timer (sleep) between attempts, or return Ready when done.",
  });
}

/** runToCompletion reached `maxTime` with `live` tasks still running. */
export function timeLimitReport(
  now: number,
  maxTime: number,
  next: number,
  live: Task[],
  jumps?: number,
): LearnerError {
  return new LearnerError({
    kind: "TimeLimit",
    what:
      jumps === undefined
        ? `runToCompletion stopped at t=${now} ms: the next timer is at t=${next} ms, past maxTime=${maxTime} ms, and ${live.length} task(s) are still running.`
        : `runToCompletion stopped at t=${now} ms after ${jumps.toLocaleString("en-US")} jumps of the clock from timer to timer, and ${live.length} task(s) are still running: ` +
          "a task that waits a little in a loop that never ends (`while (true) yield* sleep(1)`) would keep going for ever.",
    details: live.map((t) => describeTask(t)),
    where: live[0]?.spawnedAt,
    why: "A task that never finishes (a loop with a sleep inside, for example) keeps an app busy; a test must say how long to watch it.",
    fix: "Make the tasks finish, cancel them, or drive the clock with advanceTo(t) when they are meant to run for ever.",
  });
}

/** A task's poll threw: a misuse the runtime already explained keeps its text; anything else is a panic. */
export function panicReport(task: Task, thrown: unknown): LearnerError {
  const where = task.spawnedAt === undefined ? "" : ` (spawned at ${task.spawnedAt})`;
  const error = isStackOverflow(thrown) ? stackOverflow(thrown as RangeError, "while a task was polled") : thrown;
  if (error instanceof LearnerError) {
    // A misuse the runtime already explained: keep its text, say which task it came from.
    error.details.push(`in task ${task}${where}`);
    error.where ??= task.spawnedAt;
    error.message = error.render();
    return error;
  }
  const message = error instanceof Error ? error.message : describeValue(error);
  return new LearnerError(
    {
      kind: "Panic",
      what: `Task ${task}${where} panicked: ${message}`,
      where: error instanceof Error ? userSiteOf(error.stack) : undefined,
      why:
        "Dioxus does not catch a panic inside a task: the error escapes the poll and takes the app down, " +
        "and nothing that task would have done afterwards happens.",
      fix: "Catch the error inside the task (try/catch around the await that can fail) and show it in the UI instead.",
    },
    { cause: error },
  );
}

/** Why `future` may not be spawned onto `owner` now, or undefined if it may. */
export function spawnMisuse(future: unknown, owner: Owner, root: Owner, disposed: boolean): LearnerError | undefined {
  if (root.closing && (owner.closing || owner === root)) {
    return new LearnerError({
      kind: "SpawnWhileDropping",
      what: `spawn was called while the whole app is being dropped, from useDrop or a finalizer (of ${owner.name}, scope ${owner.id}).`,
      why: "The app is shutting down: the runtime drops every task right after, so a task spawned now would never be polled.",
      fix: "Do the cleanup synchronously; work that must outlive the app cannot run in it.",
    });
  }
  if (owner.closing) {
    return new LearnerError({
      kind: "SpawnWhileDropping",
      what: `spawn was called while ${owner.name} (scope ${owner.id}) is being dropped, from useDrop or a finalizer.`,
      why:
        "The component is going away: a task spawned onto it now would belong to a dead scope, and in Dioxus it leaks or runs " +
        "in the wrong place (Dioxus issue #4064).",
      fix: "If cleanup must do async work that outlives the component, start it with spawnForever, and let it use only what lives as long as the app.",
    });
  }
  if (disposed) {
    return new LearnerError({
      kind: "RuntimeDropped",
      what: "spawn was called on a runtime that has already been dropped.",
      why: "Dropping the runtime cancelled every task; a new one would never be polled.",
      fix: "Spawn while the app (the runtime) is alive, or create a new runtime for a new run.",
    });
  }
  if (typeof (future as Future<unknown> | undefined)?.poll !== "function") {
    if (isThenable(future)) return spawnedPromise();
    return new LearnerError({
      kind: "SpawnNotFuture",
      what: `spawn was given ${describeValue(future)}, not a Future.`,
      why: "Only a future can be polled by the executor. A function or a value does nothing on its own.",
      fix:
        typeof future === "function"
          ? "Pass the future, not a function making it: spawn(future(function* () { … })) or spawn(makeFuture())."
          : "Build a future with future(function* () { … }) and spawn that.",
    });
  }
  return undefined;
}

/**
 * spawn of a Promise. When spawn was called outside the learner's code (a
 * test spawning what a kata function returned), the mistake is in that
 * function, not at the spawn: the text says so.
 */
function spawnedPromise(): LearnerError {
  const error = new LearnerError({
    kind: "SpawnNotFuture",
    what: "spawn was given a Promise, not a Future.",
    why:
      "Only a Future can be spawned: the executor polls it step by step, in virtual time. A Promise is not a Future here: " +
      "it starts at once, runs in real time outside the runtime, and nothing can poll it or cancel it.",
    fix:
      "Make the function that built it return a Future, `return future(function* () { … })`, never an `async` function or a Promise, " +
      "with `yield*` where you would write `await` (for example `yield* sleep(100)`).",
  });
  if (error.where !== undefined && !isLearnerSite(error.where)) {
    error.details.push(
      `spawned by the test at ${error.where}: the Promise came from the function of your kata that the test called to build the future (is it \`async\`?)`,
    );
    error.where = undefined;
    error.message = error.render();
  }
  return error;
}

/** advanceTo(t) with t before now. */
export function clockBackwards(t: number, now: number): LearnerError {
  return new LearnerError({
    kind: "ClockBackwards",
    what: `advanceTo(${t}) asked to move the clock backwards (it is at t=${now}).`,
    why: "Virtual time only moves forward, as real time does.",
    fix: "Pass a time at or after the current one, or use advance(ms) with ms ≥ 0.",
  });
}
