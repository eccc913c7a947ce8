/**
 * The solution's search and browser, built around another piece: for the
 * mutants that change only how a request is retried or a search is made.
 * (The solution's own BreedBrowser calls its own searchBreeds, so a mutant
 * that replaces searchBreeds must also rebuild the component around it.)
 * Not a mutant itself: verify only takes the .ts files directly in the
 * kata's mutant folder.
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
  sleep,
  ul,
  useAction,
  useResource,
  useSignal,
  type Action,
  type Child,
  type Future,
  type Response,
  type Signal,
} from "../../../../runtime/index.ts";
import {
  DEBOUNCE_MS,
  PROMPT,
  SEARCH_CACHE,
  getWithRetry as solutionGet,
  randomImageUrl,
  searchFailed,
  searchUrl,
} from "../../../../solutions/11-capstone.ts";

/** What one search run ends with: the query it answers, and its breeds or its failure. */
type Outcome = { query: string; breeds: string[] } | { query: string; failed: true };

/** The solution's searchBreeds, fetching through `getWithRetry`. */
export function searchWith(getWithRetry: (url: string) => Future<Response>): (query: string) => Future<string[]> {
  return function searchBreeds(query: string): Future<string[]> {
    return future(function* searchBreeds() {
      // peek(): nothing should re-run because the cache changed.
      const cached = SEARCH_CACHE.peek().get(query);
      if (cached !== undefined) return cached;
      const response = yield* getWithRetry(searchUrl(query));
      const breeds = response.json<{ message: string[] }>().message;
      // Only answers go into the cache: a failure must be asked again next time.
      SEARCH_CACHE.update((cache) => cache.set(query, breeds));
      return breeds;
    });
  };
}

/** The solution's "Random image" action: a breed's random image URL, or an error for a failed request. */
export function randomImage(breed: string): Future<string> {
  return future(function* randomImage() {
    const r = yield* http.get(randomImageUrl(breed));
    if (!r.ok || !r.value.success) throw new Error(`no image for ${breed}`);
    return r.value.json<{ message: string }>().message;
  });
}

/** The pieces a mutant may swap: the action's future, and how the render reads the selected breed. */
export interface BrowserPieces {
  randomImage?: (breed: string) => Future<string>;
  readSelected?: (selected: Signal<string | undefined>) => string | undefined;
}

/** The solution's BreedBrowser, searching through `searchBreeds` (and with any `pieces` swapped). */
export function browserWith(
  searchBreeds: (query: string) => Future<string[]>,
  { randomImage: imageOf = randomImage, readSelected = (s) => s() }: BrowserPieces = {},
): () => Child {
  return function BreedBrowser(): Child {
    const query = useSignal(() => "", "query");
    const selected = useSignal<string | undefined>(() => undefined, "selected");
    const search = useResource(() => {
      // Read in the closure: every keystroke restarts the resource, which
      // drops the previous run wherever it is (sleeping, waiting for an
      // answer, waiting to retry). That drop is the debounce and the cancel.
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
    const image = useAction(imageOf);
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
      readSelected(selected) === undefined ? null : p(`Selected: ${readSelected(selected)}`),
      // Braces: the click starts the call, it does not wait for it.
      readSelected(selected) === undefined
        ? null
        : button(
            {
              onclick: () => {
                image.call(selected.peek()!);
              },
            },
            "Random image",
          ),
      picture === undefined
        ? null
        : picture.ok
          ? img({ src: picture.value, label: "a dog" })
          : p("No image, try again."),
    );
  };
}

// ── pieces for the mutants that rebuild the component around one change ──

export type { Outcome };

/** The solution's search run for the query `q`: nothing for an empty box, else the debounce, then the search, its failure caught. */
export function searchRun(
  q: string,
  search: (query: string) => Future<string[]> = searchWith(solutionGet),
): Future<Outcome | undefined> {
  return future<Outcome | undefined>(function* search_() {
    if (q === "") return undefined;
    yield* sleep(DEBOUNCE_MS);
    try {
      return { query: q, breeds: yield* search(q) };
    } catch {
      return { query: q, failed: true };
    }
  });
}

/** Below the box: the prompt, the error line of the failed query, or the breeds, each a button that selects it. */
export function resultView(result: Outcome | undefined, selected: Signal<string | undefined>): Child {
  return result === undefined
    ? p(PROMPT)
    : "failed" in result
      ? p(searchFailed(result.query))
      : ul(result.breeds.map((b) => li(button({ onclick: () => selected.set(b) }, b))));
}

/** The "Selected" line, the "Random image" button and what the action shows, as the solution has them. */
export function pickerView(selected: Signal<string | undefined>, image: Action<[string], string>): Child[] {
  const picture = image.value();
  return [
    selected() === undefined ? null : p(`Selected: ${selected()}`),
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
  ];
}
