/**
 * Misconception: "hiding the poller pauses it; showing it again picks up
 * where it left off". Keeping its status and its check count in global
 * signals makes it look that way, but a remounted component is a new one:
 * the old task is gone and a new one starts. Showing the panel again must
 * start afresh, not show a stale answer with a count that goes on.
 */
import { Signal, dropGuard, future, http, p, sleep, useFuture, type Child } from "../../../runtime/index.ts";
import { CHECK_EVERY_MS, STATUS_URL, statusLine } from "../../../solutions/05-automatic-cancellation.ts";
export * from "../../../solutions/05-automatic-cancellation.ts";
import { withPoller } from "./support/with-poller.ts";

const STATUS = Signal.global(() => "Status: checking...", "STATUS");
const CHECKS = Signal.global(() => 0, "CHECKS");

export function StatusPoller({ running }: { running: Signal<number> }): Child {
  useFuture(() =>
    future(
      function* () {
        running.update((n) => n + 1);
        using _stopped = dropGuard(() => running.update((n) => n - 1), "poller stopped");
        for (;;) {
          const r = yield* http.get(STATUS_URL);
          CHECKS.update((n) => n + 1);
          STATUS.set(statusLine(r, CHECKS.peek()));
          yield* sleep(CHECK_EVERY_MS);
        }
      },
      { label: "poll status" },
    ),
  );
  return p(STATUS());
}

// The solution's App, showing this StatusPoller.
export const App = withPoller(StatusPoller);
