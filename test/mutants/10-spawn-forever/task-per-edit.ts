/**
 * Misconception: "a background sync is just spawnForever(post) on each Save;
 * no channel and no engine needed". Each edit gets its own long-lived task,
 * so the posts race: a slow or retried edit lands after a later one, and the
 * order is lost. A single engine reading a channel syncs one edit at a time.
 */
import {
  button,
  div,
  future,
  http,
  input,
  sleep,
  spawnForever,
  useSignal,
  type Child,
} from "../../../runtime/index.ts";
import { RETRY_MS, SYNC_URL, SYNCED } from "../../../solutions/10-spawn-forever.ts";
export * from "../../../solutions/10-spawn-forever.ts";
import { withEditor } from "./support/app.ts";

export function Editor(): Child {
  const draft = useSignal(() => "", "draft");
  const save = (edit: string) =>
    spawnForever(
      future(
        function* () {
          for (;;) {
            const r = yield* http.post(SYNC_URL, edit);
            if (r.ok && r.value.success) break;
            yield* sleep(RETRY_MS);
          }
          SYNCED.update((done) => [...done, edit]);
        },
        { label: `sync ${edit}` },
      ),
    );
  return div(
    input({ value: draft(), oninput: (e) => draft.set(e.value) }),
    button({ onclick: () => (save(draft.peek()), draft.set("")) }, "Save"),
  );
}

export const App = withEditor(Editor);
