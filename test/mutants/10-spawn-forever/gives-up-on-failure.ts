/**
 * Misconception: "once the request is sent, the edit is synced". A POST can
 * fail (the connection drops, the server answers 500); an engine that moves
 * on to the next edit regardless loses the failed one. A sync engine keeps
 * an edit until the server has taken it.
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
        const r = yield* http.post(SYNC_URL, edit);
        if (r.ok && r.value.success) SYNCED.update((done) => [...done, edit]);
      }
    },
    { label: "sync engine" },
  );
}

export const useSyncEngine = startingOnce(syncEngine);
export const Editor = editorUsing(useSyncEngine);
export const App = withEditor(Editor);
