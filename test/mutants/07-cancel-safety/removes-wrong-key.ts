/**
 * Misconception: "the guard can read the breed when it runs". The guard reads
 * the breed signal again instead of keeping the name it added. When a breed
 * change restarts the resource, the signal already holds the new breed: the
 * guard removes that one (which is not even there yet) and the old breed
 * leaks. Capture the value when the run starts, as the page's
 * DropGuard(breed()) does.
 */
import { dropGuard, future, http, type Future, type Signal } from "../../../runtime/index.ts";
import { RESOURCES_RUNNING, breedUrl, imagesLine } from "../../../solutions/07-cancel-safety.ts";
import { appShowing, browserUsing } from "./support/assemble.ts";
export * from "../../../solutions/07-cancel-safety.ts";

export function breedImages(breed: Signal<string>): Future<string> {
  return future(function* () {
    RESOURCES_RUNNING.update((running) => running.add(breed()));
    using _running = dropGuard(() => RESOURCES_RUNNING.update((running) => (running.delete(breed()), running)));
    const r = yield* http.get(breedUrl(breed()));
    return imagesLine(breed(), r);
  });
}

export const DogBrowser = browserUsing(breedImages);
export const App = appShowing(DogBrowser);
