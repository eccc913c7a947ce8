/**
 * Misconception: "the handler sees the state of the render that drew it"
 * (React's stale closure). Cancel Request uses the handle read during the
 * last render, not the signal at click time. Between a press of the request
 * button and the next render (a press of Cancel in the same instant), it
 * still sees no task: it says "No request to cancel" and the request runs
 * on. Read signals inside the handler, when the click happens.
 */
import { spawn, type Task } from "../../../runtime/index.ts";
import { cancelButton, requestTask } from "./support/cancel-button.ts";
export * from "../../../solutions/06-manual-cancellation.ts";

// `start` and `cancel` run while the component renders: `running` is the handle as that render saw it.
export const CancelButton = cancelButton({
  start: (s) => {
    const running = s.task(); // (read while rendering: the handler below captures this value)
    return () => {
      running?.cancel();
      s.response.set("...");
      const request: Task = spawn(requestTask(s), { label: "request" });
      s.task.set(request);
    };
  },
  cancel: (s) => {
    const running = s.task(); // (read while rendering)
    return () => {
      s.task.set(undefined);
      if (running !== undefined) {
        running.cancel();
        s.response.set("Request cancelled");
      } else s.response.set("No request to cancel");
    };
  },
});
