/**
 * Rules of the Dioxus layer that a learner meets at the edges: readers clone
 * the value out, preventDefault only in a handler's synchronous part, nothing
 * new may start while the whole app is being dropped, and the trace says
 * which scope every task event belongs to.
 */
import { describe, expect, it } from "vitest";
import {
  ErrorBoundary,
  button,
  component,
  div,
  future,
  sleep,
  spawn,
  spawnForever,
  useDrop,
  useEffect,
  useSignal,
  type Signal,
} from "../../runtime/index.ts";
import { render, renderTimeline } from "../../runtime/testing.ts";
import { caught } from "./support/errors.ts";

describe("signal readers clone the value out (Dioxus: `sig()` is `sig.read().clone()`)", () => {
  it("changing an array, object, Set or Map got from sig() or get() leaves the signal and the screen as they were", () => {
    let list: Signal<number[]> | undefined;
    let obj: Signal<{ n: number }> | undefined;
    let set: Signal<Set<number>> | undefined;
    let renders = 0;
    const app = render(() => {
      renders++;
      const l = (list = useSignal(() => [1]));
      const o = (obj = useSignal(() => ({ n: 1 })));
      const s = (set = useSignal(() => new Set([1])));
      return div(`${l().length} ${o().n} ${s().size}`);
    });
    app.enter(() => {
      list!().push(2);
      list!.get().push(3);
      obj!().n = 5;
      set!().add(9);
    });
    app.runUntilIdle();
    expect(app.text()).toBe("1 1 1");
    expect(renders).toBe(1);
    expect(app.enter(() => [list!.peek(), obj!.peek(), [...set!.peek()]])).toEqual([[1], { n: 1 }, [1]]);
  });

  it("a handle such as a Task is handed out as it is, so it can still be cancelled", () => {
    const app = render(() => {
      const task = useSignal(() =>
        spawn(
          future(function* () {
            yield* sleep(10);
          }),
        ),
      );
      return button({ onclick: () => task().cancel() }, task().finished() ? "done" : "running");
    });
    app.click({ role: "button" });
    app.runToCompletion();
    expect(app.rt.trace.of("cancel")).toHaveLength(1);
  });
});

describe("preventDefault works only in a handler's synchronous part (Dioxus `prevent_default`)", () => {
  it("called before the first await it marks the event; called after it, it is a PreventDefaultTooLate error", () => {
    let early = false;
    const app = render(() =>
      div(
        button({
          label: "early",
          onclick: (e) =>
            future(function* () {
              e.preventDefault();
              early = e.defaultPrevented;
              yield* sleep(1);
            }),
        }),
        button({
          label: "late",
          onclick: (e) =>
            future(function* () {
              yield* sleep(1);
              e.preventDefault();
            }),
        }),
        button({ onclick: (e) => e.preventDefault() }, "sync"),
      ),
    );
    app.click({ role: "button", name: "early" });
    app.click({ role: "button", name: "sync" });
    expect(early).toBe(true);
    app.click({ role: "button", name: "late" });
    const error = caught(() => app.runToCompletion());
    expect(error.kind).toBe("PreventDefaultTooLate");
    expect(error.what).toContain("after the handler's first await");
  });
});

describe("nothing new may start while the whole app is being dropped", () => {
  it("spawn in the root component's useDrop is a SpawnWhileDropping error naming the app", () => {
    const app = render(function App() {
      useDrop(() => spawn(future(function* () {})));
      return div("app");
    });
    const error = caught(() => app.unmount());
    expect(error.kind).toBe("SpawnWhileDropping");
    expect(error.what).toContain("while the whole app is being dropped, from useDrop or a finalizer (of App, scope 1)");
  });

  it("spawnForever in the root component's useDrop is refused the same way", () => {
    const app = render(function App() {
      useDrop(() => spawnForever(future(function* () {})));
      return div("app");
    });
    expect(caught(() => app.unmount()).kind).toBe("SpawnWhileDropping");
  });

  it("spawnForever in a child's useDrop is allowed: the root outlives the child", () => {
    function Child() {
      useDrop(() =>
        spawnForever(
          future(function* () {
            yield* sleep(5);
          }),
          { label: "after child" },
        ),
      );
      return div("child");
    }
    const app = render(() => {
      const shown = useSignal(() => true);
      return div(button({ onclick: () => shown.set(false) }, "hide"), shown() ? component(Child) : null);
    });
    app.click({ role: "button" });
    app.runToCompletion();
    expect(app.rt.trace.of("ready").map((e) => e.label)).toContain("after child");
  });
});

