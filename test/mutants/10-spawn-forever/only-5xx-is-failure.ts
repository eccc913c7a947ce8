/**
 * Misconception: "only a server error (5xx) is a failure". A 404 or a 429
 * Too Many Requests is an answer too, and not an acceptance: the server did
 * not take the edit. An engine that retries only on 5xx lists such an edit
 * as synced although the server never stored it. Anything outside 2xx is a
 * refusal (`r.value.success`).
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
          if (r.ok && r.value.status < 500) break;
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
