/**
 * Misconception: "clearing the draft clears the text box". The Editor keeps
 * the typed text in a signal and empties that signal after Save, but its
 * input is not bound to it (no `value: draft()`): the box only reports what
 * is typed, the signal never flows back into it, so after Save the box still
 * shows the text just sent. A controlled input takes its value from the
 * signal it writes: `input({ value: draft(), oninput: … })`.
 */
import { button, div, input, useSignal, type Child } from "../../../runtime/index.ts";
import { useSyncEngine } from "../../../solutions/10-spawn-forever.ts";
export * from "../../../solutions/10-spawn-forever.ts";
import { withEditor } from "./support/app.ts";

export function Editor(): Child {
  const edits = useSyncEngine();
  const draft = useSignal(() => "", "draft");
  return div(
    input({ oninput: (e) => draft.set(e.value) }),
    button({ onclick: () => (edits.send(draft.peek()), draft.set("")) }, "Save"),
  );
}

export const App = withEditor(Editor);
