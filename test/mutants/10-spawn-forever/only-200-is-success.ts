/**
 * Misconception: "success means status 200". A server accepts with any 2xx
 * status: 201 Created and 204 No Content are acceptances too. An engine
 * that waits for exactly 200 posts an accepted edit again and again, and
 * never lists it as synced. Test the range (`r.value.success`, Rust:
 * `status().is_success()`), not one code.
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
          if (r.ok && r.value.status === 200) break;
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
