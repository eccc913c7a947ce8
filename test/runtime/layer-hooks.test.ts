/**
 * Hooks and their order (docs/runtime-model.md, "Scopes and unmounting" and "Hooks"; Dioxus
 * scope_context.rs `use_hook`): a component's hooks are found by the order of
 * the calls, so every render must call the same hooks in the same order. A
 * hook called conditionally is a HookOrder error; a hook called outside a
 * render is HookOutsideRender. Also the basic hooks: useHook, useDrop,
 * useSignal, useMemo, useEffect.
 */
import { describe, expect, it } from "vitest";
import { button, component, div, future, spawn, useDrop, useEffect, useHook, useMemo, useSignal, type Signal } from "../../runtime/index.ts";
import { LearnerError, caughtOnPurpose, render } from "../../runtime/testing.ts";
import { caught, siteHere } from "./support/errors.ts";
import { fc, prop } from "./support/prop.ts";

const ORDER_WHY =
  "Dioxus finds each hook's state by its position in the list of hook calls. A hook inside an if, a loop or after an early return shifts every hook after it onto another hook's state.";
const ORDER_FIX =
  "Call every hook unconditionally, at the top of the component, in the same order on every render; put the condition inside the hook's closure instead.";

/** Mounts `child` under a root, and returns a function that re-renders it (through a signal its render reads). */
function mounted(child: (tick: Signal<number>) => unknown) {
  const box: { tick?: Signal<number> } = {};
  function Host() {
    const tick = useSignal(() => 0);
    box.tick = tick;
    tick();
    return child(tick) as null;
  }
  const app = render(function App() {
    return div(component(Host));
  });
  return {
    app,
    rerender() {
      app.enter(() => box.tick!.set(box.tick!.peek() + 1));
      app.runUntilIdle();
    },
  };
}

describe("hook order", () => {
  type Kind = "useHook" | "useSignal" | "useMemo" | "useDrop" | "useEffect";
  prop([fc.array(fc.constantFrom<Kind>("useHook", "useSignal", "useMemo", "useDrop", "useEffect"), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 4 })], { numRuns: 60 })(
    "calling the same hooks in the same order, each hook gets back its own state on every render, however many hooks of one kind there are",
    (kinds, renders) => {
      const firstRender: unknown[] = [];
      const inits: number[] = kinds.map(() => 0);
      let rendersSeen = 0;
      const t = mounted(() => {
        rendersSeen++;
        const states = kinds.map((k, i) => {
          switch (k) {
            case "useHook":
              return useHook(() => (inits[i]!++, { hook: i }));
            case "useSignal":
              return useSignal(() => (inits[i]!++, `signal ${i}`)).peek();
            case "useMemo":
              return useMemo(() => (inits[i]!++, `memo ${i}`)).peek();
            case "useDrop":
              useDrop(() => {});
              inits[i] = 1;
              return "drop";
            case "useEffect":
              useEffect(() => {});
              inits[i] = 1;
              return "effect";
          }
        });
        if (firstRender.length === 0) firstRender.push(...states);
        else for (let i = 0; i < states.length; i++) expect(states[i]).toBe(firstRender[i]);
        return div("x");
      });
      for (let r = 1; r < renders; r++) t.rerender();
      expect(rendersSeen).toBe(renders);
      expect(inits).toEqual(kinds.map(() => 1));
    },
  );

  it("a hook present on the first render and missing from a later one (not the last hook) is a HookOrder error naming both hooks", () => {
    const box: { at?: string } = {};
    const t = mounted((tick) => {
      const first = tick.peek() === 0;
      useSignal(() => 0);
      if (first) [, box.at] = [useHook(() => 1), siteHere()];
      useMemo(() => 2);
      return div("x");
    });
    const err = caught(() => t.rerender());
    expect(err.kind).toBe("HookOrder");
    expect(err.what).toBe(`Host (scope 2) called its hooks in a different order than on its first render: now useMemo, before useHook (at ${box.at}).`);
    expect([err.why, err.fix]).toEqual([ORDER_WHY, ORDER_FIX]);
  });

  it("a last hook missing from a later render is a HookOrder error too", () => {
    const box: { at?: string } = {};
    const t = mounted((tick) => {
      useSignal(() => 0);
      if (tick.peek() === 0) [, box.at] = [useEffect(() => {}), siteHere()];
      return div("x");
    });
    const err = caught(() => t.rerender());
    expect(err.kind).toBe("HookOrder");
    expect(err.what).toBe(`Host (scope 2) called its hooks in a different order than on its first render: now (fewer hooks), before useEffect (at ${box.at}).`);
  });

  it("a hook absent from the first render and present on a later one is a HookOrder error, located at the new call", () => {
    const box: { at?: string } = {};
    const t = mounted((tick) => {
      useSignal(() => 0);
      if (tick.peek() > 0) { box.at = siteHere(); useHook(() => 1); }
      return div("x");
    });
    const err = caught(() => t.rerender());
    expect(err.kind).toBe("HookOrder");
    expect(err.what).toBe("Host (scope 2) called its hooks in a different order than on its first render: now useHook, before nothing.");
    expect(err.where).toBe(box.at);
  });

  it("two hooks of different kinds swapped between renders are a HookOrder error", () => {
    const t = mounted((tick) => {
      if (tick.peek() === 0) {
        useSignal(() => 0);
        useHook(() => 1);
      } else {
        useHook(() => 1);
        useSignal(() => 0);
      }
      return div("x");
    });
    const err = caught(() => t.rerender());
    expect(err.kind).toBe("HookOrder");
    expect(err.what).toMatch(/^Host \(scope 2\) called its hooks in a different order than on its first render: now useHook, before useSignal \(at test\/runtime\/layer-hooks\.test\.ts:\d+\)\.$/);
  });

  it("a hook called outside a render (in a handler, a task or an effect) is HookOutsideRender, located at the call", () => {
    const box: { sites: string[]; errors: unknown[] } = { sites: [], errors: [] };
    const attempt = (call: () => unknown, at: string) => {
      box.sites.push(at);
      try {
        call();
      } catch (e) {
        box.errors.push(e);
        if (e instanceof LearnerError) caughtOnPurpose(e);
      }
    };
    function App() {
      useHook(() => spawn(future(function* () {
        attempt(() => useSignal(() => 0), siteHere());
      })));
      useEffect(() => attempt(() => useHook(() => 0), siteHere()));
      return button({ onclick: () => attempt(() => useDrop(() => {}), siteHere()) }, "go");
    }
    const app = render(App);
    app.runUntilIdle();
    app.click(app.getByRole("button"));
    expect(box.errors.map((e) => [(e as { kind: string }).kind, (e as { what: string }).what, (e as { where: string }).where])).toEqual([
      ["HookOutsideRender", "useSignal was called outside a component's render.", box.sites[0]],
      ["HookOutsideRender", "useHook was called outside a component's render.", box.sites[1]],
      ["HookOutsideRender", "useDrop was called outside a component's render.", box.sites[2]],
    ]);
  });
});

