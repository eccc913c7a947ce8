/**
 * Not a mutant: the solution's DogBrowser and App, built around the parts a
 * mutant gives them.
 *
 * The solution's DogBrowser calls the solution's breedImages, and its App
 * shows the solution's DogBrowser, so a mutant that overrides one of them
 * must rebuild what uses it:
 *   export const DogBrowser = browserUsing(breedImages);
 *   export const App = appShowing(DogBrowser);
 */
import {
  button,
  component,
  div,
  p,
  useResource,
  useSignal,
  type Child,
  type Future,
  type Signal,
} from "../../../../runtime/index.ts";
import { BREEDS, RESOURCES_RUNNING } from "../../../../solutions/07-cancel-safety.ts";

export function browserUsing(breedImages: (breed: Signal<string>) => Future<string>): () => Child {
  return function DogBrowser(): Child {
    const breed = useSignal(() => "hound", "breed");
    const dogs = useResource(() => breedImages(breed));
    return div(
      ...BREEDS.map((b) => button({ onclick: () => breed.set(b) }, b)),
      button({ onclick: () => dogs.cancel() }, "Stop"),
      p(dogs.value() ?? "No dogs yet"),
    );
  };
}

export function appShowing(DogBrowser: () => Child): () => Child {
  return function App(): Child {
    const shown = useSignal(() => true, "shown");
    const running = [...RESOURCES_RUNNING()].sort().join(", ");
    return div(
      button({ onclick: () => shown.update((s) => !s) }, shown() ? "Hide dogs" : "Show dogs"),
      p(`Requests running: ${running || "none"}`),
      shown() ? component(DogBrowser) : null,
    );
  };
}
