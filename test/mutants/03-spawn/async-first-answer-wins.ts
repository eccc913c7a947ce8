/**
 * Misconception: "to stop an old answer from overwriting a new one, only
 * write while the label still says '...'". That does not pick the latest
 * click: it keeps the FIRST answer to arrive and ignores every later one,
 * so the button can still show an older click's outcome, now the wrong way
 * round. The real fix cancels the older request (kata 04, useAction).
 */
import { button, future, http, useSignal } from "../../../runtime/index.ts";
import { DIOXUSLABS, FAILED, IDLE, LOADING, RESPONDED } from "../../../solutions/03-spawn.ts";
export * from "../../../solutions/03-spawn.ts";

export function AsyncButton() {
  const response = useSignal(() => IDLE);
  return button(
    {
      onclick: () =>
        future(function* () {
          response.set(LOADING);
          const resp = yield* http.get(DIOXUSLABS);
          if (response() === LOADING) response.set(resp.ok ? RESPONDED : FAILED);
        }),
    },
    response(),
  );
}
