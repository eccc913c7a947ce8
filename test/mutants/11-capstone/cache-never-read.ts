/**
 * Misconception: "filling the cache is enough". This search writes every
 * answer into SEARCH_CACHE but never looks there first, so a query typed
 * again is fetched again: the cache costs memory and saves nothing.
 */
import { future, type Future } from "../../../runtime/index.ts";
import { SEARCH_CACHE, getWithRetry, searchUrl } from "../../../solutions/11-capstone.ts";
import { browserWith } from "./support/browser.ts";
export * from "../../../solutions/11-capstone.ts";

export function searchBreeds(query: string): Future<string[]> {
  return future(function* searchBreeds() {
    const response = yield* getWithRetry(searchUrl(query));
    const breeds = response.json<{ message: string[] }>().message;
    // Only answers go into the cache: a failure must be asked again next time.
    SEARCH_CACHE.update((cache) => cache.set(query, breeds));
    return breeds;
  });
}

export const BreedBrowser = browserWith(searchBreeds);
