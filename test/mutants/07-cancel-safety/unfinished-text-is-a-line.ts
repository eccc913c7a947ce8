/**
 * Misconception: "when the channel ends, whatever is left in the buffer is
 * the last line". Text after the last "\n" was never finished: the sender
 * stopped mid-line (a dropped connection, a cut-off write). The kata's
 * nextLine returns whole lines only, so at the end it returns undefined
 * and a caller that cares can still look at pending.text.
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
      if (chunk === undefined) {
        if (pending.text === "") return undefined;
        const last = pending.text;
        pending.text = "";
        return last;
      }
      pending.text += chunk;
    }
  });
}
