/**
 * Hooks and their order (docs/runtime-model.md, "Scopes and unmounting" and "Hooks"; Dioxus
 * scope_context.rs `use_hook`): a component's hooks are found by the order of
 * the calls, so every render must call the same hooks in the same order. A
 * hook called conditionally is a HookOrder error; a hook called outside a
 * render is HookOutsideRender. Also the basic hooks: useHook, useDrop,
 * useSignal, useMemo, useEffect.
 */
import { describe, expect, it } from "vitest";
import { button, component, div, future, render, spawn, useDrop, useEffect, useHook, useMemo, useSignal, type Signal } from "../../runtime/index.ts";
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
