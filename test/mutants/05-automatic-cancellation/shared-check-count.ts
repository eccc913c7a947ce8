/**
 * Misconception: "the check count is just a number: a module-level variable,
 * reset when the loop starts, does the job". With one poller on the screen
 * it does, remounts included. With two, both loops count in the same
 * variable: each shows check numbers the other one advanced, and showing
 * one resets the other's count. State of a component lives in the component
 * (a signal, or a local of its own task), once per instance.
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

let checks = 0; // (one counter for every StatusPoller)

export function StatusPoller({ running }: { running: Signal<number> }): Child {
  const status = useSignal(() => "Status: checking...", "status");
  useFuture(() =>
    future(
      function* () {
        running.update((n) => n + 1);
        using _stopped = dropGuard(() => running.update((n) => n - 1), "poller stopped");
        checks = 0;
        for (;;) {
          const r = yield* http.get(STATUS_URL);
          status.set(statusLine(r, ++checks));
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
