/**
 * Misconception: "read the query once the debounce is over, so the search
 * uses the latest text". The closure reads nothing: the future sleeps first
 * and reads the query after. Until that read, the resource depends on
 * nothing, so keystrokes during the first sleep restart nothing; the sleep
 * that started when the app mounted (or after the last restart) ends on its
 * own clock and searches whatever is in the box then, however recently it
 * was typed. Read the query in the closure, before any await.
 */
export * from "../../../solutions/11-capstone.ts";
import { div, future, input, sleep, useAction, useResource, useSignal, type Child } from "../../../runtime/index.ts";
import { DEBOUNCE_MS, searchBreeds } from "../../../solutions/11-capstone.ts";
import { pickerView, randomImage, resultView, type Outcome } from "./support/browser.ts";

export function BreedBrowser(): Child {
  const query = useSignal(() => "");
  const selected = useSignal<string | undefined>(() => undefined);
  const search = useResource(() =>
    future<Outcome | undefined>(function* search() {
      yield* sleep(DEBOUNCE_MS);
      const q = query();
      if (q === "") return undefined;
      try {
        return { query: q, breeds: yield* searchBreeds(q) };
      } catch {
        return { query: q, failed: true };
      }
    }),
  );
  const image = useAction(randomImage);
  return div(
    input({ label: "Search breeds", value: query.peek(), oninput: (e) => query.set(e.value) }),
    resultView(search.value(), selected),
    ...pickerView(selected, image),
  );
}
