/**
 * Misconception: "reading a signal inside the resource is harmless, only
 * the breed matters". Reading RESOURCES_RUNNING with `()` subscribes the
 * resource to it, and the run itself writes it: the add restarts the
 * resource, the restart's guard writes it again, and so on, one restart
 * per write. Inside a resource, read what should restart it with `()` and
 * anything else with `peek()`.
 */
import { dropGuard, future, http, type Future, type Signal } from "../../../runtime/index.ts";
import { RESOURCES_RUNNING, breedUrl, imagesLine } from "../../../solutions/07-cancel-safety.ts";
import { appShowing, browserUsing } from "./support/assemble.ts";
export * from "../../../solutions/07-cancel-safety.ts";

export function breedImages(breed: Signal<string>): Future<string> {
  return future(function* () {
    const current = breed();
    // Add the breed only if no other run has it (the set is read tracked).
    const mine = !RESOURCES_RUNNING().has(current);
    if (mine) RESOURCES_RUNNING.update((running) => running.add(current));
    using _running = dropGuard(() => {
      if (mine) RESOURCES_RUNNING.update((running) => (running.delete(current), running));
    });
    const r = yield* http.get(breedUrl(current));
    return imagesLine(current, r);
  });
}

export const DogBrowser = browserUsing(breedImages);
export const App = appShowing(DogBrowser);
