/**
 * Misconception: "the resource restarts on every keystroke anyway, so a
 * debounce adds nothing". A restart does cancel the previous run, but only
 * after its request was sent: without a quiet period every keystroke sends
 * a request (and has it aborted), hammering the server while the user types.
 */
import {
  button,
  div,
  future,
  http,
  img,
  input,
  li,
  p,
  ul,
  useAction,
  useResource,
  useSignal,
  type Child,
} from "../../../runtime/index.ts";
import { searchBreeds, PROMPT, randomImageUrl, searchFailed } from "../../../solutions/11-capstone.ts";
export * from "../../../solutions/11-capstone.ts";

/** What one search run ends with. */
type Outcome = { query: string; breeds: string[] } | { query: string; failed: true };

export function BreedBrowser(): Child {
  const query = useSignal(() => "", "query");
  const selected = useSignal<string | undefined>(() => undefined, "selected");
  const search = useResource(() => {
    // Read in the closure: every keystroke restarts the resource, which
    // drops the previous run wherever it is (sleeping, waiting for an
    // answer, waiting to retry). That drop is the debounce and the cancel.
    const q = query();
    return future<Outcome | undefined>(function* search() {
      if (q === "") return undefined;
      try {
        return { query: q, breeds: yield* searchBreeds(q) };
      } catch {
        return { query: q, failed: true };
      }
    });
  }, "search");
  const image = useAction((breed: string) =>
    future(function* randomImage() {
      const r = yield* http.get(randomImageUrl(breed));
      if (!r.ok || !r.value.success) throw new Error(`no image for ${breed}`);
      return r.value.json<{ message: string }>().message;
    }),
  );
  const result = search.value();
  const picture = image.value();
  return div(
    input({ label: "Search breeds", value: query.peek(), oninput: (e) => query.set(e.value) }),
    // A restart keeps the old value (Dioxus #4214), so this shows the
    // previous answer while a new search runs; an empty box shows the prompt.
    query() === "" || result === undefined
      ? p(PROMPT)
      : "failed" in result
        ? p(searchFailed(result.query))
        : ul(result.breeds.map((b) => li(button({ onclick: () => selected.set(b) }, b)))),
    selected() === undefined ? null : p(`Selected: ${selected()}`),
    // Braces: the click starts the call, it does not wait for it.
    selected() === undefined
      ? null
      : button(
          {
            onclick: () => {
              image.call(selected.peek()!);
            },
          },
          "Random image",
        ),
    picture === undefined ? null : picture.ok ? img({ src: picture.value, label: "a dog" }) : p("No image, try again."),
  );
}
