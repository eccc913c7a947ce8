/**
 * Probes: futures the tests hand to learner code, to see how it polls them.
 *
 * A probe answers Pending a given number of times (waking itself each time),
 * then Ready with its value. It counts its polls and drops, and, like every
 * runtime future, refuses to be polled after Ready or after being dropped.
 */
import { Poll, pollFn, type Future } from "../../runtime/index.ts";

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
