/**
 * Misconception: "outside the future" means "at module level". A buffer
 * kept in a module variable does survive a dropped nextLine, but it is one
 * buffer for every caller: two sockets read at the same time pour their
 * chunks into it and get each other's half lines. Keep the half-read text
 * in the buffer the caller hands in (pending), one per stream.
 */
import { future, type Future, type Receiver } from "../../../runtime/index.ts";
import type { LineBuffer } from "../../../solutions/07-cancel-safety.ts";
export * from "../../../solutions/07-cancel-safety.ts";

let buffered = "";

export function nextLine(rx: Receiver<string>, _pending: LineBuffer): Future<string | undefined> {
  return future(function* () {
    for (;;) {
      const end = buffered.indexOf("\n");
      if (end >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        return line;
      }
      const chunk = yield* rx.recv();
      if (chunk === undefined) return undefined;
      buffered += chunk;
    }
  });
}
