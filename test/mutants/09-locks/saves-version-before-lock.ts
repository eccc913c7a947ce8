/**
 * Misconception: "the version is known at the click; the lock is only for
 * sending". The version is worked out from `saved` before waiting for the
 * lock, so every click that queues up while a save is in flight (or in the
 * same instant) counts from the same last answer: two saves go out as the
 * same version. Whatever the turn depends on must be read once the turn has
 * come, under the lock.
 */
import { Mutex, button, div, future, http, p, useHook, useSignal } from "../../../runtime/index.ts";
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
            const version = saved.peek() + 1;
            using turn = yield* server.lock();
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
