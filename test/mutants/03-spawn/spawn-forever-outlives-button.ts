/**
 * Misconception: "a request the user started should finish even if the
 * button goes away, so spawn it with spawnForever". A task spawned forever
 * belongs to the root, not to the button: when the button unmounts, the
 * request keeps running and its answer is written into the button's label
 * signal, which was dropped with the button. Dioxus drops a component's
 * tasks with it for exactly this reason; work that must outlive it keeps its
 * state somewhere that outlives it too.
 */
import { button, future, http, spawnForever, useSignal } from "../../../runtime/index.ts";
import { DIOXUSLABS, FAILED, IDLE, LOADING, RESPONDED } from "../../../solutions/03-spawn.ts";
export * from "../../../solutions/03-spawn.ts";

export function SpawnButton() {
  const response = useSignal(() => IDLE);
  return button(
    {
      onclick: () => {
        response.set(LOADING);
        spawnForever(
          future(function* () {
            const resp = yield* http.get(DIOXUSLABS);
            response.set(resp.ok ? RESPONDED : FAILED);
          }),
        );
      },
    },
    response(),
  );
}
