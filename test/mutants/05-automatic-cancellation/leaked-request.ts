/**
 * Misconception: "a request half-way through should be allowed to finish".
 * The loop is the poller's own task, but each request runs in a detached
 * spawnForever task that hands the answer back through a channel. Hiding the
 * poller drops the loop, not the request: it stays in flight and is delivered
 * to nobody. The screen looks right; the network says otherwise.
 */
import {
  channel,
  dropGuard,
  future,
  http,
  p,
  sleep,
  spawnForever,
  useFuture,
  useSignal,
  type Child,
  type HttpResult,
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
          const [tx, rx] = channel<HttpResult>("answer");
          spawnForever(
            future(
              function* () {
                tx.send(yield* http.get(STATUS_URL));
              },
              { label: "detached request" },
            ),
          );
          const r = (yield* rx.recv())!;
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
