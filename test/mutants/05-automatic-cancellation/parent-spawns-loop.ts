/**
 * Misconception: "the loop is the poller's work, wherever I start it". Here
 * the parent starts it from its "Show status" click handler and keeps the
 * status itself, so the task belongs to the parent: hiding the panel removes
 * the text, not the task. It keeps polling while hidden, its cleanup never
 * runs, and showing the panel again starts a second loop beside the first.
 */
import {
  button,
  div,
  dropGuard,
  future,
  http,
  p,
  sleep,
  spawn,
  useSignal,
  type Child,
} from "../../../runtime/index.ts";
import { CHECK_EVERY_MS, STATUS_URL, statusLine } from "../../../solutions/05-automatic-cancellation.ts";
export * from "../../../solutions/05-automatic-cancellation.ts";

export function App(): Child {
  const shown = useSignal(() => false, "shown");
  const running = useSignal(() => 0, "running");
  const status = useSignal(() => "Status: checking...", "status");
  const toggle = () => {
    if (shown.peek()) return shown.set(false);
    shown.set(true);
    status.set("Status: checking...");
    spawn(
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
  };
  return div(
    button({ onclick: toggle }, shown() ? "Hide status" : "Show status"),
    p(`Pollers running: ${running()}`),
    shown() ? p(status()) : null,
  );
}
