/**
 * Misconception: "a restarted resource starts from nothing", as the docs
 * suggest (Dioxus issue #4214). Dioxus's use_resource keeps the last value
 * while the new run loads; clearing it on every pick blanks the screen
 * ("No dogs yet") instead of keeping the previous breed's dogs until the
 * new ones arrive.
 */
import { button, div, p, useResource, useSignal, type Child } from "../../../runtime/index.ts";
import { BREEDS, breedImages } from "../../../solutions/07-cancel-safety.ts";
import { appShowing } from "./support/assemble.ts";
export * from "../../../solutions/07-cancel-safety.ts";

export function DogBrowser(): Child {
  const breed = useSignal(() => "hound", "breed");
  const dogs = useResource(() => breedImages(breed));
  return div(
    ...BREEDS.map((b) =>
      button(
        {
          onclick: () => {
            breed.set(b);
            dogs.clear();
          },
        },
        b,
      ),
    ),
    button({ onclick: () => dogs.cancel() }, "Stop"),
    p(dogs.value() ?? "No dogs yet"),
  );
}

export const App = appShowing(DogBrowser);
