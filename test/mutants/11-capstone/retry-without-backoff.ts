/**
 * Misconception: "retrying at once is the fastest way to recover". A server
 * that just failed is likely still failing (overloaded, restarting): asking
 * again on the spot hammers it. Back off: wait 100 ms, then 200 ms.
 */
import { future, http, type Future, type Response } from "../../../runtime/index.ts";
import { RETRY_DELAYS_MS } from "../../../solutions/11-capstone.ts";
import { browserWith, searchWith } from "./support/browser.ts";
export * from "../../../solutions/11-capstone.ts";

export function getWithRetry(url: string): Future<Response> {
  return future(function* getWithRetry() {
    for (let attempt = 0; ; attempt++) {
      const r = yield* http.get(url);
      if (r.ok && r.value.success) return r.value;
      // Out of retries: the last failure is the answer.
      if (attempt >= RETRY_DELAYS_MS.length) throw r.ok ? new Error(`${url} answered ${r.value.status}`) : r.error;
    }
  });
}

export const searchBreeds = searchWith(getWithRetry);
export const BreedBrowser = browserWith(searchBreeds);
