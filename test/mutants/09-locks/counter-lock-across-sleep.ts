/**
 * Misconception: "an async mutex makes any handler safe, so wrap the whole
 * +1 in one". Nothing panics any more, but the lock is held across the
 * sleep, so the clicks take turns: two quick clicks land 30 ms and 60 ms
 * after the first one, not each 30 ms after its own click. A lock is for
 * work that must not overlap; these +1s may overlap, they only must not
 * hold a borrow across the await.
 */
import { Mutex, button, div, future, p, sleep, useHook, useSignal } from "../../../runtime/index.ts";
import { ADD_DELAY_MS } from "../../../solutions/09-locks.ts";
export * from "../../../solutions/09-locks.ts";

export function Counter() {
  const count = useSignal(() => 0, "count");
  const adds = useHook(() => new Mutex(0, "adds"));
  return div(
    p(`Count: ${count()}`),
    button(
      {
        onclick: () =>
          future(function* () {
            using _turn = yield* adds.lock();
            yield* sleep(ADD_DELAY_MS);
            count.update((n) => n + 1);
          }),
      },
      "+1",
    ),
  );
}
