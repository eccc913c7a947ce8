/**
 * Misconception: "spawn and spawnForever are the same thing; the Forever is
 * only about how long the loop runs". The engine is started with spawn from
 * the Editor, so it belongs to the Editor: closing the editor drops it with
 * whatever it was syncing, and every later edit goes into a channel no one
 * reads any more.
 */
import { channel, spawn, useHook, type Sender } from "../../../runtime/index.ts";
import { ENGINE, syncEngine } from "../../../solutions/10-spawn-forever.ts";
export * from "../../../solutions/10-spawn-forever.ts";
import { editorUsing, withEditor } from "./support/app.ts";

export function useSyncEngine(): Sender<string> {
  return useHook(() => {
    const running = ENGINE.peek();
    if (running !== undefined) return running;
    const [tx, rx] = channel<string>("edits");
    spawn(syncEngine(rx), { label: "sync engine" });
    ENGINE.set(tx);
    return tx;
  });
}

export const App = withEditor(editorUsing(useSyncEngine));
