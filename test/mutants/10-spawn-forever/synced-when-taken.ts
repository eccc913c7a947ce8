/**
 * Misconception: "the retries will get it there, so it can be listed as
 * synced as soon as the engine takes it". The Synced line then shows edits
 * the server has not accepted yet (and, after a failure, has refused).
 * "Synced" is the server's word, not the engine's: record the edit after
 * the post that succeeded.
 */
import { future, http, sleep, type Future, type Receiver } from "../../../runtime/index.ts";
import { RETRY_MS, SYNC_URL, SYNCED } from "../../../solutions/10-spawn-forever.ts";
export * from "../../../solutions/10-spawn-forever.ts";
import { editorUsing, startingOnce, withEditor } from "./support/app.ts";

export function syncEngine(edits: Receiver<string>): Future<void> {
  return future(
    function* () {
      for (;;) {
        const edit = yield* edits.recv();
        if (edit === undefined) return;
        SYNCED.update((done) => [...done, edit]);
        for (;;) {
          const r = yield* http.post(SYNC_URL, edit);
          if (r.ok && r.value.success) break;
          yield* sleep(RETRY_MS);
        }
      }
    },
    { label: "sync engine" },
  );
}

export const useSyncEngine = startingOnce(syncEngine);
export const Editor = editorUsing(useSyncEngine);
export const App = withEditor(Editor);
