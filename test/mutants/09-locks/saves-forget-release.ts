/**
 * Misconception: "the lock is released when I am done with it". Without
 * `using`, the guard is never released: the first save goes out, and every
 * later click waits in lock() for ever. The stall detector reports the stuck
 * tasks and the mutex they wait for.
 */
import { Mutex, button, div, future, http, p, useHook, useSignal, type MutexGuard } from "../../../runtime/index.ts";
import { SAVE_URL } from "../../../solutions/09-locks.ts";
export * from "../../../solutions/09-locks.ts";

export function SaveQueue() {
  const clicks = useSignal(() => 0, "clicks");
  const saved = useSignal(() => 0, "saved");
  const server = useHook(() => new Mutex(0, "saves"));
  return div(
    button(
      {
        onclick: () =>
          future(function* () {
            clicks.update((n) => n + 1);
            const turn: MutexGuard<number> = yield* server.lock();
            const version = turn.value + 1;
            yield* http.post(SAVE_URL, { version });
            turn.value = version;
            saved.set(version);
          }),
      },
      "Save",
    ),
    p(`Saved ${saved()} of ${clicks()}`),
  );
}
