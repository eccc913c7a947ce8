/**
 * Misconception: "Stop means: empty the screen". `clear()` drops the value
 * shown, but the run goes on: its request is never aborted, and when its
 * answer arrives the dogs appear anyway, after the user pressed Stop.
 * Stopping is cancelling the work (`dogs.cancel()`), not hiding its result.
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
    button({ onclick: () => dogs.clear() }, "Stop"),
    p(dogs.value() ?? "No dogs yet"),
  );
}

export const App = appShowing(DogBrowser);
