/**
 * Misconception: "there is only one request button, so one place for its
 * handle will do". The running task is kept in a module-level variable
 * instead of the component's signal. With one CancelButton on the page
 * nothing shows; with two, a press of one's request button cancels the
 * other's request, and Cancel Request on one stops the other's. State that
 * belongs to a component lives in the component (a signal), once per
 * instance.
 */
import { future, spawn } from "../../../runtime/index.ts";
import type { Task } from "../../../runtime/index.ts";
import { cancelButton, requestTask } from "./support/cancel-button.ts";
export * from "../../../solutions/06-manual-cancellation.ts";

let running: Task | undefined; // (one handle for every CancelButton on the page)

export const CancelButton = cancelButton({
  start: (s) => () => {
    running?.cancel();
    s.response.set("...");
    running = spawn(
      future(function* () {
        yield* requestTask(s, { forgetWhenDone: false });
        running = undefined;
      }),
      { label: "request" },
    );
  },
  cancel: (s) => () => {
    const t = running;
    running = undefined;
    if (t !== undefined) {
      t.cancel();
      s.response.set("Request cancelled");
    } else s.response.set("No request to cancel");
  },
});
