/**
 * Misconception: "pausing is stopping". `pause()` only stops polling the
 * run: its request stays in flight, its breed stays in RESOURCES_RUNNING,
 * and nothing is dropped until the next pick restarts the resource. Stop
 * must cancel (`dogs.cancel()`), which drops the run at its await and
 * aborts the request at once.
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
    button({ onclick: () => dogs.pause() }, "Stop"),
    p(dogs.value() ?? "No dogs yet"),
  );
}

export const App = appShowing(DogBrowser);
