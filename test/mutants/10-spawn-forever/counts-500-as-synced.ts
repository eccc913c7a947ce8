/**
 * Misconception: "`r.ok` means the server took it". Like reqwest's `send`,
 * a post resolves to Ok for ANY answer the server gives, a 500 included;
 * only a network failure is an Err. An engine that checks only `r.ok` lists
 * an edit the server refused as synced and never posts it again. Accepted
 * means a success status: `r.ok && r.value.success` (Rust:
 * `response.status().is_success()`, or `error_for_status()`).
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
          if (r.ok) break;
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
