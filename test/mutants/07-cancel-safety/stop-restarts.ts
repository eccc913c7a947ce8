/**
 * Misconception: "restart() throws the request in flight away, so it is a
 * Stop button". It does drop the run and abort its request, exactly as
 * cancel() does, but then it starts a fresh run: every press of Stop sends
 * one more request for the same breed, and the browser goes on loading.
 * Stop must cancel the resource (`dogs.cancel()`), which starts nothing.
 */
import { button, div, p, useResource, useSignal, type Child } from "../../../runtime/index.ts";
import { BREEDS, breedImages } from "../../../solutions/07-cancel-safety.ts";
import { appShowing } from "./support/assemble.ts";
export * from "../../../solutions/07-cancel-safety.ts";

export function DogBrowser(): Child {
  const breed = useSignal(() => "hound", "breed");
  const dogs = useResource(() => breedImages(breed));
  return div(
    ...BREEDS.map((b) => button({ onclick: () => breed.set(b) }, b)),
    button({ onclick: () => dogs.restart() }, "Stop"),
    p(dogs.value() ?? "No dogs yet"),
  );
}

export const App = appShowing(DogBrowser);
