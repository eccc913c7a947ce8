/**
 * Misconception: "mark the query as taken before sending, so nobody asks
 * twice". This search puts an empty list in SEARCH_CACHE before its request
 * and removes it if the request fails: but a search dropped while it waits
 * (the user typed on, the resource restarted) never reaches either line, and
 * its empty placeholder stays. The next time that query is typed, the cache
 * answers "no breeds" without asking. This is the cancel-safety trap: a
 * future can stop at any await, so never leave a promise in shared state
 * that only a later line of the same future keeps.
 */
export * from "../../../solutions/11-capstone.ts";
import { future, type Future } from "../../../runtime/index.ts";
import { SEARCH_CACHE, getWithRetry, searchUrl } from "../../../solutions/11-capstone.ts";
import { browserWith } from "./support/browser.ts";

export function searchBreeds(query: string): Future<string[]> {
  return future(function* searchBreeds() {
    const cached = SEARCH_CACHE.peek().get(query);
    if (cached !== undefined) return cached;
    SEARCH_CACHE.update((cache) => cache.set(query, []));
    try {
      const breeds = (yield* getWithRetry(searchUrl(query))).json<{ message: string[] }>().message;
      SEARCH_CACHE.update((cache) => cache.set(query, breeds));
      return breeds;
    } catch (error) {
      SEARCH_CACHE.update((cache) => (cache.delete(query), cache));
      throw error;
    }
  });
}
export const BreedBrowser = browserWith(searchBreeds);
