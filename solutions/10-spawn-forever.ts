/**
 * Kata 10 · spawn_forever: the reference solution.
 * The lesson is in katas/10-spawn-forever.ts.
 */
import {
  Signal,
  button,
  channel,
  component,
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
  type Task,
} from "../runtime/index.ts";

export const SYNC_URL = "https://sync.example.com/api/edits";
export const RETRY_MS = 100;

/**
 * The edits the engine has synced, in order. A global signal lives in the
 * root scope, as long as the app, so a task on the root may write it at any
 * time. A signal of the Editor would be dropped at its first close.
 */
export const SYNCED = Signal.global<string[]>(() => [], "SYNCED");

/**
 * The engine's sender, once it runs. It is the proof that the engine was
 * started, and the one way to reach it, so it must outlive the Editor too.
 */
export const ENGINE = Signal.global<Sender<string> | undefined>(() => undefined, "ENGINE");

/** The engine's task, as spawnForever returned it: the handle "Stop syncing" cancels. */
export const ENGINE_TASK = Signal.global<Task<void> | undefined>(() => undefined, "ENGINE_TASK");

/** The engine: receives edits one at a time, posts each until the server takes it, records it. */
export function syncEngine(edits: Receiver<string>): Future<void> {
  return future(
    function* () {
      for (;;) {
        // Waits here (forever, if no one types) without costing anything: a send wakes it.
        const edit = yield* edits.recv();
        if (edit === undefined) return; // every sender closed: nothing more can come
        // One edit at a time, retried until it lands: this is what keeps them in order, each once.
        for (;;) {
          const r = yield* http.post(SYNC_URL, edit);
          if (r.ok && r.value.success) break;
          yield* sleep(RETRY_MS);
        }
        SYNCED.update((done) => [...done, edit]);
      }
    },
    { label: "sync engine" },
  );
}

/**
 * The sender of the one engine: started at the first call, from whichever
 * component gets there first, and found again by every later mount.
 */
export function useSyncEngine(): Sender<string> {
  return useHook(() => {
    const running = ENGINE.peek();
    if (running !== undefined) return running;
    const [tx, rx] = channel<string>("edits");
    // spawnForever, not spawn: the task belongs to the root, so closing the Editor does not drop it.
    ENGINE_TASK.set(spawnForever(syncEngine(rx)));
    ENGINE.set(tx);
    return tx;
  });
}

/**
 * Stops the engine for good. Cancelling drops its future where it stands:
 * a post in flight is aborted, a retry's sleep never ends, the loop never
 * runs again. (Closing the sender instead would let it drain the queue.)
 */
export function stopSyncing(): void {
  ENGINE_TASK.peek()?.cancel();
}

export function Editor(): Child {
  const edits = useSyncEngine();
  // The draft is the Editor's own: only its handlers touch it, never the engine.
  const draft = useSignal(() => "", "draft");
  return div(
    input({ value: draft(), oninput: (e) => draft.set(e.value) }),
    button(
      {
        onclick: () => {
          // send never waits: the queue is unbounded, the engine picks the edit up when it can.
          edits.send(draft.peek());
          draft.set("");
        },
      },
      "Save",
    ),
  );
}

export function App(): Child {
  // Stryker disable next-line ArrowFunction: an undefined start reads as closed just as false does
  const open = useSignal(() => false, "open");
  const synced = SYNCED();
  return div(
    button({ onclick: () => open.update((v) => !v) }, open() ? "Close editor" : "Open editor"),
    button({ onclick: () => stopSyncing() }, "Stop syncing"),
    p(`Synced: ${synced.length === 0 ? "nothing yet" : synced.join(", ")}`),
    open() ? component(Editor) : null,
  );
}
