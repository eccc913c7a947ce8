/**
 * Misconception: "the signal already tracks the running request, keep it".
 * A press while a request runs starts another one but keeps the first
 * handle: Cancel Request stops the first request, and the second one, which
 * nothing tracks, lands after "Request cancelled". The handle must always
 * be the task that is running now: cancel the old one, store the new one.
 */
import { future, spawn, type Task } from "../../../runtime/index.ts";
import { cancelButton, requestTask } from "./support/cancel-button.ts";
export * from "../../../solutions/06-manual-cancellation.ts";

export const CancelButton = cancelButton({
  start: (s) => () => {
    s.response.set("...");
    const handle: Task = spawn(
      future(function* () {
        yield* requestTask(s, { forgetWhenDone: false });
        if (s.task.peek() === handle) s.task.set(undefined);
      }),
      { label: "request" },
    );
    if (s.task.peek() === undefined) s.task.set(handle); // (keeps the first handle while it runs)
  },
});
