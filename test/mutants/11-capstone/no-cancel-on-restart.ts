/**
 * Misconception: "each keystroke can start its own search task; the last
 * one typed finishes last". A task per keystroke (spawn in the input
 * handler) debounces and fills the cache, but nothing cancels the older
 * searches: they all run on, and whichever answers last writes the list,
 * so a slow answer for an older query can land after the final one's.
 */
import {
  button,
  div,
  future,
  input,
  li,
  p,
  sleep,
  spawn,
  ul,
  useAction,
  useSignal,
  type Child,
} from "../../../runtime/index.ts";
import { DEBOUNCE_MS, PROMPT, searchBreeds, searchFailed } from "../../../solutions/11-capstone.ts";
import { pickerView, randomImage } from "./support/browser.ts";
export * from "../../../solutions/11-capstone.ts";

type Outcome = { query: string; breeds: string[] } | { query: string; failed: true };

export function BreedBrowser(): Child {
  const query = useSignal(() => "", "query");
  const latest = useSignal(() => 0, "latest keystroke");
  const result = useSignal<Outcome | undefined>(() => undefined, "result");
  const selected = useSignal<string | undefined>(() => undefined, "selected");
  const image = useAction(randomImage);
  const onInput = (q: string) => {
    query.set(q);
    const n = latest.peek() + 1;
    latest.set(n);
    if (q === "") return;
    spawn(
      future(function* search() {
        yield* sleep(DEBOUNCE_MS);
        // The debounce: a later keystroke makes this one give up before searching…
        if (latest.peek() !== n) return;
        // …but once its request is out, nothing stops it.
        try {
          result.set({ query: q, breeds: yield* searchBreeds(q) });
        } catch {
          result.set({ query: q, failed: true });
        }
      }),
    );
  };
  const r = result();
  return div(
    input({ label: "Search breeds", value: query.peek(), oninput: (e) => onInput(e.value) }),
    query() === "" || r === undefined
      ? p(PROMPT)
      : "failed" in r
        ? p(searchFailed(r.query))
        : ul(r.breeds.map((b) => li(button({ onclick: () => selected.set(b) }, b)))),
    ...pickerView(selected, image),
  );
}
