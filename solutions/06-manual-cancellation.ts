/**
 * Kata 06 · Manual cancellation: the reference solution.
 * The lesson is in katas/06-manual-cancellation.ts.
 */
import {
  button,
  div,
  dropGuard,
  future,
  http,
  p,
  sleep,
  spawn,
  useSignal,
  type Child,
  type Task,
} from "../runtime/index.ts";

export const SLOW_MS = 50;
export const SLOW_NOTICE = "Still waiting for httpbin.org...";

export function CancelButton(): Child {
  const response = useSignal(() => "Click to start a request", "response");
  // The handle of the request that is running now, or undefined when none is.
  const task = useSignal<Task | undefined>(() => undefined, "task");
  // Stryker disable next-line ArrowFunction: a signal starting at undefined hides the notice exactly as one starting at false
  const slow = useSignal(() => false, "slow");

  const startRequest = () => {
    // A new request replaces the running one. Cancel the old task *before*
    // storing the new handle: once overwritten, nothing could stop it, and
    // its answer would race the new one's. (The page's example skips this.)
    task.peek()?.cancel();
    response.set("...");
    // spawn, not an async handler: only spawn hands back the Task we keep.
    const request: Task = spawn(
      future(function* request() {
        // A task spawned from inside this one. Its owner is the component
        // (the scope this task runs in), not this task: cancelling this
        // task leaves it running, so this task stops it itself. The guard
        // runs however this task ends: answered, cancelled or unmounted.
        const notice = spawn(
          future(function* () {
            yield* sleep(SLOW_MS);
            slow.set(true);
          }),
          { label: "slow notice" },
        );
        using _notice = dropGuard(() => {
          notice.cancel();
          slow.set(false);
        }, "stop the slow notice");
        const r = yield* http.get("https://httpbin.org/delay/1");
        // As on the page: any answer from the server, even an error status,
        // counts as "responded"; only a network failure does not.
        response.set(r.ok ? "httpbin.org responded!" : "failed to fetch response!");
        // Finished: no longer running, so forget the handle. (The page keeps
        // it, and a later Cancel says "Request cancelled" for nothing.) The
        // stored handle is always this task's: any other request was
        // cancelled before this one was spawned, and a cancelled task never
        // gets here.
        task.set(undefined);
      }),
      { label: "request" },
    );
    task.set(request);
  };

  const cancelRequest = () => {
    // Read the handle now, at click time (not while rendering), and take it:
    // Rust's `task.take()`, so a second press finds nothing to cancel.
    const running = task.peek();
    task.set(undefined);
    if (running !== undefined) {
      // Drops the future at once, inside this call: the request is aborted,
      // the code after its await never runs, and its drop guard runs.
      running.cancel();
      response.set("Request cancelled");
    } else {
      response.set("No request to cancel");
    }
  };

  return div(
    button({ onclick: startRequest }, response()),
    button({ onclick: cancelRequest }, "Cancel Request"),
    slow() ? p(SLOW_NOTICE) : null,
  );
}
