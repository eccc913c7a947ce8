/**
 * Misconception: "a Mutex is a Mutex, wherever I create it". Built in the
 * component's body, it is a new, free lock at every render, and the
 * component re-renders at each click: the next click locks a different
 * mutex, does not wait, and two saves overlap (with a version counted from
 * 0 again). A lock only excludes those who share it: create it once, with
 * useHook.
 */
import { Mutex, button, div, future, http, p, useSignal } from "../../../runtime/index.ts";
import { SAVE_URL } from "../../../solutions/09-locks.ts";
export * from "../../../solutions/09-locks.ts";

export function SaveQueue() {
  const clicks = useSignal(() => 0, "clicks");
  const saved = useSignal(() => 0, "saved");
  const server = new Mutex(0, "saves");
  return div(
    button(
      {
        onclick: () =>
          future(function* () {
            clicks.update((n) => n + 1);
            using turn = yield* server.lock();
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
