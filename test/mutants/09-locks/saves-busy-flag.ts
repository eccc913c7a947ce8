/**
 * Misconception: "a boolean signal is a good enough lock". A busy flag can
 * say that a save is running, but it cannot make the next click wait its
 * turn: here a click that finds the flag set gives up, and its save is lost
 * (the screen never reaches "Saved n of n"). Waiting for a turn is what the
 * Mutex's lock() future does.
 */
import { button, div, future, http, p, useSignal } from "../../../runtime/index.ts";
import { SAVE_URL } from "../../../solutions/09-locks.ts";
export * from "../../../solutions/09-locks.ts";

export function SaveQueue() {
  const clicks = useSignal(() => 0, "clicks");
  const saved = useSignal(() => 0, "saved");
  const busy = useSignal(() => false, "busy");
  return div(
    button(
      {
        onclick: () =>
          future(function* () {
            clicks.update((n) => n + 1);
            if (busy()) return;
            busy.set(true);
            const version = saved() + 1;
            yield* http.post(SAVE_URL, { version });
            saved.set(version);
            busy.set(false);
          }),
      },
      "Save",
    ),
    p(`Saved ${saved()} of ${clicks()}`),
  );
}
