/**
 * Misconception: "when my run ends, nothing is running any more, so the
 * guard can empty the set". RESOURCES_RUNNING belongs to the whole app:
 * other panels, other requests may have entries in it. A guard that calls
 * clear() wipes theirs too, and their spinners stop while they still load.
 * Cleanup undoes exactly what this run did: delete the breed it added.
 */
import { dropGuard, future, http, type Future, type Signal } from "../../../runtime/index.ts";
import { RESOURCES_RUNNING, breedUrl, imagesLine } from "../../../solutions/07-cancel-safety.ts";
import { appShowing, browserUsing } from "./support/assemble.ts";
export * from "../../../solutions/07-cancel-safety.ts";

export function breedImages(breed: Signal<string>): Future<string> {
  return future(function* () {
    const current = breed();
    RESOURCES_RUNNING.update((running) => running.add(current));
    using _running = dropGuard(() => RESOURCES_RUNNING.update((running) => (running.clear(), running)));
    const r = yield* http.get(breedUrl(current));
    return imagesLine(current, r);
  });
}

export const DogBrowser = browserUsing(breedImages);
export const App = appShowing(DogBrowser);
