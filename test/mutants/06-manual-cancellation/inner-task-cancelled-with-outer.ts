/**
 * Misconception: "a task spawned inside my request task is part of it, so
 * cancelling the request cancels it too". The request task stops its notice
 * task only after the answer, as the last step of a normal run. But the
 * notice task belongs to the component, not to the request task: Cancel
 * Request drops the request and leaves the notice task sleeping, and it
 * shows "Still waiting for httpbin.org..." for a request that no longer
 * runs. Stop inner tasks in a drop guard, which also runs on a cancel.
 */
import { cancelButton, requestTask, startRequest } from "./support/cancel-button.ts";
export * from "../../../solutions/06-manual-cancellation.ts";

export const CancelButton = cancelButton({
  start: (s) => startRequest(s, (s) => requestTask(s, { stopNotice: "after-answer" })),
});
