/**
 * Misconception: "the code after the await puts things back". That is the
 * page's unsafe version: a run dropped at its await (a breed change, Stop,
 * hiding the browser) never resumes, so the line after the await never runs
 * and its breed stays in RESOURCES_RUNNING for ever.
 */
import { dropGuard, future, http, type Future, type Signal } from "../../../runtime/index.ts";
import { RESOURCES_RUNNING, breedUrl, imagesLine } from "../../../solutions/07-cancel-safety.ts";
import { appShowing, browserUsing } from "./support/assemble.ts";
export * from "../../../solutions/07-cancel-safety.ts";

export function breedImages(breed: Signal<string>): Future<string> {
  return future(function* () {
    const current = breed();
    RESOURCES_RUNNING.update((running) => running.add(current));
    const r = yield* http.get(breedUrl(current));
    RESOURCES_RUNNING.update((running) => (running.delete(current), running));
    return imagesLine(current, r);
  });
}
void dropGuard;

export const DogBrowser = browserUsing(breedImages);
export const App = appShowing(DogBrowser);
