/**
 * Misconception: "each click can fetch its own image; the latest click's
 * answer comes last". Here every click on "Random image" spawns its own
 * request instead of calling the action, and nothing cancels the older
 * ones: they all run on, and whichever answers last is shown, so a slow
 * answer to an older click can replace the latest click's image.
 */
import {
  button,
  div,
  future,
  http,
  img,
  input,
  li,
  p,
  sleep,
  spawn,
  ul,
  useResource,
  useSignal,
  type ActionResult,
  type Child,
} from "../../../runtime/index.ts";
import { DEBOUNCE_MS, PROMPT, randomImageUrl, searchBreeds, searchFailed } from "../../../solutions/11-capstone.ts";
export * from "../../../solutions/11-capstone.ts";

/** What one search run ends with. */
type Outcome = { query: string; breeds: string[] } | { query: string; failed: true };

export function BreedBrowser(): Child {
  const query = useSignal(() => "", "query");
  const selected = useSignal<string | undefined>(() => undefined, "selected");
  const search = useResource(() => {
    const q = query();
    return future<Outcome | undefined>(function* search() {
      if (q === "") return undefined;
      yield* sleep(DEBOUNCE_MS);
      try {
        return { query: q, breeds: yield* searchBreeds(q) };
      } catch {
        return { query: q, failed: true };
      }
    });
  }, "search");
  const image = useSignal<ActionResult<string> | undefined>(() => undefined, "image");
  // A task per click, each writing its own answer when it comes.
  const randomImage = (breed: string) =>
    spawn(
      future(function* randomImage() {
        const r = yield* http.get(randomImageUrl(breed));
        image.set(
          r.ok && r.value.success
            ? { ok: true, value: r.value.json<{ message: string }>().message }
            : { ok: false, error: new Error(`no image for ${breed}`) },
        );
      }),
    );
  const result = search.value();
  const picture = image();
  return div(
    input({ label: "Search breeds", value: query.peek(), oninput: (e) => query.set(e.value) }),
    query() === "" || result === undefined
      ? p(PROMPT)
      : "failed" in result
        ? p(searchFailed(result.query))
        : ul(result.breeds.map((b) => li(button({ onclick: () => selected.set(b) }, b)))),
    selected() === undefined ? null : p(`Selected: ${selected()}`),
    selected() === undefined
      ? null
      : button(
          {
            onclick: () => {
              randomImage(selected.peek()!);
            },
          },
          "Random image",
        ),
    picture === undefined ? null : picture.ok ? img({ src: picture.value, label: "a dog" }) : p("No image, try again."),
  );
}
