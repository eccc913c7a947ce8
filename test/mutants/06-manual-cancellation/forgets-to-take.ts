/**
 * Misconception: "reading the handle is enough". Cancel Request cancels the
 * stored task but leaves its handle in the signal (in Rust, `if let Some(t)
 * = task()` copies the Task out instead of `task.take()`), so a second
 * press finds the handle of a task that no longer runs and says "Request
 * cancelled" again.
 */
import { cancelButton } from "./support/cancel-button.ts";
export * from "../../../solutions/06-manual-cancellation.ts";

export const CancelButton = cancelButton({
  cancel: (s) => () => {
    const running = s.task.peek(); // (not taken: the handle stays in the signal)
    if (running !== undefined) {
      running.cancel();
      s.response.set("Request cancelled");
    } else s.response.set("No request to cancel");
  },
});
