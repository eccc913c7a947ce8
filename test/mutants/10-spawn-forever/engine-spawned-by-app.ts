/**
 * Misconception: "the App never unmounts, so a task spawned by the App is as
 * good as spawnForever". Practically it lives as long, but it is started
 * when the App mounts, not when an editor first needs it, and it is not on
 * the root: it belongs to the App's scope. "Stop syncing" clicked before the
 * editor was ever opened then stops an engine nobody asked for, and every
 * later edit is lost. Start the engine where it is needed, on the root.
 */
import {
  button,
  channel,
  component,
  div,
  input,
  p,
  spawn,
  useHook,
  useSignal,
  type Child,
  type Sender,
} from "../../../runtime/index.ts";
import { ENGINE, ENGINE_TASK, SYNCED, stopSyncing, syncEngine } from "../../../solutions/10-spawn-forever.ts";
export * from "../../../solutions/10-spawn-forever.ts";

export function useSyncEngine(): Sender<string> {
  return ENGINE.peek()!;
}

export function Editor(): Child {
  const edits = useSyncEngine();
  const draft = useSignal(() => "", "draft");
  return div(
    input({ value: draft(), oninput: (e) => draft.set(e.value) }),
    button({ onclick: () => (edits.send(draft.peek()), draft.set("")) }, "Save"),
  );
}

export function App(): Child {
  useHook(() => {
    const [tx, rx] = channel<string>("edits");
    ENGINE_TASK.set(spawn(syncEngine(rx)));
    ENGINE.set(tx);
  });
  const open = useSignal(() => false, "open");
  const synced = SYNCED();
  return div(
    button({ onclick: () => open.update((v) => !v) }, open() ? "Close editor" : "Open editor"),
    button({ onclick: () => stopSyncing() }, "Stop syncing"),
    p(`Synced: ${synced.length === 0 ? "nothing yet" : synced.join(", ")}`),
    open() ? component(Editor) : null,
  );
}
