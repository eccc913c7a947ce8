/**
 * Event handlers (docs/runtime-model.md, "Async event handlers"; Dioxus core/src/events.rs and
 * `SpawnIfAsync`): a handler returning a Future is polled once during the
 * dispatch and, if still pending, finished by a task owned by the scope whose
 * render created the listener. Errors a handler throws go to the error
 * boundary (app.errors); misuses the runtime explains are not swallowed.
 */
import { describe, expect, it } from "vitest";
import {
  button,
  component,
  div,
  ErrorBoundary,
  dropGuard,
  future,
  li,
  ready,
  sleep,
  spawn,
  todo,
  ul,
  useSignal,
  yieldNow,
  type Listener,
  type Signal,
  type Task,
} from "../../runtime/index.ts";
import {
  render,
} from "../../runtime/testing.ts";
import { caught, siteHere } from "./support/errors.ts";
import { scopeNamed } from "./support/layer.ts";
import { fc, prop } from "./support/prop.ts";

/** An app whose root shows `child` while its `show` signal is true. */
function toggled(child: () => unknown) {
  const box: { show?: Signal<boolean> } = {};
  function App() {
    const show = useSignal(() => true);
    box.show = show;
    return div(show() ? component(child as () => null) : "gone");
  }
  const app = render(App);
  return { app, hide: () => (app.enter(() => box.show!.set(false)), app.runUntilIdle()) };
}

describe("async handlers", () => {
  it("a handler returning a Future is polled once during the dispatch: its first segment runs before click() returns, and the clock does not move", () => {
    const log: string[] = [];
    function Saver() {
      return button({ onclick: () => future(function* save() {
        log.push("first segment");
        yield* sleep(10);
        log.push("second segment");
      }) }, "Save");
    }
    const app = render(Saver);
    const task = app.click(app.getByRole("button", { name: "Save" }));
    expect(log).toEqual(["first segment"]);
    expect(app.now).toBe(0);
    expect(task?.finished()).toBe(false);
    app.runUntilIdle();
    expect(log).toEqual(["first segment"]);
    app.advance(10);
    expect(log).toEqual(["first segment", "second segment"]);
    expect(task!.finished()).toBe(true);
  });

  it("a pending handler is finished by a task owned by the scope whose render created the listener: unmounting that scope cancels it", () => {
    const log: string[] = [];
    function Child() {
      return button({ onclick: () => future(function* () {
        using _g = dropGuard(() => log.push("dropped"));
        yield* sleep(10);
        log.push("finished");
      }) }, "Go");
    }
    const t = toggled(Child);
    const task = t.app.click(t.app.getByRole("button"))!;
    expect(task.owner).toBe(scopeNamed(t.app, "Child").owner);
    t.hide();
    expect(log).toEqual(["dropped"]);
    expect(task.finished()).toBe(true);
    t.app.advance(10);
    expect(log).toEqual(["dropped"]);
  });

  it("a listener passed down as a prop belongs to the scope that created it, not to the element's place: its task survives the child that rendered the button", () => {
    const log: string[] = [];
    function Row(props: { onRemove: Listener }) {
      return li(button({ onclick: props.onRemove }, "remove"));
    }
    function List() {
      const shown = useSignal(() => true);
      const onRemove = () => future(function* remove() {
        shown.set(false);
        yield* sleep(10);
        log.push("server confirmed");
      });
      return ul(shown() ? component(Row, { onRemove }) : null);
    }
    const app = render(function App() {
      return div(component(List));
    });
    const task = app.click(app.getByRole("button", { name: "remove" }))!;
    expect(task.owner).toBe(scopeNamed(app, "List").owner);
    app.runUntilIdle();
    expect(app.queryByRole("button")).toBeUndefined();
    app.advance(10);
    expect(log).toEqual(["server confirmed"]);
  });

  it("a listener passed inside an object or array prop also belongs to the scope that created it", () => {
    function Toolbar(props: { actions: { label: string; run: Listener }[] }) {
      return div(props.actions.map((a) => button({ onclick: a.run }, a.label)));
    }
    function Editor() {
      const save = () => future(function* save() { yield* sleep(5); });
      return div(component(Toolbar, { actions: [{ label: "save", run: save }] }));
    }
    const app = render(function App() {
      return div(component(Editor));
    });
    const task = app.click(app.getByRole("button", { name: "save" }))!;
    expect(task.owner).toBe(scopeNamed(app, "Editor").owner);
  });

  it("a handler whose future completes in its first poll leaves no task behind", () => {
    const log: string[] = [];
    function App() {
      const n = useSignal(() => 0);
      return div(
        button({ onclick: () => future(function* () {
          n.set(n() + 1);
          log.push("done at once");
        }) }, "async"),
        button({ onclick: () => void n.set(n() + 1) }, "sync"),
        `${n()}`,
      );
    }
    const app = render(App);
    expect(app.click(app.getByRole("button", { name: "async" }))).toBeUndefined();
    expect(app.click(app.getByRole("button", { name: "sync" }))).toBeUndefined();
    expect(log).toEqual(["done at once"]);
    expect(app.rt.liveTasks()).toEqual([]);
    expect(app.rt.trace.of("spawn")).toEqual([]);
    app.runUntilIdle();
    expect(app.text()).toBe("asyncsync2");
  });

  it("a handler whose future holds a write guard across its first await is reported as GuardHeldAcrossAwait, like any task (Dioxus issue #4124)", () => {
    const box: { guardAt?: string; sleepAt?: string } = {};
    function Counter() {
      const count = useSignal(() => 0);
      return button({ onclick: () => future(function* save() {
        using w = count.write(); box.guardAt = siteHere();
        w.value++;
        box.sleepAt = siteHere(); yield* sleep(10);
      }) }, `${count()}`);
    }
    const app = render(Counter);
    const task = app.click(app.getByRole("button"))!;
    expect(app.diagnostics.map((d) => [d.kind, d.where, d.details])).toEqual([
      ["GuardHeldAcrossAwait", box.guardAt, [`guard taken at ${box.guardAt}`, `awaiting save → sleep(10) until t=10 at ${box.sleepAt}`]],
    ]);
    expect(app.diagnostics[0]!.what).toMatch(new RegExp(`^Task #${task.id} "click on <button> "0" handler" suspended at an await while holding a write guard`));
    app.advance(10);
    expect(app.diagnostics).toHaveLength(1);
    expect(app.text()).toBe("1");
  });

  it("a handler runs as the scope that rendered it: a task it spawns belongs to that scope", () => {
    const box: { task?: Task } = {};
    function Child() {
      return button({ onclick: () => void (box.task = spawn(future(function* () {}))) }, "spawn");
    }
    const t = toggled(Child);
    t.app.click(t.app.getByRole("button"));
    expect(box.task!.owner).toBe(scopeNamed(t.app, "Child").owner);
  });
});

