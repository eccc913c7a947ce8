/**
 * Misconception: "after every failure, back off". This getWithRetry makes
 * its three attempts, but sleeps after the third failure too (400 ms, the
 * next step of the backoff) before it gives up: nothing is retried after
 * that wait, so the user just looks at the old list for longer before the
 * error line comes. A backoff is a wait before a retry; with no retry left,
 * fail at once.
 */
export * from "../../../solutions/11-capstone.ts";
import { future, http, sleep, type Future, type Response } from "../../../runtime/index.ts";
import { RETRY_DELAYS_MS } from "../../../solutions/11-capstone.ts";
import { browserWith, searchWith } from "./support/browser.ts";

const BACKOFF = [...RETRY_DELAYS_MS, 400];

export function getWithRetry(url: string): Future<Response> {
  return future(function* getWithRetry() {
    for (let attempt = 0; attempt < BACKOFF.length; attempt++) {
      const r = yield* http.get(url);
      if (r.ok && r.value.success) return r.value;
      yield* sleep(BACKOFF[attempt]!);
    }
    throw new Error(`${url} failed ${BACKOFF.length} times`);
  });
}
export const searchBreeds = searchWith(getWithRetry);
export const BreedBrowser = browserWith(searchBreeds);
