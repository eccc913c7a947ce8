/**
 * Misconception: "after changing the query, tell the resource to start
 * over". The handler writes the query and calls restart(): but the resource
 * read the query in its closure, so the write already restarts it (from its
 * watcher, once per instant however many keys). Each keystroke now restarts
 * the search twice: the closure runs twice and one run is spawned only to
 * be dropped. Nothing shows on the screen; the work is wasted.
 */
export * from "../../../solutions/11-capstone.ts";
import { div, input, useAction, useResource, useSignal, type Child } from "../../../runtime/index.ts";
import { pickerView, randomImage, resultView, searchRun } from "./support/browser.ts";

export function BreedBrowser(): Child {
  const query = useSignal(() => "");
  const selected = useSignal<string | undefined>(() => undefined);
  const search = useResource(() => searchRun(query()));
  const image = useAction(randomImage);
  return div(
    input({
      label: "Search breeds",
      value: query.peek(),
      oninput: (e) => {
        query.set(e.value);
        search.restart();
      },
    }),
    resultView(search.value(), selected),
    ...pickerView(selected, image),
  );
}
