/**
 * Misconception: "only write guards lock; a read guard can stay open". A read
 * guard held across the sleep forbids every write meanwhile, this task's own
 * `set` included: it panics with AlreadyBorrowed, and the runtime reports the
 * guard held across the await. (In Rust this exact function would not even
 * compile: `set` takes `&mut self` while `read`'s guard still borrows the
 * signal. The other clicks' tasks hold their own copies of the signal, so
 * the collisions between them remain run-time panics there too.)
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
            using current = count.read();
            yield* sleep(ADD_DELAY_MS);
            count.set(current.value + 1);
          }),
      },
      "+1",
    ),
  );
}
