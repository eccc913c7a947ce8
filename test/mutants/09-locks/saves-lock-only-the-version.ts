/**
 * Misconception: "the lock only has to protect the version number". Each
 * save takes its number under the lock, writes it back and lets the lock go
 * before the request, so the versions are right but the saves no longer
 * wait for each other: save 2 is sent while save 1 is in flight, and if it
 * is answered first the server ends with the older data. The guard must
 * stay held across the request (`using` in the handler's block).
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
            let version: number;
            {
              using turn = yield* server.lock();
              version = turn.value + 1;
              turn.value = version;
            }
            yield* http.post(SAVE_URL, { version });
            saved.set(version);
          }),
      },
      "Save",
    ),
    p(`Saved ${saved()} of ${clicks()}`),
  );
}