describe("the trace names the scope of every task event", () => {
  it("each entry about a task carries the id of the scope that owns it", () => {
    function Child() {
      const s = useSignal(() => 0);
      useSignal(() =>
        spawn(
          future(function* () {
            yield* sleep(3);
            s.set(1);
          }),
          { label: "child task" },
        ),
      );
      return div(`child ${s()}`);
    }
    const app = render(() => div(component(Child)));
    app.runToCompletion();
    const child = app.dom.scopes().find((s) => s.name === "Child")!;
    const entries = app.rt.trace.entries.filter((e) => e.label === "child task");
    expect(entries.map((e) => e.kind)).toEqual(
      expect.arrayContaining(["spawn", "poll", "pending", "timer-set", "timer-fired", "wake", "ready"]),
    );
    for (const e of entries) expect(e.owner, `${e.kind}`).toBe(child.id);
  });

  it("reads are written to the trace too, with the reading task and its scope; quiet timelines leave them out", () => {
    const app = render(function App() {
      const s = useSignal(() => 0, "count");
      useSignal(() =>
        spawn(
          future(function* reader() {
            yield* sleep(1);
            void s.peek();
            using g = s.read();
            void g.value;
          }),
          { label: "reader" },
        ),
      );
      return div(`${s()}`);
    });
    app.runToCompletion();
    const reads = app.rt.trace.of("signal-read");
    expect(reads.filter((e) => e.task === undefined).map((e) => e.detail)).toEqual(["count"]); // the render
    expect(reads.filter((e) => e.label === "reader").map((e) => [e.detail, e.owner])).toEqual([
      ["count", 1],
      ["count", 1],
    ]);
    expect(renderTimeline(app.rt.trace, { quiet: true })).not.toContain("signal-read");
  });

  it("a borrow error is written to the trace with its kind and the signal", () => {
    const app = render(() => {
      const s = useSignal(() => 0, "count");
      return button(
        {
          onclick: () => {
            using _w = s.write();
            s.tryRead();
          },
        },
        "go",
      );
    });
    app.click({ role: "button" });
    expect(app.rt.trace.of("borrow-error").map((e) => e.detail)).toEqual(["AlreadyBorrowedMut: read of count"]);
  });

  it("a write in a handler marks its readers dirty through the scheduler channel: they re-render at the next pass, not inside the handler", () => {
    let renders = 0;
    const app = render(() => {
      renders++;
      const s = useSignal(() => 0);
      return button({ onclick: () => s.set(s.peek() + 1) }, `${s()}`);
    });
    app.click({ role: "button" });
    expect(renders).toBe(1);
    app.runUntilIdle();
    expect(renders).toBe(2);
    expect(app.text()).toBe("1");
  });
});

describe("effects (Dioxus: pending effects are ordered by scope, and run only when nothing is dirty)", () => {
  it("pending effects run nearest the root first, and a scope an effect dirtied re-renders before the next effect runs", () => {
    const log: string[] = [];
    function Child(props: { shown: Signal<number> }) {
      log.push(`render Child ${props.shown()}`);
      useEffect(() => log.push("effect of Child"));
      return div("child");
    }
    const app = render(function App() {
      const n = useSignal(() => 0);
      useEffect(() => {
        log.push("E1 writes n");
        n.set(1);
      });
      useEffect(() => log.push("E2"));
      return div(component(Child, { shown: n }));
    });
    app.runUntilIdle();
    expect(log).toEqual(["render Child 0", "E1 writes n", "render Child 1", "E2", "effect of Child"]);
  });
});

describe("error boundaries (Dioxus ErrorBoundary: a handler's error goes to the nearest boundary above its scope)", () => {
  function Thrower(props: { name: string; async: boolean }) {
    return button(
      {
        onclick: props.async
          ? () =>
              future(function* () {
                yield* sleep(1);
                throw new Error(`${props.name} failed`);
              })
          : () => {
              throw new Error(`${props.name} failed`);
            },
      },
      props.name,
    );
  }
  const fallback = (label: string) => (errors: readonly unknown[], clear: () => void) =>
    div(
      `${label}: ${errors.map((e) => (e as Error).message).join(", ")}`,
      button({ onclick: clear }, `clear ${label}`),
    );

  it("the nearest boundary takes the error and shows its fallback; the root's list stays empty; clear shows the children again", () => {
    const app = render(() =>
      div(
        component(ErrorBoundary, {
          fallback: fallback("outer"),
          children: div(
            component(Thrower, { name: "a", async: false }),
            component(ErrorBoundary, {
              fallback: fallback("inner"),
              children: component(Thrower, { name: "b", async: true }),
            }),
          ),
        }),
      ),
    );
    app.click({ role: "button", name: "b" });
    app.runToCompletion();
    expect(app.text()).toContain("inner: b failed");
    expect(app.queryByRole("button", { name: "a" })).toBeDefined();
    app.click({ role: "button", name: "a" });
    app.runUntilIdle();
    expect(app.text()).toContain("outer: a failed");
    expect(app.errors).toEqual([]);
    app.click({ role: "button", name: "clear outer" });
    app.runUntilIdle();
    expect(app.queryByRole("button", { name: "a" })).toBeDefined();
    expect(app.rt.trace.of("error").map((e) => e.detail)).toEqual([
      "Thrower (scope 5): b failed (caught by ErrorBoundary (scope 4))",
      "Thrower (scope 3): a failed (caught by ErrorBoundary (scope 2))",
    ]);
  });

  it("with no boundary above it, an error lands in the root's list (app.errors)", () => {
    const app = render(() => div(component(Thrower, { name: "a", async: false })));
    app.click({ role: "button", name: "a" });
    expect(app.errors.map((e) => (e as Error).message)).toEqual(["a failed"]);
  });
});
