/**
 * Not a mutant: the solution's App, showing the StatusPoller it is given.
 *
 * The solution's own App refers to the solution's StatusPoller, so a mutant
 * that only overrides StatusPoller must also export an App that shows it:
 * `export const App = withPoller(StatusPoller);`.
 */
import { button, component, div, p, useSignal, type Child, type Signal } from "../../../../runtime/index.ts";

export function withPoller(StatusPoller: (props: { running: Signal<number> }) => Child): () => Child {
  return function App(): Child {
    const shown = useSignal(() => false, "shown");
    const running = useSignal(() => 0, "running");
    return div(
      button({ onclick: () => shown.update((v) => !v) }, shown() ? "Hide status" : "Show status"),
      p(`Pollers running: ${running()}`),
      shown() ? component(StatusPoller, { running }) : null,
    );
  };
}
