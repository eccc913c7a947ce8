/**
 * Misconception: "show the save as done as soon as it is sent". The queue
 * is right, but `saved` is set before the request is answered, so the
 * screen says "Saved 1 of 1" while the server has not confirmed anything
 * yet. Only an answer confirms a save: set `saved` after the request.
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
            using turn = yield* server.lock();
            const version = turn.value + 1;
            saved.set(version);
            yield* http.post(SAVE_URL, { version });
            turn.value = version;
          }),
      },
      "Save",
    ),
    p(`Saved ${saved()} of ${clicks()}`),
  );
}
