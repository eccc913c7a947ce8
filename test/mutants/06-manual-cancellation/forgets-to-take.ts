/**
 * Misconception: "reading the handle is enough". Cancel Request cancels the
 * stored task but leaves its handle in the signal (in Rust, `if let Some(t)
 * = task()` copies the Task out instead of `task.take()`), so a second
 * press finds the handle of a task that no longer runs and says "Request
 * cancelled" again.
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
    const running = task.peek(); // (not taken: the handle stays in the signal)
    if (running !== undefined) {
      running.cancel();
      response.set("Request cancelled");
    } else response.set("No request to cancel");
  };
  return div(button({ onclick: startRequest }, response()), button({ onclick: cancelRequest }, "Cancel Request"));
}
