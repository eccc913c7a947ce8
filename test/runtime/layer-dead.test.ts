/**
 * Wakes and dirty marks for dead scopes are ignored (docs/runtime-model.md,
 * "Tasks and the executor"). Dioxus's scheduler exists to avoid "running
 * queued work after it could be dropped" (core/src/scheduler.rs, the header
 * comment, PR #1993): once a scope is unmounted, a write to a signal its
 * render read re-renders nothing, a dirty mark raised while it was being
 * dropped is thrown away when the scheduler gets to it, and a waker of one of
 * its tasks reaches nothing. A dead scope that re-rendered would read its own
 * dropped signals and panic, or show stale props.
 */
import { describe, expect, it } from "vitest";
import {
  Poll,
  button,
  component,
  div,
  dropGuard,
  future,
  pollFn,
  sleep,
  spawn,
  useDrop,
  useFuture,
  useHook,
  useSignal,
  type Signal,
  type Waker,
} from "../../runtime/index.ts";
import { render, type Scope } from "../../runtime/testing.ts";
import { scopeNamed } from "./support/layer.ts";

interface ChildProps {
  n: Signal<number>;
  log: string[];
}

/** Reads the parent's `n` in its render: it is subscribed to a signal that outlives it. */
function Reader({ n, log }: ChildProps) {
  log.push(`render Reader ${n()}`);
  return div(`reader sees ${n()}`);
}

/**
 * An app whose root owns `n` (it does not read it, so writes to `n` re-render
 * only the child) and shows `child` while `show` is true. A task of the root
 * writes `n` at t=10, and the "+1" button writes it at once.
 */
function parentOf(child: (props: ChildProps) => unknown) {
  const log: string[] = [];
  const box: { n?: Signal<number>; show?: Signal<boolean> } = {};
  function App() {
    const n = useSignal(() => 0, "n");
    const show = useSignal(() => true, "show");
    box.n = n;
    box.show = show;
    useFuture(() =>
      future(function* writer() {
        yield* sleep(10);
        n.set(n.peek() + 1);
      }),
    );
    return div(
      button({ onclick: () => show.set(!show.peek()) }, "toggle"),
      button({ onclick: () => n.set(n.peek() + 1) }, "+1"),
      show() ? component(child as (p: ChildProps) => null, { n, log }) : null,
    );
  }
  const app = render(App);
  app.runUntilIdle();
  return { app, log, box };
}

/** The renders recorded in the trace from index `from` on, as "render @scope". */
function renderedSince(app: ReturnType<typeof parentOf>["app"], from: number): string[] {
  return app.rt.trace.entries
    .slice(from)
    .filter((e) => e.kind === "render")
    .map((e) => `render @${e.owner}`);
}