describe("basic hooks", () => {
  it("useHook runs its initializer on the first render only and returns the same value after", () => {
    let inits = 0;
    const seen: object[] = [];
    const t = mounted(() => {
      seen.push(useHook(() => (inits++, {})));
      return div("x");
    });
    t.rerender();
    t.rerender();
    expect(inits).toBe(1);
    expect(new Set(seen).size).toBe(1);
  });

  it("useDrop runs when the component unmounts, with the callback of its latest render", () => {
    const log: string[] = [];
    const box: { show?: Signal<boolean>; n?: Signal<number> } = {};
    function Child() {
      const n = useSignal(() => 0);
      box.n = n;
      const seen = n();
      useDrop(() => log.push(`dropped after render ${seen}`));
      return div("child");
    }
    function App() {
      const show = useSignal(() => true);
      box.show = show;
      return div(show() ? component(Child) : null);
    }
    const app = render(App);
    app.enter(() => box.n!.set(1));
    app.runUntilIdle();
    expect(log).toEqual([]);
    app.enter(() => box.show!.set(false));
    app.runUntilIdle();
    expect(log).toEqual(["dropped after render 1"]);
  });

  it("useSignal's initializer runs once; the signal keeps its value across renders", () => {
    let inits = 0;
    const box: { s?: Signal<number> } = {};
    const t = mounted(() => {
      const s = useSignal(() => (inits++, 10));
      box.s = s;
      return div(`${s()}`);
    });
    t.app.enter(() => box.s!.set(11));
    t.rerender();
    expect([inits, t.app.text()]).toEqual([1, "11"]);
  });

  it("useMemo recomputes when a signal it read changes, not otherwise", () => {
    const computed: number[] = [];
    const box: { a?: Signal<number>; b?: Signal<number> } = {};
    const t = mounted(() => {
      const a = useSignal(() => 1);
      const b = useSignal(() => 100);
      box.a = a;
      box.b = b;
      const double = useMemo(() => {
        computed.push(a());
        return a() * 2;
      });
      return div(`${double()}`);
    });
    t.app.enter(() => box.b!.set(200));
    t.rerender();
    expect(computed).toEqual([1]);
    t.app.enter(() => box.a!.set(5));
    t.app.runUntilIdle();
    expect([computed, t.app.text()]).toEqual([[1, 5], "10"]);
  });

  it("useEffect runs after the render, once, and again only when a signal it read changes", () => {
    const log: string[] = [];
    const box: { a?: Signal<number>; b?: Signal<number> } = {};
    const t = mounted(() => {
      const a = useSignal(() => 0);
      const b = useSignal(() => 0);
      box.a = a;
      box.b = b;
      useEffect(() => void log.push(`effect a=${a()}`));
      log.push(`render b=${b()}`);
      return div("x");
    });
    expect(log).toEqual(["render b=0"]);
    t.app.runUntilIdle();
    expect(log).toEqual(["render b=0", "effect a=0"]);
    t.app.enter(() => box.b!.set(1));
    t.app.runUntilIdle();
    expect(log).toEqual(["render b=0", "effect a=0", "render b=1"]);
    t.app.enter(() => box.a!.set(1));
    t.app.runUntilIdle();
    expect(log).toEqual(["render b=0", "effect a=0", "render b=1", "effect a=1"]);
  });
});

