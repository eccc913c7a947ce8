/**
 * Not a mutant: the solution's App and Editor, rebuilt around the part a
 * mutant replaces.
 *
 * The solution's App refers to the solution's own Editor, and its Editor to
 * its own useSyncEngine, so a mutant that overrides one of those must also
 * export an App that uses it:
 *   export const App = withEditor(editorUsing(useSyncEngine));
 */
import {
  Signal,
  button,
  channel,
  component,
  div,
  input,
  p,
  spawnForever,
  useHook,
  useSignal,
  type Child,
  type Future,
  type Receiver,
  type Sender,
} from "../../../../runtime/index.ts";
import { ENGINE as SOLUTION_ENGINE, ENGINE_TASK, SYNCED, stopSyncing } from "../../../../solutions/10-spawn-forever.ts";

/** The solution's App, showing the Editor it is given; its "Stop syncing" button calls `stop`. */
export function withEditor(Editor: () => Child, stop: () => void = stopSyncing): () => Child {
  return function App(): Child {
    const open = useSignal(() => false, "open");
    const synced = SYNCED();
    return div(
      button({ onclick: () => open.update((v) => !v) }, open() ? "Close editor" : "Open editor"),
      button({ onclick: () => stop() }, "Stop syncing"),
      p(`Synced: ${synced.length === 0 ? "nothing yet" : synced.join(", ")}`),
      open() ? component(Editor) : null,
    );
  };
}

/** The solution's Editor, sending its edits to the sender `useSyncEngine` gives it. */
export function editorUsing(useSyncEngine: () => Sender<string>): () => Child {
  return function Editor(): Child {
    const edits = useSyncEngine();
    const draft = useSignal(() => "", "draft");
    return div(
      input({ value: draft(), oninput: (e) => draft.set(e.value) }),
      button({ onclick: () => (edits.send(draft.peek()), draft.set("")) }, "Save"),
    );
  };
}

/** The solution's useSyncEngine, starting the engine `syncEngine` builds (its task kept in the solution's ENGINE_TASK). */
export function startingOnce(syncEngine: (rx: Receiver<string>) => Future<void>): () => Sender<string> {
  const ENGINE = Signal.global<Sender<string> | undefined>(() => undefined, "ENGINE");
  return () =>
    useHook(() => {
      const running = ENGINE.peek();
      if (running !== undefined) return running;
      const [tx, rx] = channel<string>("edits");
      ENGINE_TASK.set(spawnForever(syncEngine(rx), { label: "sync engine" }));
      ENGINE.set(tx);
      return tx;
    });
}

/** The solution's useSyncEngine itself, starting the engine `syncEngine` builds, with the solution's ENGINE and ENGINE_TASK (for a mutant whose engine reads ENGINE). */
export function engineStarter(syncEngine: (rx: Receiver<string>) => Future<void>): () => Sender<string> {
  return () =>
    useHook(() => {
      const running = SOLUTION_ENGINE.peek();
      if (running !== undefined) return running;
      const [tx, rx] = channel<string>("edits");
      ENGINE_TASK.set(spawnForever(syncEngine(rx), { label: "sync engine" }));
      SOLUTION_ENGINE.set(tx);
      return tx;
    });
}
