/**
 * Misconception: "skip the restart when the text did not change, by
 * comparing with the query the render saw". The handler closes over the
 * text of its render; several key presses in one instant, before any
 * re-render, all compare with that old text. Typing "bo" and then back "b"
 * in one instant: "b" looks unchanged and is dropped, so the box's real text
 * is never searched. Compare with query.peek(), or just set it.
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

type Outcome = { query: string; breeds: string[] } | { query: string; failed: true };

export function BreedBrowser(): Child {
  const query = useSignal(() => "", "query");
  const selected = useSignal<string | undefined>(() => undefined, "selected");
  const search = useResource(() => {
    const q = query();
    return future<Outcome | undefined>(function* search() {
      if (q === "") return undefined;
      yield* sleep(DEBOUNCE_MS);
      try {
        return { query: q, breeds: yield* searchBreeds(q) };
      } catch {
        return { query: q, failed: true };
      }
    });
  }, "search");
  const image = useAction(randomImage);
  const text = query();
  const result = search.value();
  return div(
    input({
      label: "Search breeds",
      value: text,
      oninput: (e) => {
        // Same text as before: no need to search again.
        if (e.value !== text) query.set(e.value);
      },
    }),
    text === "" || result === undefined
      ? p(PROMPT)
      : "failed" in result
        ? p(searchFailed(result.query))
        : ul(result.breeds.map((b) => li(button({ onclick: () => selected.set(b) }, b)))),
    ...pickerView(selected, image),
  );
}
