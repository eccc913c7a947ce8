/**
 * Misconception: "a failed edit can go to the back of the queue, so the
 * edits after it are not held up". After a failure the engine waits, sends
 * the edit into its own channel again and takes the next one: edits saved
 * after it overtake it, and the server ends up with them out of order. One
 * edit at a time, retried until it lands, is what keeps the order.
 */
import { future, http, sleep, type Future, type Receiver } from "../../../runtime/index.ts";
import { ENGINE, RETRY_MS, SYNC_URL, SYNCED } from "../../../solutions/10-spawn-forever.ts";
export * from "../../../solutions/10-spawn-forever.ts";
import { editorUsing, engineStarter, withEditor } from "./support/app.ts";

export function syncEngine(edits: Receiver<string>): Future<void> {
  return future(
    function* () {
      for (;;) {
        const edit = yield* edits.recv();
        if (edit === undefined) return;
        const r = yield* http.post(SYNC_URL, edit);
        if (r.ok && r.value.success) {
          SYNCED.update((done) => [...done, edit]);
          continue;
        }
        yield* sleep(RETRY_MS);
        ENGINE.peek()?.send(edit); // to the back of the queue
      }
    },
    { label: "sync engine" },
  );
}

export const useSyncEngine = engineStarter(syncEngine);
export const Editor = editorUsing(useSyncEngine);
export const App = withEditor(Editor);
