/**
 * Misconception: "the retry delay is a pause between posts". The engine
 * sleeps RETRY_MS after every post, a successful one included, so an edit
 * saved while the previous one was syncing waits RETRY_MS it should not.
 * The delay belongs to the failure path only: after a success the engine
 * takes the next edit at once.
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
        for (;;) {
          const r = yield* http.post(SYNC_URL, edit);
          yield* sleep(RETRY_MS);
          if (r.ok && r.value.success) break;
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
