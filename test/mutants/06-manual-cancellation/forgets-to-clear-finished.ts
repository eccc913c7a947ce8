/**
 * Misconception: "the handle tells me whether the request is running". The
 * page's example: a finished task stays in the signal, so Cancel Request
 * after the answer says "Request cancelled" (and overwrites the answer)
 * though nothing was running. A handle outlives its task; the task must
 * forget it when it finishes.
 */
import { cancelButton, requestTask, startRequest } from "./support/cancel-button.ts";
export * from "../../../solutions/06-manual-cancellation.ts";

// (no task.set(undefined) at the end of the request: the finished task's handle stays behind)
export const CancelButton = cancelButton({
  start: (s) => startRequest(s, (s) => requestTask(s, { forgetWhenDone: false })),
});
