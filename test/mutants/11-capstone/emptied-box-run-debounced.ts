/**
 * Misconception: "the render shows the prompt for an empty box, so the
 * search need not care". Here every run debounces first, the empty box's
 * included, and the render checks the box: the prompt does show at once.
 * But the empty box's run only clears the old result 150 ms later; if the
 * user types again before that, that run is dropped, the old result was
 * never forgotten, and it comes back on the screen while the new query
 * waits. Emptying the box must end the search at once, with no result.
 */
export * from "../../../solutions/11-capstone.ts";
import { div, future, input, p, sleep, useAction, useResource, useSignal, type Child } from "../../../runtime/index.ts";
import { DEBOUNCE_MS, PROMPT, searchBreeds } from "../../../solutions/11-capstone.ts";
import { pickerView, randomImage, resultView, type Outcome } from "./support/browser.ts";

export function BreedBrowser(): Child {
  const query = useSignal(() => "");
  const selected = useSignal<string | undefined>(() => undefined);
  const search = useResource(() => {
    const q = query();
    return future<Outcome | undefined>(function* search() {
      yield* sleep(DEBOUNCE_MS);
      if (q === "") return undefined;
      try {
        return { query: q, breeds: yield* searchBreeds(q) };
      } catch {
        return { query: q, failed: true };
      }
    });
  });
  const image = useAction(randomImage);
  return div(
    input({ label: "Search breeds", value: query.peek(), oninput: (e) => query.set(e.value) }),
    query() === "" ? p(PROMPT) : resultView(search.value(), selected),
    ...pickerView(selected, image),
  );
}
