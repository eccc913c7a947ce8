/**
 * Misconception: "the image should not flicker: keep the last dog on screen
 * until the next one arrives". The picker remembers the last dog in its own
 * signal and shows it whenever value() is None: while a newer click is
 * pending, and after Cancel or Clear. The user sees an answer to a click
 * that no longer counts.
 */
import { button, div, img, p, useAction, useSignal, type Child } from "../../../runtime/index.ts";
import { FAILED, FETCHING, PROMPT, fetchDog } from "../../../solutions/04-use-action.ts";
export * from "../../../solutions/04-use-action.ts";

export function DogPicker({ breeds }: { breeds: readonly string[] }): Child {
  const dog = useAction(fetchDog);
  const lastDog = useSignal<string | undefined>(() => undefined);
  const result = dog.value();
  if (result?.ok && lastDog.peek() !== result.value) lastDog.set(result.value);
  const shown =
    result === undefined && lastDog.peek() !== undefined ? { ok: true as const, value: lastDog.peek()! } : result;
  return div(
    breeds.map((b) =>
      button(
        {
          onclick: () => {
            dog.call(b);
          },
        },
        b,
      ),
    ),
    button({ onclick: () => dog.cancel() }, "Cancel"),
    button({ onclick: () => dog.reset() }, "Clear"),
    dog.pending() ? p(FETCHING) : null,
    shown === undefined ? div(PROMPT) : shown.ok ? img({ src: shown.value, label: "a dog" }) : div(FAILED),
  );
}
