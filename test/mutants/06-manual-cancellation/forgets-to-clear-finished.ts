/**
 * Misconception: "the handle tells me whether the request is running". The
 * page's example: a finished task stays in the signal, so Cancel Request
 * after the answer says "Request cancelled" (and overwrites the answer)
 * though nothing was running. A handle outlives its task; the task must
 * forget it when it finishes.
 */
import { button, div, future, http, spawn, useSignal, type Child, type Task } from "../../../runtime/index.ts";
export * from "../../../solutions/06-manual-cancellation.ts";

export function CancelButton(): Child {
  const response = useSignal(() => "Click to start a request", "response");
  const task = useSignal<Task | undefined>(() => undefined, "task");
  const startRequest = () => {
    task.peek()?.cancel();
    response.set("...");
    task.set(
      spawn(
        future(function* request() {
          const r = yield* http.get("https://httpbin.org/delay/1");
          response.set(r.ok ? "httpbin.org responded!" : "failed to fetch response!");
          // (no task.set(undefined): the finished task's handle stays behind)
        }),
        { label: "request" },
      ),
    );
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
