/**
 * Misconception: "forgetting the engine's handles stops it". Clearing
 * ENGINE and ENGINE_TASK only drops the app's references; the task itself
 * stays on the root, where spawnForever put it, and goes on posting and
 * retrying. Nothing stops a task but its end or a cancel: `task.cancel()`.
 */
import { ENGINE, ENGINE_TASK } from "../../../solutions/10-spawn-forever.ts";
export * from "../../../solutions/10-spawn-forever.ts";
import { withEditor } from "./support/app.ts";
import { Editor } from "../../../solutions/10-spawn-forever.ts";

export function stopSyncing(): void {
  ENGINE_TASK.set(undefined);
  ENGINE.set(undefined);
}

export const App = withEditor(Editor, stopSyncing);
