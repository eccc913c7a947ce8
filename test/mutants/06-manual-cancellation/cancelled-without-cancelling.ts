/**
 * Misconception: "forgetting the handle stops the task". Cancel Request takes
 * the Task out of the signal and says "Request cancelled", but never calls
 * cancel(): the task keeps running, the request is not aborted, and its
 * answer lands on the screen anyway. Dropping a handle is not dropping the
 * future: only cancel() (or unmounting the component) does that.
 */
import { cancelButton } from "./support/cancel-button.ts";
export * from "../../../solutions/06-manual-cancellation.ts";

export const CancelButton = cancelButton({
  cancel: (s) => () => {
    const running = s.task.peek();
    s.task.set(undefined);
    if (running !== undefined)
      s.response.set("Request cancelled"); // (no running.cancel())
    else s.response.set("No request to cancel");
  },
});
