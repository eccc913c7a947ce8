/**
 * Misconception: "polling is setInterval: fire a check every 50 ms". Each
 * check is its own task, started 50 ms after the previous one started, not
 * after its answer: with a slow server several checks overlap and answers
 * land out of order. The tasks are still the poller's, so hiding stops them
 * all; what is wrong is the polling itself.
 */
import {
  dropGuard,
  future,
  http,
  p,
  sleep,
  spawn,
  useFuture,
  useSignal,
  type Child,
  type Signal,
} from "../../../runtime/index.ts";
import { CHECK_EVERY_MS, STATUS_URL, statusLine } from "../../../solutions/05-automatic-cancellation.ts";
export * from "../../../solutions/05-automatic-cancellation.ts";
import { withPoller } from "./support/with-poller.ts";

export function StatusPoller({ running }: { running: Signal<number> }): Child {
  const status = useSignal(() => "Status: checking...", "status");
  useFuture(() =>
    future(
      function* () {
        running.update((n) => n + 1);
        using _stopped = dropGuard(() => running.update((n) => n - 1), "poller stopped");
        for (let check = 1; ; check++) {
          const n = check;
          spawn(
            future(
              function* () {
                status.set(statusLine(yield* http.get(STATUS_URL), n));
              },
              { label: `check #${n}` },
            ),
          );
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
