/**
 * Misconception: "only a lost connection is worth retrying; a server that
 * answered has spoken". This getWithRetry retries when no answer came back,
 * but throws at once on a 500: yet a 500 is as passing as a dropped
 * connection (an overloaded or restarting server), and the lesson asks to
 * retry both. In Rust, reqwest's `get` is Ok for a 500 too: the status has
 * to be checked (`response.status().is_success()`), then retried the same way.
 */
export * from "../../../solutions/11-capstone.ts";
import { future, http, sleep, type Future, type Response } from "../../../runtime/index.ts";
import { RETRY_DELAYS_MS } from "../../../solutions/11-capstone.ts";
import { browserWith, searchWith } from "./support/browser.ts";

export function getWithRetry(url: string): Future<Response> {
  return future(function* getWithRetry() {
    for (let attempt = 0; ; attempt++) {
      const r = yield* http.get(url);
      if (r.ok && !r.value.success) throw new Error(`${url} answered ${r.value.status}`);
      if (r.ok) return r.value;
      if (attempt >= RETRY_DELAYS_MS.length) throw r.error;
      yield* sleep(RETRY_DELAYS_MS[attempt]!);
    }
  });
}
export const searchBreeds = searchWith(getWithRetry);
export const BreedBrowser = browserWith(searchBreeds);
