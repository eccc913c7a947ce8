/**
 * Misconception: "a failed search simply found nothing". The run catches the
 * failure and answers an empty list (Rust's `unwrap_or_default()`): the page
 * then says no breed matches, which is false, and never tells the user to
 * try again. A failure and an empty answer are different results; keep them
 * apart all the way to the screen.
 */
export * from "../../../solutions/11-capstone.ts";
import { div, future, input, sleep, useAction, useResource, useSignal, type Child } from "../../../runtime/index.ts";
import { DEBOUNCE_MS, searchBreeds } from "../../../solutions/11-capstone.ts";
import { pickerView, randomImage, resultView, type Outcome } from "./support/browser.ts";

export function BreedBrowser(): Child {
  const query = useSignal(() => "");
  const selected = useSignal<string | undefined>(() => undefined);
  const search = useResource(() => {
    const q = query();
    return future<Outcome | undefined>(function* search() {
      if (q === "") return undefined;
      yield* sleep(DEBOUNCE_MS);
      try {
        return { query: q, breeds: yield* searchBreeds(q) };
      } catch {
        return { query: q, breeds: [] };
      }
    });
  });
  const image = useAction(randomImage);
  return div(
    input({ label: "Search breeds", value: query.peek(), oninput: (e) => query.set(e.value) }),
    resultView(search.value(), selected),
    ...pickerView(selected, image),
  );
}
