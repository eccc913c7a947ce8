/**
 * Misconception: "there is always an engine to stop". stopSyncing cancels
 * the handle in ENGINE_TASK without checking that there is one, but the
 * engine only starts when an Editor first mounts: a click on "Stop syncing"
 * before the editor was ever opened finds ENGINE_TASK still undefined, and
 * the handler throws (in Rust, an `unwrap()` on a `None` that panics). With
 * no engine there is nothing to cancel: `ENGINE_TASK.peek()?.cancel()`.
 */
import { ENGINE_TASK, Editor } from "../../../solutions/10-spawn-forever.ts";
export * from "../../../solutions/10-spawn-forever.ts";
import { withEditor } from "./support/app.ts";

export function stopSyncing(): void {
  ENGINE_TASK.peek()!.cancel();
}

export const App = withEditor(Editor, stopSyncing);
