/**
 * Misconception: "make sure the loop cannot start twice": a module-level
 * flag skips the loop when one already runs, and the drop guard clears it.
 * With one poller this is harmless. With two on the screen, the second
 * one's loop ends at once: it never sends a request, stays on
 * "checking...", and is not counted in "Pollers running". A task belongs to
 * one component; useFuture already starts it once per mount, and each mount
 * needs its own.
 */
import {
  dropGuard,
  future,
  http,
  p,
  sleep,
  useFuture,
  useSignal,
  type Child,
  type Signal,
} from "../../../runtime/index.ts";
import { CHECK_EVERY_MS, STATUS_URL, statusLine } from "../../../solutions/05-automatic-cancellation.ts";
export * from "../../../solutions/05-automatic-cancellation.ts";
import { withPoller } from "./support/with-poller.ts";

let looping = false; // (one flag for every StatusPoller)

export function StatusPoller({ running }: { running: Signal<number> }): Child {
  const status = useSignal(() => "Status: checking...", "status");
  useFuture(() =>
    future(
      function* () {
        if (looping) return;
        looping = true;
        running.update((n) => n + 1);
        using _stopped = dropGuard(() => {
          looping = false;
          running.update((n) => n - 1);
        }, "poller stopped");
        for (let check = 1; ; check++) {
          const r = yield* http.get(STATUS_URL);
          status.set(statusLine(r, check));
          yield* sleep(CHECK_EVERY_MS);
        }
      },
      { label: "poll status" },
    ),
  );
  return p(status());
}

// The solution's App, showing this StatusPoller.
export const App = withPoller(StatusPoller);
