/**
 * Misconception: "the label is the page's state, so keep it in one global
 * signal". A global signal is one value for the whole app: with two buttons
 * on a page, a click on one shows "..." on both, and each shows the other's
 * answers. State that belongs to one button lives in that component's
 * use_signal.
 */
import { Signal, button, future, http, spawn } from "../../../runtime/index.ts";
import { DIOXUSLABS, FAILED, IDLE, LOADING, RESPONDED } from "../../../solutions/03-spawn.ts";
export * from "../../../solutions/03-spawn.ts";

const RESPONSE = Signal.global(() => IDLE, "RESPONSE");

export function SpawnButton() {
  return button(
    {
      onclick: () => {
        RESPONSE.set(LOADING);
        spawn(
          future(function* () {
            const resp = yield* http.get(DIOXUSLABS);
            RESPONSE.set(resp.ok ? RESPONDED : FAILED);
          }),
        );
      },
    },
    RESPONSE(),
  );
}
