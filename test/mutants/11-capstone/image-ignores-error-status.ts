/**
 * Misconception: "a request that came back is a success". The action only
 * checks that an answer arrived (`r.ok`), not its status: a 500 still has a
 * JSON body with a `message`, so the error text is shown as the image's
 * address instead of "No image, try again.". In Rust, reqwest's `get` is Ok
 * for any status too; check `response.status().is_success()` (here
 * `r.value.success`) before reading the body.
 */
import { future, http, type Future } from "../../../runtime/index.ts";
import { randomImageUrl, searchBreeds } from "../../../solutions/11-capstone.ts";
import { browserWith } from "./support/browser.ts";
export * from "../../../solutions/11-capstone.ts";

function randomImage(breed: string): Future<string> {
  return future(function* randomImage() {
    const r = yield* http.get(randomImageUrl(breed));
    if (!r.ok) throw r.error;
    return r.value.json<{ message: string }>().message;
  });
}

export const BreedBrowser = browserWith(searchBreeds, { randomImage });
