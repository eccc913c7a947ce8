/**
 * Misconception: "the guard is for cancels, the normal path still needs its
 * own cleanup". A drop guard also runs when the future finishes, so a run
 * that gets its answer removes its breed twice: once after the await, once
 * more when the guard drops. One guard covers every way a run ends.
 */
import { dropGuard, future, http, type Future, type Signal } from "../../../runtime/index.ts";
import { RESOURCES_RUNNING, breedUrl, imagesLine } from "../../../solutions/07-cancel-safety.ts";
import { appShowing, browserUsing } from "./support/assemble.ts";
export * from "../../../solutions/07-cancel-safety.ts";

export function breedImages(breed: Signal<string>): Future<string> {
  return future(function* () {
    const current = breed();
    RESOURCES_RUNNING.update((running) => running.add(current));
    using _running = dropGuard(() => RESOURCES_RUNNING.update((running) => (running.delete(current), running)));
    const r = yield* http.get(breedUrl(current));
    RESOURCES_RUNNING.update((running) => (running.delete(current), running));
    return imagesLine(current, r);
  });
}

export const DogBrowser = browserUsing(breedImages);
export const App = appShowing(DogBrowser);
