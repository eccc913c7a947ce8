/**
 * Misconception: "tell the user at once that something went wrong". This
 * search shows the error line at the first failed attempt, while the retries
 * are still to come, and takes it back if a retry succeeds: the page flashes
 * an error for a search that has not failed. A search has failed only once
 * its last retry has.
 */
import {
  button,
  div,
  future,
  http,
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
import {
  DEBOUNCE_MS,
  PROMPT,
  RETRY_DELAYS_MS,
  SEARCH_CACHE,
  searchFailed,
  searchUrl,
} from "../../../solutions/11-capstone.ts";
import { pickerView, randomImage } from "./support/browser.ts";
export * from "../../../solutions/11-capstone.ts";

export function BreedBrowser(): Child {
  const query = useSignal(() => "", "query");
  const failed = useSignal<string | undefined>(() => undefined, "failed");
  const selected = useSignal<string | undefined>(() => undefined, "selected");
  const search = useResource(() => {
    const q = query();
    return future<string[] | undefined>(function* search() {
      if (q === "") return undefined;
      yield* sleep(DEBOUNCE_MS);
      const cached = SEARCH_CACHE.peek().get(q);
      if (cached !== undefined) {
        failed.set(undefined);
        return cached;
      }
      for (let attempt = 0; ; attempt++) {
        const r = yield* http.get(searchUrl(q));
        if (r.ok && r.value.success) {
          const breeds = r.value.json<{ message: string[] }>().message;
          SEARCH_CACHE.update((cache) => cache.set(q, breeds));
          failed.set(undefined);
          return breeds;
        }
        // Say so right away…
        failed.set(q);
        if (attempt >= RETRY_DELAYS_MS.length) return undefined;
        // …and try again.
        yield* sleep(RETRY_DELAYS_MS[attempt]!);
      }
    });
  }, "search");
  const image = useAction(randomImage);
  const breeds = search.value();
  const why = failed();
  return div(
    input({ label: "Search breeds", value: query.peek(), oninput: (e) => query.set(e.value) }),
    query() === ""
      ? p(PROMPT)
      : why !== undefined
        ? p(searchFailed(why))
        : breeds === undefined
          ? p(PROMPT)
          : ul(breeds.map((b) => li(button({ onclick: () => selected.set(b) }, b)))),
    ...pickerView(selected, image),
  );
}
