/**
 * Misconception: "the handler can use the number the component rendered".
 * `clicks()` read in the body is the count of the last render, captured by
 * the handler. Two clicks in the same instant, before any re-render, both
 * write that number + 1: one click vanishes from "Saved k of n", and the
 * screen never reaches "Saved n of n". A handler must read the signal when
 * it runs (`update`, or `peek()` inside the handler), not at render.
 */
import { Mutex, button, div, future, http, p, useHook, useSignal } from "../../../runtime/index.ts";
import { SAVE_URL } from "../../../solutions/09-locks.ts";
export * from "../../../solutions/09-locks.ts";

export function SaveQueue() {
  const clicks = useSignal(() => 0, "clicks");
  const saved = useSignal(() => 0, "saved");
  const server = useHook(() => new Mutex(0, "saves"));
  const shown = clicks();
  return div(
    button(
      {
        onclick: () =>
          future(function* () {
            clicks.set(shown + 1);
            using turn = yield* server.lock();
            const version = turn.value + 1;
            yield* http.post(SAVE_URL, { version });
            turn.value = version;
            saved.set(version);
          }),
      },
      "Save",
    ),
    p(`Saved ${saved()} of ${shown}`),
  );
}
