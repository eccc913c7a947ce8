/**
 * Misconception: "a 404 or a 500 is a failed request". For reqwest's send
 * (and `http.get` here) any HTTP status is a response: the server did
 * answer. Only a network failure is an error. This button reports an error
 * status as "failed to fetch response!".
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
          response.set(resp.ok && resp.value.success ? RESPONDED : FAILED);
        }),
    },
    response(),
  );
}
