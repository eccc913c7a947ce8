/**
 * Misconception: "the error line is about what is in the box". This render
 * writes the error line with the box's current text, not with the query
 * that failed: once the user types on after a failure, the page says the
 * new query failed while its search is still waiting for its debounce (and
 * may well succeed). A result must carry the query it answers; show that.
 */
export * from "../../../solutions/11-capstone.ts";
import { div, input, p, useAction, useResource, useSignal, type Child } from "../../../runtime/index.ts";
import { searchFailed } from "../../../solutions/11-capstone.ts";
import { pickerView, randomImage, resultView, searchRun } from "./support/browser.ts";

export function BreedBrowser(): Child {
  const query = useSignal(() => "");
  const selected = useSignal<string | undefined>(() => undefined);
  const search = useResource(() => searchRun(query()));
  const image = useAction(randomImage);
  const result = search.value();
  return div(
    input({ label: "Search breeds", value: query.peek(), oninput: (e) => query.set(e.value) }),
    result !== undefined && "failed" in result ? p(searchFailed(query())) : resultView(result, selected),
    ...pickerView(selected, image),
  );
}
