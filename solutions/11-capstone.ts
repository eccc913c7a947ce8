/**
 * Kata 11 · Capstone: the reference solution.
 * The lesson is in katas/11-capstone.ts.
 */
import {
  Signal,
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
  type Child,
  type Future,
  type Response,
} from "../runtime/index.ts";

/** Quiet time after the last keystroke before a search starts. */
export const DEBOUNCE_MS = 150;
/** How long to wait before each retry: the first after 100 ms, the second after 200 ms. */
export const RETRY_DELAYS_MS = [100, 200] as const;
/** Shown while the search box is empty. */
export const PROMPT = "Type a breed name";

export function searchUrl(query: string): string {
  return `https://dog.ceo/api/breeds/search?q=${query}`;
}

export function randomImageUrl(breed: string): string {
  return `https://dog.ceo/api/breed/${breed}/images/random`;
}

/** The error line for a search that failed after its retries. */
export function searchFailed(query: string): string {
  return `Search for "${query}" failed, try again.`;
}

/** Answers already fetched, by query: shared by the whole app, never cleared. */
// Stryker disable next-line StringLiteral: the name only labels the signal in timelines
export const SEARCH_CACHE = Signal.global(() => new Map<string, string[]>(), "SEARCH_CACHE");

export function getWithRetry(url: string): Future<Response> {
  return future(function* getWithRetry() {
    for (let attempt = 0; ; attempt++) {
      const r = yield* http.get(url);
      if (r.ok && r.value.success) return r.value;
      // Out of retries: the last failure is the answer.
      // Stryker disable next-line StringLiteral: the message is never shown, the search turns any failure into its error line
      if (attempt >= RETRY_DELAYS_MS.length) throw r.ok ? new Error(`${url} answered ${r.value.status}`) : r.error;
      // Backoff: wait longer after each failure. If the search is dropped
      // while it waits, this sleep is dropped with it and no retry is sent.
      yield* sleep(RETRY_DELAYS_MS[attempt]!);
    }
  });
}

export function searchBreeds(query: string): Future<string[]> {
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
}

/** What one search run ends with: the query it answers, and its breeds or its failure. */
type Outcome = { query: string; failed: false; breeds: string[] } | { query: string; failed: true };

export function BreedBrowser(): Child {
  const query = useSignal(() => "");
  const selected = useSignal<string | undefined>(() => undefined);
  const search = useResource(() => {
    // Read in the closure: every keystroke restarts the resource, which
    // drops the previous run wherever it is (sleeping, waiting for an
    // answer, waiting to retry). That drop is the debounce and the cancel.
    const q = query();
    return future<Outcome | undefined>(function* search() {
      if (q === "") return undefined;
      yield* sleep(DEBOUNCE_MS);
      try {
        return { query: q, failed: false, breeds: yield* searchBreeds(q) };
      } catch {
        return { query: q, failed: true };
      }
    });
  });
  const image = useAction((breed: string) =>
    future(function* randomImage() {
      const r = yield* http.get(randomImageUrl(breed));
      // Stryker disable next-line StringLiteral: the message is never shown, the screen says "No image, try again."
      if (!r.ok || !r.value.success) throw new Error(`no image for ${breed}`);
      return r.value.json<{ message: string }>().message;
    }),
  );
  const result = search.value();
  const picture = image.value();
  return div(
    input({ label: "Search breeds", value: query.peek(), oninput: (e) => query.set(e.value) }),
    // A restart keeps the old value (Dioxus #4214), so this shows the
    // previous answer while a new search runs. Emptying the box restarts the
    // search too, and its run ends at once with undefined: the prompt.
    result === undefined
      ? p(PROMPT)
      : result.failed
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
