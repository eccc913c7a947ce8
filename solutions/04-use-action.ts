/**
 * Kata 04 · use_action: the reference solution.
 * The lesson is in katas/04-use-action.ts.
 */
import {
  button,
  div,
  future,
  http,
  img,
  p,
  spawn,
  useAction,
  useSignal,
  type ActionResult,
  type Child,
  type Future,
  type Task,
} from "../runtime/index.ts";

export const PROMPT = "Click the button to fetch a dog!";
export const FAILED = "Failed to fetch a dog, please try again.";
export const FETCHING = "Fetching a dog…";

export function dogApi(breed: string): string {
  return `https://dog.ceo/api/breed/${breed}/images/random`;
}

// ── Part 1 ─────────────────────────────────────────────────────────────────

export function fetchDog(breed: string): Future<string> {
  return future(function* fetchDog() {
    const r = yield* http.get(dogApi(breed));
    // A thrown error is the action's Err. Two ways to get no dog: no answer at
    // all, and an answer with an error status (reqwest's `send` is Ok for a
    // 404 too; `error_for_status` is what turns it into an Err).
    // Stryker disable next-line ConditionalExpression: `false` does not type-check (r.value needs r.ok) and still ends in an Err (a TypeError on the next line); `true` (no dog ever) is caught, but a marker covers both
    if (!r.ok) throw r.error;
    // Stryker disable next-line StringLiteral: the picker shows FAILED for every Err, never the error's message
    if (!r.value.success) throw new Error(`dog.ceo answered ${r.value.status} for ${breed}`);
    return r.value.json<{ message: string }>().message;
  });
}

export function DogPicker({ breeds }: { breeds: readonly string[] }): Child {
  const dog = useAction(fetchDog);
  const result = dog.value();
  return div(
    // Braces matter: `() => dog.call(b)` would return call()'s future, which
    // makes the listener an async handler that waits for the call. The click
    // only needs to start it.
    breeds.map((b) =>
      button(
        {
          onclick: () => {
            dog.call(b);
          },
        },
        b,
      ),
    ),
    button({ onclick: () => dog.cancel() }, "Cancel"),
    button({ onclick: () => dog.reset() }, "Clear"),
    dog.pending() ? p(FETCHING) : null,
    // Rust's `match dog.value() { Some(Ok(..)), Some(Err(_)), None }`.
    result === undefined ? div(PROMPT) : result.ok ? img({ src: result.value, label: "a dog" }) : div(FAILED),
  );
}

// ── Part 2 ─────────────────────────────────────────────────────────────────

export interface Latest<A extends unknown[], T> {
  call(...args: A): void;
  value(): ActionResult<T> | undefined;
  pending(): boolean;
  cancel(): void;
  reset(): void;
}

export function useLatest<A extends unknown[], T>(fn: (...args: A) => Future<T>): Latest<A, T> {
  // Read by renders: they re-render when these change.
  const result = useSignal<ActionResult<T> | undefined>(() => undefined, "result");
  const running = useSignal(() => false, "running");
  // Read only by handlers, with peek(): no render depends on which task runs.
  const task = useSignal<Task | undefined>(() => undefined, "task");

  const stop = () => {
    // Drops the future now: its request is aborted and nothing after its
    // await runs, so the "no longer pending" it would have written is ours to write.
    task.peek()?.cancel();
    task.set(undefined);
    running.set(false);
    result.set(undefined);
  };

  return {
    call(...args: A) {
      // First, synchronously: the previous call can never write again.
      task.peek()?.cancel();
      // Building the future runs none of it.
      const work = fn(...args);
      task.set(
        spawn(
          future(function* latestCall() {
            // The first poll, not call(), starts the pending state (use_action.rs does the same).
            running.set(true);
            result.set(undefined);
            let outcome: ActionResult<T>;
            try {
              outcome = { ok: true, value: yield* work };
            } catch (error) {
              outcome = { ok: false, error };
            }
            result.set(outcome);
            running.set(false);
          }),
        ),
      );
    },
    value: () => result(),
    pending: () => running(),
    // DOC≠CODE: use_action's cancel hides the result too, whatever its doc comment says.
    cancel: stop,
    reset: stop,
  };
}
