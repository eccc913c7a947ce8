/**
 * Misconception: "show the image when there is one; otherwise nothing".
 * This render only matches the action's Ok: a failed request leaves the
 * screen blank (or, after a first success, the dog simply disappears), and
 * the user cannot tell a failure from a slow answer. Match the Err too:
 * "No image, try again."
 */
export * from "../../../solutions/11-capstone.ts";
import { button, div, img, input, p, useAction, useResource, useSignal, type Child } from "../../../runtime/index.ts";
import { randomImage, resultView, searchRun } from "./support/browser.ts";

export function BreedBrowser(): Child {
  const query = useSignal(() => "");
  const selected = useSignal<string | undefined>(() => undefined);
  const search = useResource(() => searchRun(query()));
  const image = useAction(randomImage);
  const picture = image.value();
  return div(
    input({ label: "Search breeds", value: query.peek(), oninput: (e) => query.set(e.value) }),
    resultView(search.value(), selected),
    selected() === undefined ? null : p(`Selected: ${selected()}`),
    selected() === undefined
      ? null
      : button(
          {
            onclick: () => {
              image.call(selected.peek()!);
            },
          },
          "Random image",
        ),
    picture?.ok ? img({ src: picture.value, label: "a dog" }) : null,
  );
}
