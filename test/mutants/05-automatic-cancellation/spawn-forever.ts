/**
 * Misconception: "spawnForever is the safer spawn: the loop cannot be cut off
 * in the middle of a request". The task belongs to the root, so hiding the
 * poller does not stop it: its request in flight is delivered, it writes the
 * poller's status signal, which is gone ("the value was dropped"), and its
 * cleanup never runs.
 */
import {
  dropGuard,
  future,
  http,
  p,
  sleep,
  spawnForever,
  useHook,
  useSignal,
  type Child,
  type Signal,
} from "../../../runtime/index.ts";
import { CHECK_EVERY_MS, STATUS_URL, statusLine } from "../../../solutions/05-automatic-cancellation.ts";
export * from "../../../solutions/05-automatic-cancellation.ts";
import { withPoller } from "./support/with-poller.ts";

export function StatusPoller({ running }: { running: Signal<number> }): Child {
  const status = useSignal(() => "Status: checking...", "status");
  useHook(() =>
    spawnForever(
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
    ),
  );
  return p(status());
}

// The solution's App, showing this StatusPoller.
export const App = withPoller(StatusPoller);
