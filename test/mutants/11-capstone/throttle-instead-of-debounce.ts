/**
 * Misconception: "a debounce is a timer started at the first key". The
 * handler starts one 150 ms timer when none is running and, when it fires,
 * hands the box's text to the search: keys typed meanwhile do not push it
 * back. That is a throttle: while the user keeps typing, a search goes out
 * every 150 ms for a query they are still in the middle of. A debounce
 * restarts its wait at every key; the resource's restart does exactly that.
 */
export * from "../../../solutions/11-capstone.ts";
import {
  div,
  future,
  input,
  sleep,
  spawn,
  useAction,
  useResource,
  useSignal,
  type Child,
} from "../../../runtime/index.ts";
import { DEBOUNCE_MS, searchBreeds } from "../../../solutions/11-capstone.ts";
import { pickerView, randomImage, resultView, type Outcome } from "./support/browser.ts";

export function BreedBrowser(): Child {
  const query = useSignal(() => "");
  const searched = useSignal(() => "");
  const timing = useSignal(() => false);
  const selected = useSignal<string | undefined>(() => undefined);
  const search = useResource(() => {
    const q = searched();
    return future<Outcome | undefined>(function* search() {
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
    input({
      label: "Search breeds",
      value: query.peek(),
      oninput: (e) => {
        query.set(e.value);
        if (e.value === "") return searched.set("");
        if (timing.peek()) return;
        timing.set(true);
        spawn(
          future(function* throttle() {
            yield* sleep(DEBOUNCE_MS);
            timing.set(false);
            searched.set(query.peek());
          }),
        );
      },
    }),
    resultView(search.value(), selected),
    ...pickerView(selected, image),
  );
}
