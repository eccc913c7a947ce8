/**
 * Misconception: "the request is quick, the label can go straight to the
 * answer". Without "...", nothing tells the user that the click did
 * anything until the server answers, and the old text stays up meanwhile.
 */
import { button, future, http, spawn, useSignal } from "../../../runtime/index.ts";
import { DIOXUSLABS, FAILED, IDLE, RESPONDED } from "../../../solutions/03-spawn.ts";
export * from "../../../solutions/03-spawn.ts";

export function SpawnButton() {
  const response = useSignal(() => IDLE);
  return button(
    {
      onclick: () => {
        spawn(
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
