/**
 * Probes: futures the tests hand to learner code, to see how it polls them.
 *
 * A probe answers Pending a given number of times (waking itself each time),
 * then Ready with its value. It counts its polls and drops, and, like every
 * runtime future, refuses to be polled after Ready or after being dropped.
 */
import { Poll, future, pollFn, sleep, type Future } from "../../runtime/index.ts";
import { currentRuntime } from "../../runtime/testing.ts";

export interface Probe<T> {
  readonly future: Future<T>;
  readonly name: string;
  /** How many times it was polled. */
  polls: number;
  /** How many times it was dropped (the runtime keeps this at most 1). */
  drops: number;
  /** True once it returned Ready. */
  done: boolean;
}

export function probe<T>(name: string, pendings: number, value: T, onPoll?: (p: Probe<T>) => void): Probe<T> {
  let left = pendings;
  const p: Probe<T> = {
    name,
    polls: 0,
    drops: 0,
    done: false,
    future: pollFn(
      (cx) => {
        p.polls++;
        onPoll?.(p);
        if (left === 0) {
          p.done = true;
          return Poll.Ready(value);
        }
        left--;
        cx.waker.wake();
        return Poll.Pending;
      },
      { label: name, onDrop: () => p.drops++ },
    ),
  };
  return p;
}

export interface Timed<T> {
  readonly future: Future<T>;
  readonly name: string;
  /** Polls of this future. */
  polls: number;
  /** Times its finalizer ran (it is a generator future with a `finally`). */
  finalizers: number;
  /** Virtual time of its first poll, when its timer started; undefined until then. */
  startedAt: number | undefined;
  /** Virtual time it returned Ready, or undefined. */
  readyAt: number | undefined;
}

/**
 * An async block that sleeps `ms` (from its first poll: like an `async fn`
 * whose timer starts when it is first awaited), then is Ready with `value`.
 * It counts its polls and how often its `finally` ran.
 */
export function timed<T>(name: string, ms: number, value: T): Timed<T> {
  const t: Timed<T> = {
    name,
    polls: 0,
    finalizers: 0,
    startedAt: undefined,
    readyAt: undefined,
    future: undefined as never,
  };
  const body = future(
    function* () {
      try {
        yield* sleep(ms);
        return value;
      } finally {
        t.finalizers++;
      }
    },
    { label: name },
  );
  (t as { future: Future<T> }).future = pollFn(
    (cx) => {
      t.polls++;
      const rt = currentRuntime();
      if (t.startedAt === undefined) t.startedAt = rt?.now;
      const p = body.poll(cx);
      if (p.ready) t.readyAt = rt?.now;
      return p;
    },
    { label: name, onDrop: () => body[Symbol.dispose]() },
  );
  return t;
}
