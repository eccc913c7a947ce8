/**
 * Misconception: "spawn waits for the future, like await, so its result is
 * there on the next line". spawn returns before the task has even started:
 * the handler reads no result, shows the success text before the request is
 * sent, and nothing ever updates the label when the real answer comes.
 */
import { button, future, http, spawn, useSignal } from "../../../runtime/index.ts";
import { DIOXUSLABS, FAILED, IDLE, LOADING, RESPONDED } from "../../../solutions/03-spawn.ts";
export * from "../../../solutions/03-spawn.ts";

export function SpawnButton() {
  const response = useSignal(() => IDLE);
  return button(
    {
      onclick: () => {
        response.set(LOADING);
        const task = spawn(
          future(function* () {
            return yield* http.get(DIOXUSLABS);
          }),
        );
        response.set(task.output?.ok === false ? FAILED : RESPONDED);
      },
    },
    response(),
  );
}
