/**
 * Misconception: "once the user types again, the old error no longer
 * applies". This browser keeps the breeds and the error in two signals and
 * clears the error on every keystroke: during the next debounce the page
 * shows the list from before the failure again, an answer to a query the
 * user has moved away from, as if it were current. Until a new search has
 * finished, the latest finished search (here: the failure) stays on screen.
 */
import {
  button,
  div,
  future,
  input,
  li,
  p,
  sleep,
  ul,
  useAction,
  useResource,
  useSignal,
  type Child,
} from "../../../runtime/index.ts";
import { DEBOUNCE_MS, PROMPT, searchBreeds, searchFailed } from "../../../solutions/11-capstone.ts";
import { pickerView, randomImage } from "./support/browser.ts";
export * from "../../../solutions/11-capstone.ts";

export function BreedBrowser(): Child {
  const query = useSignal(() => "", "query");
  const breeds = useSignal<string[] | undefined>(() => undefined, "breeds");
  const failed = useSignal<string | undefined>(() => undefined, "failed");
  const selected = useSignal<string | undefined>(() => undefined, "selected");
  useResource(() => {
    const q = query();
    return future(function* search() {
      if (q === "") {
        breeds.set(undefined);
        return;
      }
      yield* sleep(DEBOUNCE_MS);
      try {
        breeds.set(yield* searchBreeds(q));
        failed.set(undefined);
      } catch {
        failed.set(q);
      }
    });
  }, "search");
  const image = useAction(randomImage);
  const list = breeds();
  const why = failed();
  return div(
    input({
      label: "Search breeds",
      value: query.peek(),
      oninput: (e) => {
        query.set(e.value);
        // The user is typing again: the error is out of date.
        failed.set(undefined);
      },
    }),
    query() === ""
      ? p(PROMPT)
      : why !== undefined
        ? p(searchFailed(why))
        : list === undefined
          ? p(PROMPT)
          : ul(list.map((b) => li(button({ onclick: () => selected.set(b) }, b)))),
    ...pickerView(selected, image),
  );
}
