/**
 * Misconception: "no value means it is loading". value() is None before the
 * first click and after Cancel or Clear too; only pending() says whether a
 * call is running. This picker shows "Fetching a dog…" whenever there is
 * no result.
 */
import { button, div, img, p, useAction, type Child } from "../../../runtime/index.ts";
import { FAILED, FETCHING, PROMPT, fetchDog } from "../../../solutions/04-use-action.ts";
export * from "../../../solutions/04-use-action.ts";

export function DogPicker({ breeds }: { breeds: readonly string[] }): Child {
  const dog = useAction(fetchDog);
  const result = dog.value();
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
    result === undefined ? p(FETCHING) : null,
    result === undefined ? div(PROMPT) : result.ok ? img({ src: result.value, label: "a dog" }) : div(FAILED),
  );
}
