/**
 * Misconception: "an empty list means nothing is cached". A query that
 * matches no breed has a real answer, the empty list; this search treats it
 * as a miss (`if (cached?.length)`, the habit of a truthiness check) and asks
 * the server again every time that query is typed.
 */
import { future, type Future } from "../../../runtime/index.ts";
import { SEARCH_CACHE, getWithRetry, searchUrl } from "../../../solutions/11-capstone.ts";
import { browserWith } from "./support/browser.ts";
export * from "../../../solutions/11-capstone.ts";

export function searchBreeds(query: string): Future<string[]> {
  return future(function* searchBreeds() {
    const cached = SEARCH_CACHE.peek().get(query);
    if (cached?.length) return cached;
    const response = yield* getWithRetry(searchUrl(query));
    const breeds = response.json<{ message: string[] }>().message;
    SEARCH_CACHE.update((cache) => cache.set(query, breeds));
    return breeds;
  });
}

export const BreedBrowser = browserWith(searchBreeds);
