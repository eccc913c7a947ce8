/**
 * Misconception: "the handler can just wait for the request". A synchronous
 * handler cannot await, so this one blocks until the answer (what
 * `futures::executor::block_on` would do): it polls the request and keeps the
 * main thread busy until the answer is there. The click does not return for
 * the whole latency, and the app is frozen meanwhile: no "..." is ever drawn.
 */
import { blockFor, button, http, useSignal, type Context } from "../../../runtime/index.ts";
import { DIOXUSLABS, FAILED, IDLE, LOADING, RESPONDED } from "../../../solutions/03-spawn.ts";
export * from "../../../solutions/03-spawn.ts";

export function SpawnButton() {
  const response = useSignal(() => IDLE);
  return button(
    {
      onclick: () => {
        response.set(LOADING);
        const request = http.get(DIOXUSLABS);
        const cx: Context = { waker: { wake() {} } };
        let polled = request.poll(cx);
        while (!polled.ready) {
          blockFor(1); // busy-wait: the main thread does nothing else
          polled = request.poll(cx);
        }
        response.set(polled.value.ok ? RESPONDED : FAILED);
      },
    },
    response(),
  );
}
