/**
 * Misconception: "recv() always gives an edit". The engine posts whatever
 * its channel hands it, but once every sender is closed and the queue is
 * drained, recv() gives undefined (Rust: `None`): this engine posts that
 * too, and again, and again, instead of ending. In Rust,
 * `while let Some(edit) = rx.next().await { … }` ends the loop by itself;
 * here, `if (edit === undefined) return;`.
 */
import { future, http, sleep, type Future, type Receiver } from "../../../runtime/index.ts";
import { RETRY_MS, SYNC_URL, SYNCED } from "../../../solutions/10-spawn-forever.ts";
export * from "../../../solutions/10-spawn-forever.ts";
import { editorUsing, startingOnce, withEditor } from "./support/app.ts";

export function syncEngine(edits: Receiver<string>): Future<void> {
  return future(
    function* () {
      for (;;) {
        const edit = (yield* edits.recv()) as string;
        for (;;) {
          const r = yield* http.post(SYNC_URL, edit);
          if (r.ok && r.value.success) break;
          yield* sleep(RETRY_MS);
        }
        SYNCED.update((done) => [...done, edit]);
      }
    },
    { label: "sync engine" },
  );
}

export const useSyncEngine = startingOnce(syncEngine);
export const Editor = editorUsing(useSyncEngine);
export const App = withEditor(Editor);
