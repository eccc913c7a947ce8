/**
 * Not a mutant: the solution's CancelButton, cut into the pieces mutants
 * change, so that each mutant holds only its own mistake.
 *
 *     export const CancelButton = cancelButton({ cancel: (s) => () => { … } });
 *
 * `start` and `cancel` build the two click handlers; they are called while
 * the component renders (as the handlers of a component are made), so a
 * mutant that reads a signal in them reads it while rendering.
 * `requestTask(s, options)` is the solution's request task, with options to
 * leave out one of its steps.
 */
import {
  button,
  dropGuard,
  future,
  http,
  p,
  sleep,
  spawn,
  useSignal,
  div,
  type Child,
  type Future,
  type Signal,
  type Task,
} from "../../../../runtime/index.ts";
import { SLOW_MS, SLOW_NOTICE } from "../../../../solutions/06-manual-cancellation.ts";

/** The component's signals, as the solution has them. */
export interface State {
  readonly response: Signal<string>;
  readonly task: Signal<Task | undefined>;
  readonly slow: Signal<boolean>;
}

export interface RequestOptions {
  /** Clear the task signal when the request finished (default true). */
  readonly forgetWhenDone?: boolean;
  /** How the notice task is stopped: from a drop guard (default), or only after the answer. */
  readonly stopNotice?: "guard" | "after-answer";
}

/** The request task's future: the notice task, the request, the answer on the screen. */
export function requestTask(
  s: State,
  { forgetWhenDone = true, stopNotice = "guard" }: RequestOptions = {},
): Future<void> {
  return future(function* request() {
    const notice = spawn(
      future(function* () {
        yield* sleep(SLOW_MS);
        s.slow.set(true);
      }),
      { label: "slow notice" },
    );
    const stop = () => {
      notice.cancel();
      s.slow.set(false);
    };
    using _notice = stopNotice === "guard" ? dropGuard(stop, "stop the slow notice") : undefined;
    const r = yield* http.get("https://httpbin.org/delay/1");
    s.response.set(r.ok ? "httpbin.org responded!" : "failed to fetch response!");
    if (stopNotice === "after-answer") stop();
    if (forgetWhenDone) s.task.set(undefined);
  });
}

/** The solution's request button handler. */
export function startRequest(s: State, request: (s: State) => Future<void> = requestTask): () => void {
  return () => {
    s.task.peek()?.cancel();
    s.response.set("...");
    const t: Task = spawn(request(s), { label: "request" });
    s.task.set(t);
  };
}

/** The solution's Cancel Request handler. */
export function cancelRequest(s: State): () => void {
  return () => {
    const running = s.task.peek();
    s.task.set(undefined);
    if (running !== undefined) {
      running.cancel();
      s.response.set("Request cancelled");
    } else {
      s.response.set("No request to cancel");
    }
  };
}

/** The solution's CancelButton, with the handlers `start` and `cancel` build (the solution's by default). */
export function cancelButton({
  start = (s: State) => startRequest(s),
  cancel = cancelRequest,
}: {
  start?: (s: State) => () => void;
  cancel?: (s: State) => () => void;
} = {}): () => Child {
  return function CancelButton(): Child {
    const s: State = {
      response: useSignal(() => "Click to start a request", "response"),
      task: useSignal<Task | undefined>(() => undefined, "task"),
      slow: useSignal(() => false, "slow"),
    };
    return div(
      button({ onclick: start(s) }, s.response()),
      button({ onclick: cancel(s) }, "Cancel Request"),
      s.slow() ? p(SLOW_NOTICE) : null,
    );
  };
}
