/**
 * Misconception: "the handler can send the draft the Editor rendered". The
 * Save handler captures `draft()` as it was at the last render. Typing and
 * clicking Save before the Editor re-renders (a paste and a click in one
 * instant, an autofill, a fast user) sends the old text, here an empty
 * edit, and the typed one is lost. A handler reads the signal when it runs:
 * `draft.peek()` inside the handler.
 */
import { button, div, input, useSignal, type Child } from "../../../runtime/index.ts";
import { useSyncEngine } from "../../../solutions/10-spawn-forever.ts";
export * from "../../../solutions/10-spawn-forever.ts";
import { withEditor } from "./support/app.ts";

export function Editor(): Child {
  const edits = useSyncEngine();
  const draft = useSignal(() => "", "draft");
  const text = draft();
  return div(
    input({ value: text, oninput: (e) => draft.set(e.value) }),
    button({ onclick: () => (edits.send(text), draft.set("")) }, "Save"),
  );
}

export const App = withEditor(Editor);
