/**
 * Misconception: "the Mutex must be made once, so a global signal is the
 * safest place for it". A global is made once per app, not once per
 * component: every SaveQueue on the page shares the one lock and the one
 * version count. Two SaveQueues then wait for each other's saves and number
 * their versions together (B's first save goes out as version 2). A lock
 * that guards one component's data belongs to that component: useHook.
 */
import { Mutex, Signal, button, div, future, http, p, useSignal } from "../../../runtime/index.ts";
import { SAVE_URL } from "../../../solutions/09-locks.ts";
export * from "../../../solutions/09-locks.ts";

const SAVES = Signal.global(() => new Mutex(0, "saves"), "SAVES");

export function SaveQueue() {
  const clicks = useSignal(() => 0, "clicks");
  const saved = useSignal(() => 0, "saved");
  return div(
    button(
      {
        onclick: () =>
          future(function* () {
            clicks.update((n) => n + 1);
            using turn = yield* SAVES.peek().lock();
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