describe("dirty marks for a dead scope", () => {
  it("a signal written after the component that read it unmounted re-renders nothing and raises nothing, whether a handler or a task writes it", () => {
    const { app, log } = parentOf(Reader);
    expect(log).toEqual(["render Reader 0"]);
    app.click({ role: "button", name: "toggle" });
    app.runUntilIdle();
    const mark = app.rt.trace.entries.length;
    log.length = 0;
    // A handler writes n twice, then the root's task writes it at t=10.
    app.click({ role: "button", name: "+1" });
    app.click({ role: "button", name: "+1" });
    app.runUntilIdle();
    app.advance(10);
    expect(log).toEqual([]);
    expect(renderedSince(app, mark)).toEqual([]);
    expect(app.errors).toEqual([]);
    expect(app.text()).toBe("toggle+1");
    expect(app.enter(() => app.dom.scopes().map((s) => s.name))).toEqual(["root", "App"]);
    // Mounted again, the child renders once, fresh, with the value written meanwhile.
    app.click({ role: "button", name: "toggle" });
    app.runUntilIdle();
    expect(log).toEqual(["render Reader 3"]);
    expect(app.text()).toBe("toggle+1reader sees 3");
  });

  it("a dirty mark raised while the component is being unmounted (its useDrop writes a signal its render read, a finalizer of its task writes its own signal) is dropped when it reaches the scheduler", () => {
    function Leaver({ n, log }: ChildProps) {
      const status = useSignal(() => "working", "status");
      log.push(`render Leaver ${n()} ${status()}`);
      useHook(() =>
        spawn(
          future(function* work() {
            using _g = dropGuard(() => status.set("cancelled"), "say cancelled");
            yield* sleep(1000);
          }),
        ),
      );
      // The parent counts departures in `n`, which this component also shows.
      useDrop(() => n.set(n.peek() + 1));
      return div(`leaver ${n()} ${status()}`);
    }
    const { app, log, box } = parentOf(Leaver);
    expect(log).toEqual(["render Leaver 0 working"]);
    const mark = app.rt.trace.entries.length;
    log.length = 0;
    app.click({ role: "button", name: "toggle" });
    app.runUntilIdle();
    app.advance(20);
    // Both writes happened (the finalizer's and useDrop's), and the dead scope never rendered again.
    expect(app.rt.trace.of("finalizer").map((e) => e.detail)).toEqual(["say cancelled"]);
    expect(app.enter(() => box.n!.peek())).toBe(2);
    expect(log).toEqual([]);
    expect(renderedSince(app, mark)).toEqual(["render @1"]);
    expect(app.errors).toEqual([]);
    expect(app.text()).toBe("toggle+1");
  });

  it("an unmounted component stops listening: the signal it read, owned by its parent, no longer holds on to the dead scope (Dioxus drops the scope's reactive context with it)", () => {
    const { app, box } = parentOf(Reader);
    const reader: Scope = scopeNamed(app, "Reader");
    const nCell = app.dom.appScope!.signals.find((c) => c.name === "n")!;
    expect([...nCell.subscribers]).toContain(reader);
    app.enter(() => box.show!.set(false));
    app.runUntilIdle();
    expect(reader.alive).toBe(false);
    expect([...nCell.subscribers]).not.toContain(reader);
  });
});

describe("wakes for a task of a dead scope", () => {
  it("a waker of a task of an unmounted component, called later, does nothing: no wake, no poll, and the new component that reuses the scope id gets none of it", () => {
    const box: { wakers: Waker[]; polls: number[] } = { wakers: [], polls: [] };
    function Child() {
      const mount = useHook(() => box.polls.push(0) - 1);
      useHook(() =>
        spawn(
          pollFn(
            (cx) => {
              box.polls[mount]!++;
              box.wakers[mount] = cx.waker;
              return Poll.Pending;
            },
            { label: `waiter ${mount}` },
          ),
        ),
      );
      // A sleeping task too: its timer falls due after the unmount.
      useHook(() =>
        spawn(
          future(function* sleeper() {
            yield* sleep(50);
            box.polls[mount]! += 100;
          }),
        ),
      );
      return div("child");
    }
    const { app, box: parent } = parentOf(Child);
    const first = scopeNamed(app, "Child");
    expect(box.polls).toEqual([1]);
    const oldTasks = app.rt.tasksOf(first.owner).map((t) => t.id);
    app.enter(() => parent.show!.set(false));
    app.runUntilIdle();
    app.enter(() => parent.show!.set(true));
    app.runUntilIdle();
    const second = scopeNamed(app, "Child");
    expect(second.id).toBe(first.id);
    expect(box.polls).toEqual([1, 1]);
    const mark = app.rt.trace.entries.length;
    box.wakers[0]!.wake();
    box.wakers[0]!.wake();
    app.runUntilIdle();
    app.advance(60);
    box.wakers[0]!.wake();
    app.runUntilIdle();
    // The old tasks: nothing at all after the unmount. The new waiter: not woken by the old waker.
    expect(box.polls).toEqual([1, 101]);
    const since = app.rt.trace.entries.slice(mark);
    expect(since.filter((e) => e.task !== undefined && oldTasks.includes(e.task))).toEqual([]);
    // Polled since: the root's writer at t=10 and the new child's sleeper at t=50, nothing else.
    expect(since.filter((e) => e.kind === "poll").map((e) => `${e.label} at ${e.t}`)).toEqual([
      "writer at 10",
      "sleeper at 50",
    ]);
    expect(app.errors).toEqual([]);
  });
});
