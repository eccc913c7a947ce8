/**
 * Misconception: "reading the cache is just reading". In Rust the natural
 * `SEARCH_CACHE.read()` (here `SEARCH_CACHE()`) subscribes whoever reads: the
 * resource's future reads the cache, then writes the answer into it, and that
 * write restarts the resource, which waits out a whole debounce again just to
 * find its own answer. Every search runs twice; read the cache with peek().
 */
import { future, type Future } from "../../../runtime/index.ts";
import { SEARCH_CACHE, getWithRetry, searchUrl } from "../../../solutions/11-capstone.ts";
import { browserWith } from "./support/browser.ts";
export * from "../../../solutions/11-capstone.ts";

export function searchBreeds(query: string): Future<string[]> {
  return future(function* searchBreeds() {
    const cached = SEARCH_CACHE().get(query);
    if (cached !== undefined) return cached;
    const response = yield* getWithRetry(searchUrl(query));
    const breeds = response.json<{ message: string[] }>().message;
    SEARCH_CACHE.update((cache) => cache.set(query, breeds));
    return breeds;
  });
}

export const BreedBrowser = browserWith(searchBreeds);
