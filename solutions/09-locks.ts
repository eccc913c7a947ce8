/**
 * Kata 09 · Locks: the reference solution.
 * The lesson is in katas/09-locks.ts.
 *
 * Part 1 keeps every signal guard inside one synchronous step: nothing is
 * borrowed while the task waits. Part 2 needs the opposite, exclusive access
 * that lasts across an await, and gets it from an async Mutex, whose waiters
 * queue instead of panicking.
 */
import { Mutex, button, div, future, http, p, sleep, useHook, useSignal } from "../runtime/index.ts";

/** How long after a click its +1 lands on the counter. */
export const ADD_DELAY_MS = 30;
/** Where SaveQueue sends each save. */
export const SAVE_URL = "https://api.example.com/save";

export function Counter() {
  const count = useSignal(() => 0, "count");
  return div(
    p(`Count: ${count()}`),
    button(
      {
        onclick: () =>
          future(function* () {
            // Wait first, holding nothing: other clicks and renders read `count` meanwhile.
            yield* sleep(ADD_DELAY_MS);
            // Then read, add and write in one step with no await inside: no other
            // task can run between the read and the write, so no click is lost.
            // (`{ using g = count.write(); g.value += 1; }` would do the same.)
            count.update((n) => n + 1);
          }),
      },
      "+1",
    ),
  );
}

export function SaveQueue() {
  const clicks = useSignal(() => 0, "clicks");
  const saved = useSignal(() => 0, "saved");
  // One lock for the component's whole life, so a hook creates it once. The
  // value it guards is the last version the server confirmed: reading it,
  // saving the next one and writing it back is a read-modify-write that spans
  // an await, which is exactly what a signal guard must not do and a mutex may.
  const server = useHook(() => new Mutex(0, "saves"));
  return div(
    button(
      {
        onclick: () =>
          future(function* () {
            clicks.update((n) => n + 1);
            // Queue up now, during the click (the first poll of an async handler
            // runs inside it): the mutex is FIFO, so saves take turns in click order.
            using turn = yield* server.lock();
            const version = turn.value + 1;
            // The lock stays held across the request: the next save waits in lock().
            yield* http.post(SAVE_URL, { version });
            turn.value = version;
            saved.set(version);
            // `turn` is released here, at the end of its block (or if the task is
            // dropped), which hands the lock to the next click's task.
          }),
      },
      "Save",
    ),
    p(`Saved ${saved()} of ${clicks()}`),
  );
}
