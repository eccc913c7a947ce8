/**
 * Misconception: "storing the new handle is all a new request needs". As in
 * the page's example, a press while a request runs spawns a second request
 * and overwrites the handle of the first without cancelling it: nothing can
 * stop the first any more, two requests race, and the older answer can land
 * after the newer one, or after "Request cancelled".
 */
import { button, div, future, http, spawn, useSignal, type Child, type Task } from "../../../runtime/index.ts";
export * from "../../../solutions/06-manual-cancellation.ts";

export function CancelButton(): Child {
  const response = useSignal(() => "Click to start a request", "response");
  const task = useSignal<Task | undefined>(() => undefined, "task");
  const startRequest = () => {
    // (the running request, if any, is not cancelled)
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
    if (running !== undefined) {
      running.cancel();
      response.set("Request cancelled");
    } else response.set("No request to cancel");
  };
  return div(button({ onclick: startRequest }, response()), button({ onclick: cancelRequest }, "Cancel Request"));
}
