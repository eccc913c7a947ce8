/**
 * Misconception: "after Stop, the app should be ready to start a fresh
 * engine". stopSyncing cancels the task but also clears ENGINE, so the next
 * time the editor opens, useSyncEngine starts a new engine and syncing
 * quietly resumes. "Stop syncing" stops it for good: keep the (cancelled)
 * engine's sender, so no later mount starts another.
 */
import { ENGINE, ENGINE_TASK, useSyncEngine } from "../../../solutions/10-spawn-forever.ts";
export * from "../../../solutions/10-spawn-forever.ts";
import { editorUsing, withEditor } from "./support/app.ts";

export function stopSyncing(): void {
  ENGINE_TASK.peek()?.cancel();
  ENGINE_TASK.set(undefined);
  ENGINE.set(undefined);
}

export const App = withEditor(editorUsing(useSyncEngine), stopSyncing);
