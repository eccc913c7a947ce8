/**
 * Misconception: "no chunk means the end", tested with `!chunk`. The end
 * of a channel is `undefined` (Rust's `None`); an empty string is a chunk
 * like any other (a socket can deliver zero bytes of a line), and taking it
 * for the end stops reading while lines are still coming. Compare with
 * undefined, never test a value that can be "" or 0 for truthiness.
 */
import { future, type Future, type Receiver } from "../../../runtime/index.ts";
import type { LineBuffer } from "../../../solutions/07-cancel-safety.ts";
export * from "../../../solutions/07-cancel-safety.ts";

export function nextLine(rx: Receiver<string>, pending: LineBuffer): Future<string | undefined> {
  return future(function* () {
    for (;;) {
      const end = pending.text.indexOf("\n");
      if (end >= 0) {
        const line = pending.text.slice(0, end);
        pending.text = pending.text.slice(end + 1);
        return line;
      }
      const chunk = yield* rx.recv();
      if (!chunk) return undefined;
      pending.text += chunk;
    }
  });
}
