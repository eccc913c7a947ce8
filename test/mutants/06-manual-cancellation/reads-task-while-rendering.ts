/**
 * Misconception: "the handler sees the state of the render that drew it"
 * (React's stale closure). Cancel Request uses the handle read during the
 * last render, not the signal at click time. Between a press of the request
 * button and the next render (a press of Cancel in the same instant), it
 * still sees no task: it says "No request to cancel" and the request runs
 * on. Read signals inside the handler, when the click happens.
 */
import { button, div, future, http, spawn, useSignal, type Child, type Task } from "../../../runtime/index.ts";
export * from "../../../solutions/06-manual-cancellation.ts";

export function CancelButton(): Child {
  const response = useSignal(() => "Click to start a request", "response");
  const task = useSignal<Task | undefined>(() => undefined, "task");
  const running = task(); // (read while rendering: the handlers below capture this value)
  const startRequest = () => {
    running?.cancel();
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
    task.set(undefined);
    if (running !== undefined) {
      running.cancel();
      response.set("Request cancelled");
    } else response.set("No request to cancel");
  };
  return div(button({ onclick: startRequest }, response()), button({ onclick: cancelRequest }, "Cancel Request"));
}
