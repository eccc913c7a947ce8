/**
 * Misconception: "a failed request is a final answer". On a flaky network
 * most failures are passing; one retry after a short wait usually succeeds.
 * This search shows the error line after the first failure.
 */
import { future, http, type Future, type Response } from "../../../runtime/index.ts";
import { browserWith, searchWith } from "./support/browser.ts";
export * from "../../../solutions/11-capstone.ts";

export function getWithRetry(url: string): Future<Response> {
  return future(function* getWithRetry() {
    const r = yield* http.get(url);
    if (r.ok && r.value.success) return r.value;
    throw r.ok ? new Error(`${url} answered ${r.value.status}`) : r.error;
  });
}

export const searchBreeds = searchWith(getWithRetry);
export const BreedBrowser = browserWith(searchBreeds);
