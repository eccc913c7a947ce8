/**
 * Misconception: "cancelling throws, as an aborted fetch rejects with an
 * AbortError, so I clean up in catch". A dropped future is not resumed with
 * an error: it is never resumed at all. Only `finally` and drop guards run,
 * so this cleanup never happens and "Pollers running" only goes up.
 */
import { future, http, p, sleep, useFuture, useSignal, type Child, type Signal } from "../../../runtime/index.ts";
import { CHECK_EVERY_MS, STATUS_URL, statusLine } from "../../../solutions/05-automatic-cancellation.ts";
export * from "../../../solutions/05-automatic-cancellation.ts";
import { withPoller } from "./support/with-poller.ts";

export function StatusPoller({ running }: { running: Signal<number> }): Child {
  const status = useSignal(() => "Status: checking...", "status");
  useFuture(() =>
    future(
      function* () {
        running.update((n) => n + 1);
        try {
          for (let check = 1; ; check++) {
            const r = yield* http.get(STATUS_URL);
            status.set(statusLine(r, check));
            yield* sleep(CHECK_EVERY_MS);
          }
        } catch (cancelled) {
          running.update((n) => n - 1);
          throw cancelled;
        }
      },
      { label: "poll status" },
    ),
  );
  return p(status());
}

// The solution's App, showing this StatusPoller.
export const App = withPoller(StatusPoller);
