/**
 * Misconception: "the signal already tracks the running request, keep it".
 * A press while a request runs starts another one but keeps the first
 * handle: Cancel Request stops the first request, and the second one, which
 * nothing tracks, lands after "Request cancelled". The handle must always
 * be the task that is running now: cancel the old one, store the new one.
 */
import { button, div, future, http, spawn, useSignal, type Child, type Task } from "../../../runtime/index.ts";
export * from "../../../solutions/06-manual-cancellation.ts";

export function CancelButton(): Child {
  const response = useSignal(() => "Click to start a request", "response");
  const task = useSignal<Task | undefined>(() => undefined, "task");
  const startRequest = () => {
    response.set("...");
    const handle: Task = spawn(
      future(function* request() {
        const r = yield* http.get("https://httpbin.org/delay/1");
        response.set(r.ok ? "httpbin.org responded!" : "failed to fetch response!");
        if (task.peek() === handle) task.set(undefined);
      }),
      { label: "request" },
    );
    if (task.peek() === undefined) task.set(handle); // (keeps the first handle while it runs)
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
