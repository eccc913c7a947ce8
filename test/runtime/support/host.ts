/**
 * `host(use, view)`: mounts a root component that calls `use()` (a hook, or
 * a few) on every render and shows `view(handle)`; returns the app, the
 * handle of the latest render and how many times the component rendered.
 *
 *     const { app, handle, renders } = host(() => useFuture(() => work()), (f) => f.state());
 *
 * Also `at(app, schedule, act)`: drives the clock to each event's time and
 * acts there, then lets the app settle at that instant.
 */
import { div, type Child } from "../../../runtime/index.ts";
import { render, type App } from "../../../runtime/testing.ts";

export interface Hosted<H> {
  readonly app: App;
  /** The handle returned by the latest render. */
  readonly handle: H;
  /** Renders of the host component so far. */
  readonly renders: number;
  /** What each render showed, in order, with the time it rendered at. */
  readonly shown: { t: number; text: string }[];
}

export function host<H>(use: () => H, view: (handle: H) => Child = () => null): Hosted<H> {
  let handle: H | undefined;
  let renders = 0;
  const shown: { t: number; text: string }[] = [];
  let app: App | undefined;
  function Host() {
    handle = use();
    renders++;
    const out = view(handle);
    shown.push({ t: app?.now ?? 0, text: typeof out === "string" || typeof out === "number" ? String(out) : "" });
    return div(out);
  }
  app = render(Host);
  return {
    app,
    get handle() {
      return handle!;
    },
    get renders() {
      return renders;
    },
    shown,
  };
}

/** For each event in time order: advance to its time, act, then run what the act queued. */
export function at<E>(
  app: App,
  schedule: readonly { t: number; event: E }[],
  act: (event: E, i: number) => void,
): void {
  schedule.forEach(({ t, event }, i) => {
    app.advanceTo(Math.max(t, app.now));
    app.enter(() => act(event, i));
    app.runUntilIdle();
  });
}

/**
 * The handle with every method called inside `app.enter`, as a handler or a
 * task would call it: a learner's own hook may call `spawn`, which needs the
 * ambient runtime (the runtime's hooks enter it themselves).
 */
export function entered<H extends object>(app: App, handle: H): H {
  return new Proxy(handle, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver) as unknown;
      return typeof v === "function"
        ? (...args: unknown[]) => app.enter(() => (v as (...a: unknown[]) => unknown)(...args))
        : v;
    },
  });
}
