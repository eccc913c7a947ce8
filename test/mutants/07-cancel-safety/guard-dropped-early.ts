/**
 * Misconception: "the guard just has to exist". Put in the same block as the
 * insert, the guard is dropped at the end of that block, before the await:
 * the breed is removed at once and RESOURCES_RUNNING never shows a running
 * request. It is Rust's `let _ = DropGuard(..)`, dropped on the spot,
 * instead of `let _guard = ..`, kept to the end of the scope. A guard must
 * live as long as the work it stands for.
 */
import { dropGuard, future, http, type Future, type Signal } from "../../../runtime/index.ts";
import { RESOURCES_RUNNING, breedUrl, imagesLine } from "../../../solutions/07-cancel-safety.ts";
import { appShowing, browserUsing } from "./support/assemble.ts";
export * from "../../../solutions/07-cancel-safety.ts";

export function breedImages(breed: Signal<string>): Future<string> {
  return future(function* () {
    const current = breed();
    {
      using running = RESOURCES_RUNNING.write();
      running.value.add(current);
      using _running = dropGuard(() => running.value.delete(current));
    }
    const r = yield* http.get(breedUrl(current));
    return imagesLine(current, r);
  });
}

export const DogBrowser = browserUsing(breedImages);
export const App = appShowing(DogBrowser);