describe("useMemo's handle", () => {
  it("is the same object on every render, so passing it down as a prop does not re-render the child for nothing", () => {
    const handles = new Set<unknown>();
    const app = render(() => {
      const n = useSignal(() => 0);
      handles.add(useMemo(() => n() * 2));
      return button({ onclick: () => n.set(n.peek() + 1) }, `${n()}`);
    });
    app.click({ role: "button" });
    app.runUntilIdle();
    expect(app.text()).toBe("1");
    expect(handles.size).toBe(1);
  });
});

// Dioxus packages/signals/src/memo.rs: a change only marks the memo dirty and sends on its channel; the
// recompute task (spawned in the memo's scope) drains the channel and recomputes once; a read of a dirty memo
// recomputes on the spot (`try_read_unchecked`). packages/hooks/src/use_memo.rs builds use_memo on Memo::new.
describe("useMemo is lazy (Dioxus memo.rs, use_memo.rs)", () => {
  prop([fc.integer({ min: 1, max: 8 })], { numRuns: 8 })(
    "many writes before the memo's turn cause one recompute and at most one re-render of its readers, and none inside the writes (memo.rs)",
    (writes) => {
      const runs: number[] = [];
      const box: { s?: Signal<number>; renders: number } = { renders: 0 };
      function App() {
        const s = useSignal(() => 0);
        box.s = s;
        box.renders++;
        const double = useMemo(() => {
          runs.push(s());
          return s() * 2;
        });
        return button({ onclick: () => { for (let i = 0; i < writes; i++) s.set(s.peek() + 1); } }, `${double()}`);
      }
      const app = render(App);
      app.click({ role: "button" });
      expect(runs, "no recompute inside the writes").toEqual([0]);
      app.runUntilIdle();
      expect(runs, "one recompute, with the last value").toEqual([0, writes]);
      expect([box.renders, app.text()]).toEqual([2, `${writes * 2}`]);
    },
  );

  // packages/hooks/tests/memo.rs, `use_memo_only_triggers_one_update`, in this runtime's terms.
  it("reading a dirty memo recomputes it at once, and a memo reading it still runs once for all the changes (hooks/tests/memo.rs)", () => {
    const seen: number[] = [];
    const reads: number[] = [];
    function App() {
      const count = useSignal(() => 0);
      const doubled = useMemo(() => count() * 2);
      useMemo(() => {
        seen.push(doubled());
        return 0;
      });
      useHook(() => {
        for (let i = 0; i < 10; i++) {
          count.set(count.peek() + 1);
          reads.push(doubled.peek());
        }
      });
      return div("x");
    }
    const app = render(App);
    app.runUntilIdle();
    expect(reads).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    expect(seen).toEqual([0, 20]);
  });

  // packages/hooks/tests/memo.rs, `memo_updates`: "This memo should not rerun after the element is removed";
  // packages/core/src/scheduler.rs: the parent's re-render (nearer the root) runs before the child's tasks.
  prop([fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })], { numRuns: 10 })(
    "a child's memo indexing the parent's list does not run when the parent's write is about to drop that child (memo.rs, scheduler.rs)",
    (length, pops) => {
      const outOfRange: string[] = [];
      function Item(props: { index: number; list: Signal<number[]> }) {
        const item = useMemo(() => {
          using g = props.list.read();
          if (props.index >= g.value.length) outOfRange.push(`memo of item ${props.index} ran on a list of ${g.value.length}`);
          return g.value[props.index];
        });
        return div(`${item()}`);
      }
      function App() {
        const list = useSignal(() => Array.from({ length }, (_, i) => i));
        const pop = () => list.update((l) => l.slice(0, -1));
        return div(button({ onclick: () => { for (let i = 0; i < pops; i++) pop(); } }, "pop"), list().map((_, index) => component(Item, { index, list }, index)));
      }
      const app = render(App);
      app.click({ role: "button" });
      app.runUntilIdle();
      expect(outOfRange).toEqual([]);
      expect(app.dom.scopes().filter((s) => s.name === "Item").length).toBe(Math.max(0, length - pops));
    },
  );

  it("a memo dies with its component: after the unmount, a write to what it read runs nothing and spawns nothing", () => {
    const runs: number[] = [];
    const box: { s?: Signal<number>; show?: Signal<boolean> } = {};
    function Child(props: { s: Signal<number> }) {
      useMemo(() => void runs.push(props.s()));
      return div("child");
    }
    function App() {
      const s = useSignal(() => 0);
      const show = useSignal(() => true);
      box.s = s;
      box.show = show;
      return div(show() ? component(Child, { s }) : "gone");
    }
    const app = render(App);
    app.enter(() => box.show!.set(false));
    app.runUntilIdle();
    const tasks = app.rt.trace.of("spawn").length;
    app.enter(() => box.s!.set(1));
    app.runUntilIdle();
    expect(runs).toEqual([0]);
    expect(app.rt.trace.of("spawn").length).toBe(tasks);
    expect(app.text()).toBe("gone");
  });
});
