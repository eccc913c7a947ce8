/**
 * Misconception: "the handler sees the state the screen shows" (React's
 * stale closure). The button's handler sets the opposite of `shown` as read
 * while rendering, not of the signal's value when the click runs. Two clicks
 * that reach the app in the same instant, before it re-renders, both set the
 * same value: the second click is lost, and the panel stays shown (or
 * hidden) after an even number of clicks. Read the signal in the handler
 * (`shown.update((v) => !v)`).
 */
import { button, component, div, p, useSignal, type Child } from "../../../runtime/index.ts";
import { StatusPoller } from "../../../solutions/05-automatic-cancellation.ts";
export * from "../../../solutions/05-automatic-cancellation.ts";

export function App(): Child {
  const shown = useSignal(() => false, "shown");
  const running = useSignal(() => 0, "running");
  const isShown = shown();
  return div(
    button({ onclick: () => shown.set(!isShown) }, isShown ? "Hide status" : "Show status"),
    p(`Pollers running: ${running()}`),
    isShown ? component(StatusPoller, { running }) : null,
  );
}
