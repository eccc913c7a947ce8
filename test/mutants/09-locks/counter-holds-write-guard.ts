/**
 * Misconception: "a write guard is fine as long as I write through it at the
 * end". The guard is taken before the sleep and released after it, so it
 * stays open while other clicks and re-renders run: the next borrow of
 * `count` panics with AlreadyBorrowedMut (the trap Dioxus's signals docs warn
 * about under "Signals with Async"); rustc compiles it happily. And the
 * runtime reports the guard held across the await even when nothing collides.
 */
import { button, div, future, p, sleep, useSignal } from "../../../runtime/index.ts";
import { ADD_DELAY_MS } from "../../../solutions/09-locks.ts";
export * from "../../../solutions/09-locks.ts";

export function Counter() {
  const count = useSignal(() => 0, "count");
  return div(
    p(`Count: ${count()}`),
    button(
      {
        onclick: () =>
          future(function* () {
            using g = count.write();
            yield* sleep(ADD_DELAY_MS);
            g.value += 1;
          }),
      },
      "+1",
    ),
  );
}
