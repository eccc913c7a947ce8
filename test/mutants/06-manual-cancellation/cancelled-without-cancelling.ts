/**
 * Misconception: "forgetting the handle stops the task". Cancel Request takes
 * the Task out of the signal and says "Request cancelled", but never calls
 * cancel(): the task keeps running, the request is not aborted, and its
 * answer lands on the screen anyway. Dropping a handle is not dropping the
 * future: only cancel() (or unmounting the component) does that.
 */
import { button, div, future, http, spawn, useSignal, type Child, type Task } from "../../../runtime/index.ts";
export * from "../../../solutions/06-manual-cancellation.ts";

export function CancelButton(): Child {
  const response = useSignal(() => "Click to start a request", "response");
  const task = useSignal<Task | undefined>(() => undefined, "task");
  const startRequest = () => {
    task.peek()?.cancel();
    response.set("...");
    const request: Task = spawn(
      future(function* request() {
        const r = yield* http.get("https://httpbin.org/delay/1");
        response.set(r.ok ? "httpbin.org responded!" : "failed to fetch response!");
        task.set(undefined);
      }),
      { label: "request" },
    );
    task.set(request);
  };
  const cancelRequest = () => {
    const running = task.peek();
    task.set(undefined);
    if (running !== undefined) response.set("Request cancelled"); // (no running.cancel())
    else response.set("No request to cancel");
  };
  return div(button({ onclick: startRequest }, response()), button({ onclick: cancelRequest }, "Cancel Request"));
}
