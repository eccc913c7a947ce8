/**
 * Misconception: "copy the value out before the await and the problem is
 * solved". No guard is held, so nothing panics, but the read and the write
 * are now on both sides of the await: two overlapping clicks both read the
 * same count and both write count + 1. One click is lost.
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
            const before = count();
            yield* sleep(ADD_DELAY_MS);
            count.set(before + 1);
          }),
      },
      "+1",
    ),
  );
}
