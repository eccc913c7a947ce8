/**
 * Misconception: "an async handler runs in the background anyway, so the
 * order inside it does not matter". Only the part before the first await
 * runs during the click; here that part sends the request and stops, and
 * "..." is set only after the answer, together with the outcome in the same
 * poll, so the user never sees it.
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
          const resp = yield* http.get(DIOXUSLABS);
          response.set(LOADING);
          response.set(resp.ok ? RESPONDED : FAILED);
        }),
    },
    response(),
  );
}
