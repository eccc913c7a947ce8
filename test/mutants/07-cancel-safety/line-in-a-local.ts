/**
 * Misconception: "recv() is cancel safe, so a loop over recv() is cancel
 * safe too". Each recv is, but this future gathers the chunks of a line in
 * a local variable across several awaits: when it is dropped between two
 * chunks (the timer won the select), the half line dies with it and the
 * next call starts from nothing. Keep received text in the caller's buffer
 * (pending.text), where it outlives the future.
 */
import { future, type Future, type Receiver } from "../../../runtime/index.ts";
import type { LineBuffer } from "../../../solutions/07-cancel-safety.ts";
export * from "../../../solutions/07-cancel-safety.ts";

export function nextLine(rx: Receiver<string>, pending: LineBuffer): Future<string | undefined> {
  return future(function* () {
    let text = pending.text;
    pending.text = "";
    for (;;) {
      const end = text.indexOf("\n");
      if (end >= 0) {
        pending.text = text.slice(end + 1);
        return text.slice(0, end);
      }
      const chunk = yield* rx.recv();
      if (chunk === undefined) return undefined;
      text += chunk;
    }
  });
}
