/**
 * Misconception: "cleanup in two places, to be safe". The task's drop guard
 * runs when the unmount drops the task, and useDrop runs a moment later in
 * the same unmount: the count is taken back twice and goes below zero.
 * Cleanup must run exactly once.
 */
import {
  dropGuard,
  future,
  http,
  p,
  sleep,
  useDrop,
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
          const r = yield* http.get(STATUS_URL);
          status.set(statusLine(r, check));
          yield* sleep(CHECK_EVERY_MS);
        }
      },
      { label: "poll status" },
    ),
  );
  useDrop(() => running.update((n) => n - 1));
  return p(status());
}

// The solution's App, showing this StatusPoller.
export const App = withPoller(StatusPoller);
