/**
 * Misconception: "an HTTP error is an Err". Like reqwest's `send`, a request
 * that got any answer is Ok, a 404 included. dog.ceo answers an unknown
 * breed with a 404 whose JSON also has a `message` (an error text), so
 * without a status check that text becomes the image's src.
 */
import { button, div, future, http, img, p, useAction, type Child, type Future } from "../../../runtime/index.ts";
import { FAILED, FETCHING, PROMPT, dogApi } from "../../../solutions/04-use-action.ts";
export * from "../../../solutions/04-use-action.ts";

export function fetchDog(breed: string): Future<string> {
  return future(function* fetchDog() {
    const r = yield* http.get(dogApi(breed));
    if (!r.ok) throw r.error;
    return r.value.json<{ message: string }>().message;
  });
}

/** The solution's picker, on the fetchDog above. */
export function DogPicker({ breeds }: { breeds: readonly string[] }): Child {
  const dog = useAction(fetchDog);
  const result = dog.value();
  return div(
    breeds.map((b) => button({ onclick: () => { dog.call(b); } }, b)),
    button({ onclick: () => dog.cancel() }, "Cancel"),
    button({ onclick: () => dog.reset() }, "Clear"),
    dog.pending() ? p(FETCHING) : null,
    result === undefined ? div(PROMPT) : result.ok ? img({ src: result.value, label: "a dog" }) : div(FAILED),
  );
}
