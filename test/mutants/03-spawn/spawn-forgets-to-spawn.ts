/**
 * Misconception: "building the async block starts it", as calling an async
 * function starts a JavaScript promise. A Rust future is lazy: built and
 * never spawned (nor returned from the handler), it never runs. No request
 * is sent and the label stays "..." for ever.
 */
import { button, future, http, useSignal } from "../../../runtime/index.ts";
import { DIOXUSLABS, FAILED, IDLE, LOADING, RESPONDED } from "../../../solutions/03-spawn.ts";
export * from "../../../solutions/03-spawn.ts";

export function SpawnButton() {
  const response = useSignal(() => IDLE);
  return button(
    {
      onclick: () => {
        response.set(LOADING);
        future(function* () {
          const resp = yield* http.get(DIOXUSLABS);
          response.set(resp.ok ? RESPONDED : FAILED);
        });
      },
    },
    response(),
  );
}
