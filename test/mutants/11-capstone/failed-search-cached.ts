/**
 * Misconception: "a query that failed will fail again, so remember the
 * failure and spare the server". Most failures are passing (a timeout, a
 * restart, an overloaded moment): this search remembers every query that
 * failed and answers it with the error at once when it is typed again, so
 * the user can never get its breeds without reloading the app.
 */
import { Signal, future, type Future } from "../../../runtime/index.ts";
import { SEARCH_CACHE, getWithRetry, searchUrl } from "../../../solutions/11-capstone.ts";
import { browserWith } from "./support/browser.ts";
export * from "../../../solutions/11-capstone.ts";

/** Queries whose search failed, for the whole app. */
const FAILED = Signal.global(() => new Set<string>(), "FAILED");

export function searchBreeds(query: string): Future<string[]> {
  return future(function* searchBreeds() {
    const cached = SEARCH_CACHE.peek().get(query);
    if (cached !== undefined) return cached;
    if (FAILED.peek().has(query)) throw new Error(`"${query}" failed before`);
    try {
      const response = yield* getWithRetry(searchUrl(query));
      const breeds = response.json<{ message: string[] }>().message;
      SEARCH_CACHE.update((cache) => cache.set(query, breeds));
      return breeds;
    } catch (e) {
      FAILED.update((failed) => failed.add(query));
      throw e;
    }
  });
}

export const BreedBrowser = browserWith(searchBreeds);
