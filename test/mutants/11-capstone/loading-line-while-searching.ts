/**
 * Misconception: "while a search runs, show that it is running". The render
 * replaces the list with "Searching…" whenever the resource is pending: the
 * list disappears at every keystroke (a restart makes the resource pending
 * at once), flickers during every debounce, and the error line vanishes
 * before the new search has even started. The lesson's screen keeps the
 * last finished result until a new one lands; a small indicator beside it
 * would do, never instead of it.
 */
export * from "../../../solutions/11-capstone.ts";
import { div, input, p, useAction, useResource, useSignal, type Child } from "../../../runtime/index.ts";
import { pickerView, randomImage, resultView, searchRun } from "./support/browser.ts";

export function BreedBrowser(): Child {
  const query = useSignal(() => "");
  const selected = useSignal<string | undefined>(() => undefined);
  const search = useResource(() => searchRun(query()));
  const image = useAction(randomImage);
  return div(
    input({ label: "Search breeds", value: query.peek(), oninput: (e) => query.set(e.value) }),
    search.pending() ? p("Searching…") : resultView(search.value(), selected),
    ...pickerView(selected, image),
  );
}
