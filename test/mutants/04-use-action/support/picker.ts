/**
 * Not a mutant: the solution's dog picker on a given fetch, for mutants that
 * only change fetchDog (the solution's DogPicker refers to the solution's own
 * fetchDog): `export const DogPicker = pickerWith(fetchDog);`.
 */
import { button, div, img, p, useAction, type Child, type Future } from "../../../../runtime/index.ts";
import { FAILED, FETCHING, PROMPT } from "../../../../solutions/04-use-action.ts";

export function pickerWith(
  fetchDog: (breed: string) => Future<string>,
): (props: { breeds: readonly string[] }) => Child {
  return function DogPicker({ breeds }: { breeds: readonly string[] }): Child {
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
      dog.pending() ? p(FETCHING) : null,
      result === undefined ? div(PROMPT) : result.ok ? img({ src: result.value, label: "a dog" }) : div(FAILED),
    );
  };
}
