/**
 * Misconception: "useHook runs its closure once, so the engine starts once".
 * It runs once per mount: every time the editor is opened again, a new
 * channel and a new engine start, and the old engine is never stopped. It
 * sits on the root forever, may still be retrying an old edit while the new
 * one syncs the next, and every reopen adds one more.
 */
import { channel, spawnForever, useHook, type Sender } from "../../../runtime/index.ts";
import { syncEngine } from "../../../solutions/10-spawn-forever.ts";
export * from "../../../solutions/10-spawn-forever.ts";
import { editorUsing, withEditor } from "./support/app.ts";

export function useSyncEngine(): Sender<string> {
  return useHook(() => {
    const [tx, rx] = channel<string>("edits");
    spawnForever(syncEngine(rx), { label: "sync engine" });
    return tx;
  });
}

export const App = withEditor(editorUsing(useSyncEngine));
