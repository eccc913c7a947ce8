/**
 * Misconception: "retrying at once is the quickest way to get the edit
 * through". A post that failed is posted again in the same instant, and
 * again, as fast as the server can say no: it hammers a server that is
 * already struggling and ignores the stated delay. A retry waits RETRY_MS
 * after the failure arrived (`yield* sleep(RETRY_MS)` before posting again).
 */
import { future, http, type Future, type Receiver } from "../../../runtime/index.ts";
import { SYNC_URL, SYNCED } from "../../../solutions/10-spawn-forever.ts";
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
