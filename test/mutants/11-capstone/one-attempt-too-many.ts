/**
 * Misconception: "stop retrying once attempt > RETRY_DELAYS_MS.length".
 * Counting retries and attempts with one zero-based index is an off-by-one:
 * this getWithRetry makes four attempts (the last after a third wait, as
 * long as the second: the list of delays has run out), so a search that has
 * failed three times keeps the user waiting and the server busy for one
 * more round. Two retries means three attempts: give up at `>=`.
 */
export * from "../../../solutions/11-capstone.ts";
import { future, http, sleep, type Future, type Response } from "../../../runtime/index.ts";
import { RETRY_DELAYS_MS } from "../../../solutions/11-capstone.ts";
import { browserWith, searchWith } from "./support/browser.ts";

export function getWithRetry(url: string): Future<Response> {
  return future(function* getWithRetry() {
    for (let attempt = 0; ; attempt++) {
      const r = yield* http.get(url);
      if (r.ok && r.value.success) return r.value;
      // Off by one: `>` lets a fourth attempt through (the solution stops at `>=`).
      if (attempt > RETRY_DELAYS_MS.length) throw new Error(`${url} failed ${attempt + 1} times`);
      yield* sleep(RETRY_DELAYS_MS[attempt] ?? RETRY_DELAYS_MS[RETRY_DELAYS_MS.length - 1]!);
    }
  });
}
export const searchBreeds = searchWith(getWithRetry);
export const BreedBrowser = browserWith(searchBreeds);
