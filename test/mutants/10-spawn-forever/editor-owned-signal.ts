/**
 * Misconception: "the engine can report back to the editor that started it:
 * it just writes the editor's own signal". The engine lives on the root and
 * outlives that Editor; once the editor is closed its signals are dropped,
 * and the engine's next write panics with "the value was dropped". A task
 * that lives forever may only use what lives as long as it does.
 */
import {
  Signal,
  button,
  channel,
  div,
  future,
  http,
  input,
  p,
  sleep,
  spawnForever,
  useHook,
  useSignal,
  type Child,
  type Future,
  type Receiver,
  type Sender,
} from "../../../runtime/index.ts";
import { RETRY_MS, SYNC_URL, SYNCED } from "../../../solutions/10-spawn-forever.ts";
export * from "../../../solutions/10-spawn-forever.ts";
import { withEditor } from "./support/app.ts";

const ENGINE = Signal.global<Sender<string> | undefined>(() => undefined, "ENGINE");

function syncEngine(edits: Receiver<string>, status: Signal<string>): Future<void> {
  return future(
    function* () {
      for (;;) {
        const edit = yield* edits.recv();
        if (edit === undefined) return;
        for (;;) {
          const r = yield* http.post(SYNC_URL, edit);
          if (r.ok && r.value.success) break;
          yield* sleep(RETRY_MS);
        }
        SYNCED.update((done) => [...done, edit]);
        status.set(`saved ${edit}`);
      }
    },
    { label: "sync engine" },
  );
}

export function Editor(): Child {
  const status = useSignal(() => "", "status");
  const edits = useHook(() => {
    const running = ENGINE.peek();
    if (running !== undefined) return running;
    const [tx, rx] = channel<string>("edits");
    spawnForever(syncEngine(rx, status), { label: "sync engine" });
    ENGINE.set(tx);
    return tx;
  });
  const draft = useSignal(() => "", "draft");
  return div(
    input({ value: draft(), oninput: (e) => draft.set(e.value) }),
    button({ onclick: () => (edits.send(draft.peek()), draft.set("")) }, "Save"),
    p(status()),
  );
}

export const App = withEditor(Editor);
