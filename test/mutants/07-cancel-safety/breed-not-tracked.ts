/**
 * Misconception: "the resource reloads when the component re-renders". It
 * reloads only when a signal it read changes, and peek() reads without
 * subscribing: picking another breed never restarts it, and the screen keeps
 * the first breed's data.
 */
import { dropGuard, future, http, type Future, type Signal } from "../../../runtime/index.ts";
import { RESOURCES_RUNNING, breedUrl, imagesLine } from "../../../solutions/07-cancel-safety.ts";
import { appShowing, browserUsing } from "./support/assemble.ts";
export * from "../../../solutions/07-cancel-safety.ts";

export function breedImages(breed: Signal<string>): Future<string> {
  return future(function* () {
    const current = breed.peek();
    RESOURCES_RUNNING.update((running) => running.add(current));
    using _running = dropGuard(() => RESOURCES_RUNNING.update((running) => (running.delete(current), running)));
    const r = yield* http.get(breedUrl(current));
    return imagesLine(current, r);
  });
}

export const DogBrowser = browserUsing(breedImages);
export const App = appShowing(DogBrowser);