describe("errors thrown by handlers go to the error boundary", () => {
  prop([fc.nat(3), fc.boolean()], { numRuns: 20 })(
    "an error thrown by a handler, or by its future after one or more awaits that wait, lands in app.errors and the app goes on",
    (awaits, sync) => {
      const boom = new Error("request failed");
      const n = Math.max(1, awaits);
      function App() {
        const count = useSignal(() => 0);
        const fail: Listener = () => {
          if (sync) throw boom;
          return future(function* () {
            for (let i = 0; i < n; i++) yield* sleep(1);
            throw boom;
          });
        };
        return div(button({ onclick: fail }, "fail"), button({ onclick: () => count.set(count() + 1) }, "ok"), `${count()}`);
      }
      const app = render(App);
      const task = app.click(app.getByRole("button", { name: "fail" }));
      expect(task === undefined).toBe(sync);
      app.advance(n);
      expect(app.errors).toEqual([boom]);
      expect(app.rt.trace.of("error").map((e) => e.detail)).toEqual([`App (scope ${scopeNamed(app, "App").id}): request failed`]);
      expect(task?.finished() ?? true).toBe(true);
      app.click(app.getByRole("button", { name: "ok" }));
      app.runUntilIdle();
      expect(app.text()).toBe("failok1");
    },
  );

  // Dioxus packages/core/src/events.rs, `SpawnIfAsync for T: Future<Output = Result<()>>`:
  // `let res = fut.as_mut().now_or_never(); if res.is_none() { spawn(async move { if let Err(err) = fut.await { throw_error(err) } }) }`.
  // A future already finished in that first poll is never looked at again: its Err is dropped. DOC≠CODE.
  prop([fc.nat(3)], { numRuns: 10 })(
    "an async handler's error thrown before its first await that waits is discarded, as Dioxus's SpawnIfAsync ignores a handler future finished in its first poll (events.rs)",
    (readyAwaits) => {
      const boom = new Error("invalid email");
      const reached: string[] = [];
      function App() {
        return button({ onclick: () => future(function* () {
          // Awaits of futures that are already ready do not give the thread back: still the first poll.
          for (let i = 0; i < readyAwaits; i++) reached.push(String(yield* ready(i)));
          throw boom;
        }) }, "save");
      }
      const app = render(App);
      const task = app.click(app.getByRole("button"));
      app.runUntilIdle();
      expect(reached, "every ready await ran inside the event").toEqual(Array.from({ length: readyAwaits }, (_, i) => String(i)));
      expect(task, "finished in its first poll: no task").toBeUndefined();
      expect(app.errors, "the error reaches no boundary").toEqual([]);
      expect(app.rt.trace.of("error")).toEqual([]);
      expect(app.rt.trace.of("error-discarded").map((e) => e.detail)).toEqual([
        `App (scope ${scopeNamed(app, "App").id}): invalid email (thrown before the handler's first await that waits: ignored)`,
      ]);
    },
  );

  it("an ErrorBoundary above the handler does not see an error thrown before the first waiting await either, but sees one thrown after it (events.rs)", () => {
    const boom = new Error("bad input");
    function Form() {
      return div(
        button({ onclick: () => future(function* () {
          throw boom;
        }) }, "early"),
        button({ onclick: () => future(function* () {
          yield* yieldNow();
          throw boom;
        }) }, "late"),
      );
    }
    function App() {
      return component(ErrorBoundary, { fallback: (errors) => `caught ${errors.length}`, children: component(Form) });
    }
    const app = render(App);
    app.click({ role: "button", name: "early" });
    app.runUntilIdle();
    expect(app.text()).toBe("earlylate");
    app.click({ role: "button", name: "late" });
    app.runUntilIdle();
    expect(app.text()).toBe("caught 1");
  });

  it("a thrown value that is not an Error is kept as it is", () => {
    function App() {
      return button({ onclick: () => future(function* () {
        yield* yieldNow();
        throw "plain string";
      }) }, "x");
    }
    const app = render(App);
    app.click(app.getByRole("button"));
    app.runUntilIdle();
    expect(app.errors).toEqual(["plain string"]);
  });
});

