/**
 * Misconception: "spawn per click is all an action is" (kata 03's way).
 * Every click starts its own task and nothing cancels the one before, so
 * two requests run at once and an older click's dog can land last.
 */
import {
  button,
  div,
  future,
  img,
  p,
  spawn,
  useSignal,
  type ActionResult,
  type Child,
} from "../../../runtime/index.ts";
import { FAILED, FETCHING, PROMPT, fetchDog } from "../../../solutions/04-use-action.ts";
export * from "../../../solutions/04-use-action.ts";

export function DogPicker({ breeds }: { breeds: readonly string[] }): Child {
  const result = useSignal<ActionResult<string> | undefined>(() => undefined);
  const busy = useSignal(() => false);
  const fetch = (b: string) => {
    result.set(undefined);
    busy.set(true);
    spawn(
      future(function* () {
        try {
          result.set({ ok: true, value: yield* fetchDog(b) });
        } catch (error) {
          result.set({ ok: false, error });
        }
        busy.set(false);
      }),
    );
  };
  const stop = () => {
    result.set(undefined);
    busy.set(false);
  };
  const r = result();
  return div(
    breeds.map((b) => button({ onclick: () => fetch(b) }, b)),
    button({ onclick: stop }, "Cancel"),
    button({ onclick: stop }, "Clear"),
    busy() ? p(FETCHING) : null,
    r === undefined ? div(PROMPT) : r.ok ? img({ src: r.value, label: "a dog" }) : div(FAILED),
  );
}
