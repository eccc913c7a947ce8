/**
 * Misconception: "the engine must be started only once, but the channel is
 * cheap: each editor can make its own". The engine holds the receiver of the
 * first channel only. An editor opened later sends into its own new channel,
 * which nothing reads: its edits are silently lost.
 */
import { Signal, channel, spawnForever, useHook, type Sender } from "../../../runtime/index.ts";
import { syncEngine } from "../../../solutions/10-spawn-forever.ts";
export * from "../../../solutions/10-spawn-forever.ts";
import { editorUsing, withEditor } from "./support/app.ts";

const STARTED = Signal.global(() => false, "STARTED");

export function useSyncEngine(): Sender<string> {
  return useHook(() => {
    const [tx, rx] = channel<string>("edits");
    if (!STARTED.peek()) {
      spawnForever(syncEngine(rx), { label: "sync engine" });
      STARTED.set(true);
    }
    return tx;
  });
}

export const App = withEditor(editorUsing(useSyncEngine));