describe("misuse errors are not swallowed by the error boundary", () => {
  it("todo() in a handler, in its first segment or after an await, fails the test with NotStarted", () => {
    function App() {
      return div(
        button({ onclick: () => todo("the click handler") }, "sync"),
        button({ onclick: () => future(function* () {
          todo("the first segment");
        }) }, "first"),
        button({ onclick: () => future(function* () {
          yield* sleep(1);
          todo("the second segment");
        }) }, "later"),
      );
    }
    const app = render(App);
    expect(caught(() => app.click({ role: "button", name: "sync" })).kind).toBe("NotStarted");
    expect(caught(() => app.click({ role: "button", name: "first" })).kind).toBe("NotStarted");
    app.click({ role: "button", name: "later" });
    const err = caught(() => app.advance(1));
    expect(err.kind).toBe("NotStarted");
    expect(err.what).toBe("Not started: the second segment is still a todo().");
    expect(app.errors).toEqual([]);
  });

  it("a borrow error in a handler or its future is a panic, not an entry in app.errors", () => {
    function App() {
      const s = useSignal(() => 0);
      return div(
        button({ onclick: () => {
          using _w = s.write();
          s();
        } }, "sync"),
        button({ onclick: () => future(function* () {
          yield* sleep(1);
          using _w = s.write();
          s.set(1);
        }) }, "later"),
      );
    }
    const app = render(App);
    expect(caught(() => app.click({ role: "button", name: "sync" })).kind).toBe("AlreadyBorrowedMut");
    app.click({ role: "button", name: "later" });
    expect(caught(() => app.advance(1)).kind).toBe("AlreadyBorrowedMut");
    expect(app.errors).toEqual([]);
  });
});
