/**
 * Misconception: "closing the channel stops the engine". Closing the
 * sender only ends the engine's loop once the queue is drained: the post in
 * flight still completes, a failing one is retried, the queued edits are
 * still synced. (And an Editor still holding that sender can no longer
 * send.) To stop a task now, cancel it: `task.cancel()` drops it where it
 * stands.
 */
import { ENGINE } from "../../../solutions/10-spawn-forever.ts";
export * from "../../../solutions/10-spawn-forever.ts";
import { withEditor } from "./support/app.ts";
import { Editor } from "../../../solutions/10-spawn-forever.ts";

export function stopSyncing(): void {
  ENGINE.peek()?.close();
}

export const App = withEditor(Editor, stopSyncing);
