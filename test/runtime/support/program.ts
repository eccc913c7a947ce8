/**
 * Random async programs: a few owners, a few tasks, each a list of awaits and
 * task-handle calls. `programArb` generates them; `runProgram` runs one on a
 * fresh runtime and returns it (its trace is what determinism and timeline
 * tests look at). Everything a run needs is created inside `runProgram`.
 */
import fc from "fast-check";
import {
  Poll,
  dropGuard,
  future,
  pollFn,
  sleep,
  spawn,
  yieldNow,
  type Future,
  type Task,
} from "../../../runtime/index.ts";
import { Runtime, type Owner, type RuntimeOptions } from "../../../runtime/testing.ts";
import type { Await } from "../../../runtime/future.ts";

export type Op =
  | { op: "sleep"; ms: number }
  | { op: "yield" }
  /** Pending `times` times, waking itself each time. */
  | { op: "spin"; times: number }
  /** Spawns a child task (onto this task's owner) running `child`. */
  | { op: "spawn"; child: Op[] }
  /** Calls a method on the k-th task spawned so far (if it exists). */
  | { op: "cancel" | "wake" | "pause" | "resume"; task: number }
  /** A drop guard held for the rest of the body. */
  | { op: "guard"; label: string }
  /** Awaits a child that fails, and catches the error. */
  | { op: "fail-and-catch" }
  /** Drops every task of an owner, in the unspecified order (what an unmount does). */
  | { op: "drop-owner"; owner: number };

export interface Program {
  owners: { id: number; height: number }[];
  tasks: { owner: number; label: string; ops: Op[] }[];
}

const leafOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant("sleep" as const), ms: fc.nat(30) }) },
  { weight: 2, arbitrary: fc.constant({ op: "yield" as const }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("spin" as const), times: fc.nat(3) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constantFrom("cancel" as const, "wake" as const, "pause" as const, "resume" as const),
      task: fc.nat(8),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("guard" as const),
      label: fc.constantFrom("close socket", "release lock", "g"),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: "fail-and-catch" as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("drop-owner" as const), owner: fc.nat(3) }) },
);

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: leafOp },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("spawn" as const), child: fc.array(leafOp, { maxLength: 4 }) }) },
);

export const programArb: fc.Arbitrary<Program> = fc.record({
  owners: fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 9 }), height: fc.integer({ min: 1, max: 3 }) }), {
    minLength: 1,
    maxLength: 3,
    selector: (o) => o.id,
  }),
  tasks: fc.array(
    fc.record({
      owner: fc.nat(3),
      label: fc.constantFrom("fetch", "poller", "render-loop", "a", "a-rather-long-task-label-that-will-not-fit"),
      ops: fc.array(op, { maxLength: 6 }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
});

export interface Run {
  rt: Runtime;
  /** The message of what runToCompletion threw (a stall, when a task stays paused), if anything. */
  error: string | undefined;
}

/**
 * Runs `program` to completion, then drops the runtime (cancelling what is
 * left in the unspecified order). `step`, when given, drives the clock in
 * steps of that many ms instead of letting runToCompletion jump.
 */
export function runProgram(program: Program, options: RuntimeOptions = {}, drive?: (rt: Runtime) => void): Run {
  const rt = new Runtime(options);
  const owners: Owner[] = [rt.root, ...program.owners.map((o) => ({ ...o, name: `scope${o.id}` }))];
  const ownerAt = (i: number) => owners[i % owners.length]!;
  const tasks: Task[] = [];

  function* run(ops: readonly Op[], from: number): Generator<Await, void, unknown> {
    for (let i = from; i < ops.length; i++) {
      const o = ops[i]!;
      switch (o.op) {
        case "sleep":
          yield* sleep(o.ms);
          break;
        case "yield":
          yield* yieldNow();
          break;
        case "spin": {
          let left = o.times;
          yield* pollFn((cx) => (left-- === 0 ? Poll.Ready(undefined) : (cx.waker.wake(), Poll.Pending)), {
            label: "spin",
          });
          break;
        }
        case "spawn":
          tasks.push(spawn(body(o.child), { label: "child" }));
          break;
        case "guard": {
          using _g = dropGuard(() => {}, o.label);
          yield* run(ops, i + 1);
          return;
        }
        case "fail-and-catch":
          try {
            yield* future(function* failing() {
              yield* sleep(1);
              throw new Error("request failed");
            });
          } catch {
            // the error surfaced at the await; the task goes on
          }
          break;
        case "drop-owner":
          rt.dropTasksOf(ownerAt(o.owner));
          break;
        default:
          tasks[o.task]?.[o.op]();
      }
    }
  }
  const body = (ops: readonly Op[]): Future<void> => future(() => run(ops, 0));

  for (const t of program.tasks) tasks.push(rt.spawnIn(ownerAt(t.owner), body(t.ops), { label: t.label }));
  let error: string | undefined;
  try {
    if (drive === undefined) rt.runToCompletion({ maxTime: 10_000 });
    else drive(rt);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  rt[Symbol.dispose]();
  return { rt, error };
}
