/**
 * Kata 05 · Automatic cancellation: the reference solution.
 * The lesson is in katas/05-automatic-cancellation.ts.
 */
import {
  button,
  component,
  div,
  dropGuard,
  future,
  http,
  p,
  sleep,
  useFuture,
  useSignal,
  type Child,
  type HttpResult,
  type Signal,
} from "../runtime/index.ts";

export const STATUS_URL = "https://status.example.com/api/status";
export const CHECK_EVERY_MS = 50;

/** What the poller shows after its check number `check` got the answer `r`. */
export function statusLine(r: HttpResult, check: number): string {
  const what = !r.ok ? "unreachable" : r.value.success ? r.value.text() : `error ${r.value.status}`;
  return `Status: ${what} (check #${check})`;
}

export function App(): Child {
  // Stryker disable next-line ArrowFunction: a signal starting at undefined renders and toggles exactly as one starting at false
  const shown = useSignal(() => false, "shown");
  // Owned by the parent, so the poller's finalizer may still write it while the poller goes away.
  const running = useSignal(() => 0, "running");
  return div(
    button({ onclick: () => shown.update((v) => !v) }, shown() ? "Hide status" : "Show status"),
    p(`Pollers running: ${running()}`),
    // Hiding is unmounting: the next render no longer returns the poller, so its scope is dropped.
    shown() ? component(StatusPoller, { running }) : null,
  );
}

export function StatusPoller({ running }: { running: Signal<number> }): Child {
  // The status belongs to this component: it is created afresh at each mount and dropped at each unmount.
  const status = useSignal(() => "Status: checking...", "status");

  // useFuture spawns once, at the first render, from inside this component: the task is owned by
  // this scope, so Dioxus drops it when the component unmounts. Nothing else is needed to stop it.
  useFuture(() =>
    future(
      function* () {
        running.update((n) => n + 1);
        // Dropping the task runs this guard, wherever the loop is suspended (in the request or in
        // the sleep). Code after an await would never run on a cancel; a catch block would not
        // either: a dropped future is not resumed with an error, it is simply never resumed.
        using _stopped = dropGuard(() => running.update((n) => n - 1), "poller stopped");
        for (let check = 1; ; check++) {
          // Dropped here, the request is aborted: it never delivers, so `status` is never
          // written after the unmount (it would panic with "the value was dropped").
          const r = yield* http.get(STATUS_URL);
          status.set(statusLine(r, check));
          yield* sleep(CHECK_EVERY_MS);
        }
      },
      { label: "poll status" },
    ),
  );

  return p(status());
}
