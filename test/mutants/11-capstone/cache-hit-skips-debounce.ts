/**
 * Misconception: "a cache hit costs nothing, so it need not wait". This
 * search answers a cached query at once and only debounces the requests: but
 * the debounce is about the user, not the server. Typing "b", "bo", "b" in
 * quick succession with "b" cached flashes b's list at the first key, then
 * keeps it while "bo" waits: the screen jumps to a query the user is typing
 * through. Every search waits for the same quiet period, then asks the cache.
 */
export * from "../../../solutions/11-capstone.ts";
import {
  div,
  future,
  input,
  sleep,
  useAction,
  useResource,
  useSignal,
  type Child,
  type Future,
} from "../../../runtime/index.ts";
import { DEBOUNCE_MS, SEARCH_CACHE, getWithRetry, searchUrl } from "../../../solutions/11-capstone.ts";
import { pickerView, randomImage, resultView, type Outcome } from "./support/browser.ts";

export function searchBreeds(query: string): Future<string[]> {
  return future(function* searchBreeds() {
    const cached = SEARCH_CACHE.peek().get(query);
    if (cached !== undefined) return cached;
    yield* sleep(DEBOUNCE_MS);
    const breeds = (yield* getWithRetry(searchUrl(query))).json<{ message: string[] }>().message;
    SEARCH_CACHE.update((cache) => cache.set(query, breeds));
    return breeds;
  });
}

export function BreedBrowser(): Child {
  const query = useSignal(() => "");
  const selected = useSignal<string | undefined>(() => undefined);
  const search = useResource(() => {
    const q = query();
    return future<Outcome | undefined>(function* search() {
      if (q === "") return undefined;
      try {
        return { query: q, breeds: yield* searchBreeds(q) };
      } catch {
        return { query: q, failed: true };
      }
    });
  });
  const image = useAction(randomImage);
  return div(
    input({ label: "Search breeds", value: query.peek(), oninput: (e) => query.set(e.value) }),
    resultView(search.value(), selected),
    ...pickerView(selected, image),
  );
}
