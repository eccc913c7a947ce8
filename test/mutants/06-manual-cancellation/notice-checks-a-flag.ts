/**
 * Misconception: "a task that finds it has nothing left to do is as good as
 * a cancelled one". The notice task is never cancelled: after its sleep it
 * checks whether its request is still the running one, and only then shows
 * the notice. The screen is right, but a request that answers (or is
 * cancelled) early leaves a task sleeping for nothing, one per press, each
 * woken later only to find the flag down. Stop the notice task when the
 * request ends, in the request task's drop guard; nothing should have to
 * check a flag.
 */
import { dropGuard, future, http, sleep, spawn, type Task } from "../../../runtime/index.ts";
import { SLOW_MS } from "../../../solutions/06-manual-cancellation.ts";
import { cancelButton, startRequest, type State } from "./support/cancel-button.ts";
export * from "../../../solutions/06-manual-cancellation.ts";

function requestWithFlag(s: State) {
  let self: Task | undefined;
  return future(function* request() {
    self = s.task.peek();
    spawn(
      future(function* () {
        yield* sleep(SLOW_MS);
        if (self !== undefined && s.task.peek() === self) s.slow.set(true);
      }),
      { label: "slow notice" },
    );
    using _notice = dropGuard(() => s.slow.set(false), "hide the slow notice");
    const r = yield* http.get("https://httpbin.org/delay/1");
    s.response.set(r.ok ? "httpbin.org responded!" : "failed to fetch response!");
    s.task.set(undefined);
  });
}

export const CancelButton = cancelButton({ start: (s) => startRequest(s, requestWithFlag) });
