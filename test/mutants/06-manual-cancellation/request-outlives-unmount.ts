/**
 * Misconception: "a request I can cancel by hand needs no owner":
 * the request is started with spawnForever, since Cancel Request stops it
 * anyway. Cancel still works, but the task now belongs to the root, not to
 * the component: closing the page while a request runs leaves it in flight,
 * and its answer is written into the closed component's signals ("the value
 * was dropped"). spawn ties the task to the component, so unmounting drops
 * it; keep spawn, and cancel by hand on top of that.
 */
import { spawnForever, type Task } from "../../../runtime/index.ts";
import { cancelButton, requestTask } from "./support/cancel-button.ts";
export * from "../../../solutions/06-manual-cancellation.ts";

export const CancelButton = cancelButton({
  start: (s) => () => {
    s.task.peek()?.cancel();
    s.response.set("...");
    const t: Task = spawnForever(requestTask(s), { label: "request" });
    s.task.set(t);
  },
});
