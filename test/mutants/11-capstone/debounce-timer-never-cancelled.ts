/**
 * Misconception: "debounce = wait 150 ms, then search the text typed". Each
 * keystroke spawns a task that sleeps 150 ms and then hands its own text to
 * the search, and nothing cancels the older tasks: every key still causes a
 * search, just 150 ms late, and each one restarts the resource and aborts
 * the request of the one before. Only the LAST key's wait may survive: keep
 * the sleep inside the resource (or cancel the previous task) so a new key
 * drops the old wait.
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
        const text = e.value;
        query.set(text);
        if (text === "") return searched.set("");
        spawn(
          future(function* debounce() {
            yield* sleep(DEBOUNCE_MS);
            searched.set(text);
          }),
        );
      },
    }),
    resultView(search.value(), selected),
    ...pickerView(selected, image),
  );
}
