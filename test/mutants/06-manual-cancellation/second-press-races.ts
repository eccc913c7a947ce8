/**
 * Misconception: "storing the new handle is all a new request needs". As in
 * the page's example, a press while a request runs spawns a second request
 * and overwrites the handle of the first without cancelling it: nothing can
 * stop the first any more, two requests race, and the older answer can land
 * after the newer one, or after "Request cancelled".
 */
import { spawn } from "../../../runtime/index.ts";
import { cancelButton, requestTask } from "./support/cancel-button.ts";
export * from "../../../solutions/06-manual-cancellation.ts";

export const CancelButton = cancelButton({
  start: (s) => () => {
    // (the running request, if any, is not cancelled)
    s.response.set("...");
    s.task.set(spawn(requestTask(s), { label: "request" }));
  },
});
