/**
 * Misconception: "the value the render saw is the value to toggle". The
 * button sets `open` to the opposite of what the last render read, so two
 * clicks in the same instant (before the app re-renders) both set the same
 * value: the second click is lost and the editor is open when it should be
 * closed. A handler runs later than the render that made it: read the
 * signal when it runs (`open.update((v) => !v)`).
 */
import { button, component, div, p, useSignal, type Child } from "../../../runtime/index.ts";
import { Editor, SYNCED, stopSyncing } from "../../../solutions/10-spawn-forever.ts";
export * from "../../../solutions/10-spawn-forever.ts";

export function App(): Child {
  const open = useSignal(() => false, "open");
  const isOpen = open();
  const synced = SYNCED();
  return div(
    button({ onclick: () => open.set(!isOpen) }, isOpen ? "Close editor" : "Open editor"),
    button({ onclick: () => stopSyncing() }, "Stop syncing"),
    p(`Synced: ${synced.length === 0 ? "nothing yet" : synced.join(", ")}`),
    isOpen ? component(Editor) : null,
  );
}
