/**
 * Signals and borrows (docs/runtime-model.md, "Signals"; Dioxus `dioxus-signals`
 * over `generational-box`): borrow errors with Dioxus's kinds and first
 * sentences, notification when a write guard is released, who subscribes,
 * GlobalSignal living per runtime, and the "guard held across an await"
 * diagnostic (the locks lesson, Dioxus issue #4124).
 */
import { describe, expect, it, vi } from "vitest";
import {
  BorrowError,
  Poll,
  Signal,
  button,
  component,
  div,
  future,
  pollFn,
  sleep,
  spawn,
  useEffect,
  useHook,
  useMemo,
  useSignal,
} from "../../runtime/index.ts";
import {
  render,
} from "../../runtime/testing.ts";
import { DOM } from "../../runtime/scope.ts";
import type { Guard } from "../../runtime/signal.ts";
import { caught, message, siteHere } from "./support/errors.ts";
import { fc, prop } from "./support/prop.ts";
import { scopeNamed } from "./support/layer.ts";

const MUT_WHY =
  "A write guard gives its holder exclusive access until it is released; any other borrow meanwhile panics, at run time. " +
  "In async code this happens when a guard is held across an await: other tasks and renders run while it is still open.";
const MUT_FIX =
  "Keep guards short: `{ using g = sig.write(); … }` with no `yield*` inside, or use `sig.set(v)` / `sig.get()`, which release at once.";
const IMM_WHY =
  "A write needs exclusive access, but read guards are still open. In async code this happens when a read guard is held " +
  "across an await, or stored somewhere that outlives the line that needed it.";
const IMM_FIX = "Copy the value out with `sig.get()` (or close the read guard) before writing.";

/** Mounts `child` under a root that renders nothing else (so the signals it makes are named after it). */
function mount(child: () => unknown) {
  return render(function App() {
    return div(component(child as () => null));
  });
}

/** A component holding one signal that its render reads; counts its renders. */
function holder<T>(init: T) {
  const box: { sig?: Signal<T>; site?: string; renders: number } = { renders: 0 };
  function Holder() {
    const [sig, site] = [useSignal(() => init), siteHere()];
    box.sig = sig;
    box.site = site;
    box.renders++;
    return div(String(sig()));
  }
  const app = mount(Holder);
  return { app, sig: box.sig!, describe: `signal #1 of Holder (created at ${box.site})`, renders: () => box.renders };
}

describe("borrow errors, with Dioxus's kinds and texts", () => {
  it('reading while a write guard is open is AlreadyBorrowedMut: "Failed to borrow because the value was already borrowed mutably." and where it was borrowed', () => {
    const { app, sig, describe } = holder(0);
    app.enter(() => {
      const [w, wAt] = [sig.write(), siteHere()];
      const [err, rAt] = [caught(() => sig.read()), siteHere()];
      expect(err).toBeInstanceOf(BorrowError);
      expect(err.kind).toBe("AlreadyBorrowedMut");
      expect(err.message).toBe(
        message({
          what: "Failed to borrow because the value was already borrowed mutably.",
          details: [describe, `borrowed mutably at ${wAt}`, `read again at ${rAt}`],
          where: rAt,
          why: MUT_WHY,
          fix: MUT_FIX,
        }),
      );
      for (const read of [() => sig(), () => sig.get(), () => sig.peek()]) expect(caught(read).kind).toBe("AlreadyBorrowedMut");
      w[Symbol.dispose]();
      expect(sig()).toBe(0);
    });
  });

  it('writing while read guards are open is AlreadyBorrowed: "Failed to borrow mutably because the value was already borrowed immutably." with each read\'s location', () => {
    const { app, sig, describe } = holder(0);
    app.enter(() => {
      const [r1, r1At] = [sig.read(), siteHere()];
      const [r2, r2At] = [sig.read(), siteHere()];
      const [err, wAt] = [caught(() => sig.write()), siteHere()];
      expect(err.kind).toBe("AlreadyBorrowed");
      expect(err.message).toBe(
        message({
          what: "Failed to borrow mutably because the value was already borrowed immutably.",
          details: [describe, `borrowed at ${r1At}`, `borrowed at ${r2At}`, `written at ${wAt}`],
          where: wAt,
          why: IMM_WHY,
          fix: IMM_FIX,
        }),
      );
      for (const write of [() => sig.set(1), () => sig.update((n) => n + 1)]) expect(caught(write).kind).toBe("AlreadyBorrowed");
      // Reads may overlap.
      expect(sig()).toBe(0);
      r1[Symbol.dispose]();
      // set() releases at once, so it captures no site of its own: the error's own "at" line is the call.
      expect(caught(() => sig.set(1)).details).toHaveLength(2);
      r2[Symbol.dispose]();
      sig.set(1);
      expect(sig()).toBe(1);
    });
  });

  it("writing while a write guard is open is AlreadyBorrowedMut, naming both places", () => {
    const { app, sig, describe } = holder(0);
    app.enter(() => {
      const [w, w1] = [sig.write(), siteHere()];
      const [err, w2] = [caught(() => sig.write()), siteHere()];
      expect(err.kind).toBe("AlreadyBorrowedMut");
      expect(err.what).toBe("Failed to borrow because the value was already borrowed mutably.");
      expect(err.details).toEqual([describe, `borrowed mutably at ${w1}`, `written again at ${w2}`]);
      w[Symbol.dispose]();
    });
  });

  it("tryRead and tryWrite return the error instead of throwing, and a guard when the borrow is possible", () => {
    const { app, sig } = holder(7);
    app.enter(() => {
      const w = sig.tryWrite();
      expect(w.ok).toBe(true);
      const r = sig.tryRead();
      const w2 = sig.tryWrite();
      expect(r.ok || w2.ok).toBe(false);
      if (!r.ok) expect([r.error instanceof BorrowError, r.error.kind]).toEqual([true, "AlreadyBorrowedMut"]);
      if (!w2.ok) expect(w2.error.kind).toBe("AlreadyBorrowedMut");
      if (w.ok) w.guard[Symbol.dispose]();
      const r1 = sig.tryRead();
      const w3 = sig.tryWrite();
      expect(r1.ok && r1.guard.value).toBe(7);
      if (!w3.ok) expect(w3.error.kind).toBe("AlreadyBorrowed");
      else expect.fail("tryWrite succeeded while a read guard was open");
    });
  });

  type Op = { op: "read" } | { op: "write" } | { op: "release"; k: number };
  prop([fc.array(fc.oneof(fc.constant<Op>({ op: "read" }), fc.constant<Op>({ op: "write" }), fc.nat(5).map<Op>((k) => ({ op: "release", k }))), { maxLength: 30 })], { numRuns: 100 })(
    "over any sequence of borrows and releases, the checks agree with a RefCell, and each released write guard causes exactly one re-render",
    (ops) => {
      const { app, sig, renders } = holder(0);
      const open: Guard[] = [];
      const model = { readers: 0, writer: false, renders: 1 };
      for (const o of ops) {
        app.enter(() => {
          if (o.op === "release") {
            if (open.length === 0) return;
            const g = open.splice(o.k % open.length, 1)[0]!;
            g[Symbol.dispose]();
            if (g.mode === "read") model.readers--;
            else {
              model.writer = false;
              model.renders++;
            }
            return;
          }
          const b = o.op === "read" ? sig.tryRead() : sig.tryWrite();
          const expected = model.writer ? "AlreadyBorrowedMut" : o.op === "write" && model.readers > 0 ? "AlreadyBorrowed" : "ok";
          expect(b.ok ? "ok" : b.error.kind).toBe(expected);
          if (!b.ok) {
            expect(b.error.details).toHaveLength(expected === "AlreadyBorrowed" ? model.readers + 2 : 3);
            return;
          }
          open.push(b.guard);
          if (o.op === "read") model.readers++;
          else model.writer = true;
        });
        if (!model.writer) app.runUntilIdle();
        expect(renders()).toBe(model.renders);
      }
    },
  );
});

describe("notification", () => {
  it("subscribers are notified when a write guard is released, not when it is taken", () => {
    const { app, sig, renders } = holder(0);
    const w = app.enter(() => sig.write());
    w.value = 41;
    w.value = 42;
    app.runUntilIdle();
    expect([renders(), app.text()]).toEqual([1, "0"]);
    app.enter(() => w[Symbol.dispose]());
    app.runUntilIdle();
    expect([renders(), app.text()]).toEqual([2, "42"]);
  });

  it("every write notifies, even one that stores an equal value or changes nothing (no equality check)", () => {
    const { app, sig, renders } = holder(3);
    app.enter(() => sig.set(3));
    app.runUntilIdle();
    expect(renders()).toBe(2);
    app.enter(() => sig.write()[Symbol.dispose]());
    app.runUntilIdle();
    expect(renders()).toBe(3);
    app.enter(() => sig.update((n) => n));
    app.runUntilIdle();
    expect(renders()).toBe(4);
  });

  it("several writes before the next pass cause one re-render (a dirty scope is queued once)", () => {
    const { app, sig, renders } = holder(0);
    app.enter(() => {
      for (let i = 1; i <= 5; i++) sig.set(i);
    });
    app.runUntilIdle();
    expect([renders(), app.text()]).toEqual([2, "5"]);
  });
});

describe("who subscribes: renders, memos and effects; not handlers, tasks or peek", () => {
  function setup() {
    const box: { s?: Signal<number>; renders: number; log: string[] } = { renders: 0, log: [] };
    return box;
  }

  it("a read in an event handler does not subscribe the component", () => {
    const box = setup();
    function App() {
      const s = useSignal(() => 0);
      box.s = s;
      box.renders++;
      return button({ onclick: () => void box.log.push(`handler read ${s()}`) }, "read");
    }
    const app = render(App);
    app.click(app.getByRole("button"));
    app.enter(() => box.s!.set(1));
    app.runUntilIdle();
    expect(box.log).toEqual(["handler read 0"]);
    expect(box.renders).toBe(1);
  });

  it("a read in a task does not subscribe the component that owns the task", () => {
    const box = setup();
    function App() {
      const s = useSignal(() => 0);
      box.s = s;
      box.renders++;
      useHook(() => spawn(pollFn(() => {
        using g = s.read();
        box.log.push(`task read ${s()} ${g.value}`);
        return Poll.Ready(undefined);
      })));
      return div("x");
    }
    const app = render(App);
    app.runUntilIdle();
    app.enter(() => box.s!.set(1));
    app.runUntilIdle();
    expect(box.log).toEqual(["task read 0 0"]);
    expect(box.renders).toBe(1);
  });

  it("peek never subscribes, in a render or in an effect", () => {
    const box = setup();
    function App() {
      const s = useSignal(() => 0);
      box.s = s;
      box.renders++;
      useEffect(() => void box.log.push(`effect peeks ${s.peek()}`));
      return div(`${s.peek()}`);
    }
    const app = render(App);
    app.runUntilIdle();
    app.enter(() => box.s!.set(1));
    app.runUntilIdle();
    expect(box.renders).toBe(1);
    expect(box.log).toEqual(["effect peeks 0"]);
  });

  it("a render subscribes to what it reads, through get(), read() guards and tryRead() alike", () => {
    for (const how of ["get", "read", "tryRead"] as const) {
      const box = setup();
      function App() {
        const s = useSignal(() => 0);
        box.s = s;
        box.renders++;
        let v: number;
        if (how === "get") v = s.get();
        else if (how === "read") {
          using g = s.read();
          v = g.value;
        } else {
          const b = s.tryRead();
          v = b.ok ? b.guard.value : -1;
          if (b.ok) b.guard[Symbol.dispose]();
        }
        return div(`${v}`);
      }
      const app = render(App);
      app.enter(() => box.s!.set(1));
      app.runUntilIdle();
      expect([how, box.renders, app.text()]).toEqual([how, 2, "1"]);
    }
  });

  it("an effect subscribes to what it reads: it re-runs on a write, without re-rendering its component", () => {
    const box = setup();
    function App() {
      const s = useSignal(() => 0);
      box.s = s;
      box.renders++;
      useEffect(() => void box.log.push(`effect sees ${s()}`));
      return div("x");
    }
    const app = render(App);
    app.runUntilIdle();
    app.enter(() => box.s!.set(1));
    app.runUntilIdle();
    expect(box.log).toEqual(["effect sees 0", "effect sees 1"]);
    expect(box.renders).toBe(1);
  });

  it("a memo subscribes to what it reads; a render reading the memo re-renders when the memo's value changes, not when it stays equal", () => {
    const box = setup();
    function App() {
      const s = useSignal(() => 1);
      box.s = s;
      box.renders++;
      const parity = useMemo(() => (s() % 2 === 0 ? "even" : "odd"));
      return div(parity());
    }
    const app = render(App);
    app.enter(() => box.s!.set(3));
    app.runUntilIdle();
    expect([box.renders, app.text()]).toEqual([1, "odd"]);
    app.enter(() => box.s!.set(4));
    app.runUntilIdle();
    expect([box.renders, app.text()]).toEqual([2, "even"]);
  });

  it("a render stops depending on a signal it no longer reads", () => {
    const box: { flag?: Signal<boolean>; other?: Signal<number>; renders: number } = { renders: 0 };
    function App() {
      const flag = useSignal(() => true);
      const other = useSignal(() => 0);
      box.flag = flag;
      box.other = other;
      box.renders++;
      return div(flag() ? `${other()}` : "off");
    }
    const app = render(App);
    app.enter(() => box.flag!.set(false));
    app.runUntilIdle();
    app.enter(() => box.other!.set(1));
    app.runUntilIdle();
    expect(box.renders).toBe(2);
  });
});

describe("GlobalSignal (Signal.global)", () => {
  it("its value lives in each runtime: two apps using the same declaration do not share it", () => {
    const COUNT = Signal.global(() => 0, "COUNT");
    function App() {
      return div(`${COUNT()}`);
    }
    const a = render(App);
    const b = render(App);
    a.enter(() => COUNT.set(5));
    a.runUntilIdle();
    b.runUntilIdle();
    expect([a.text(), b.text()]).toEqual(["5", "0"]);
    expect([a.enter(() => COUNT()), b.enter(() => COUNT())]).toEqual([5, 0]);
  });

  it("each declaration is its own signal, even with the same initial value and name", () => {
    const A = Signal.global(() => 0, "G");
    const B = Signal.global(() => 0, "G");
    const app = render(function App() {
      return div(`${A()} ${B()}`);
    });
    app.enter(() => A.set(1));
    app.runUntilIdle();
    expect(app.text()).toBe("1 0");
  });

  it("the value is created lazily, on first use in each runtime, once", () => {
    let inits = 0;
    const G = Signal.global(() => ++inits * 100, "G");
    expect(inits).toBe(0);
    const app = render(function App() {
      return div("no global here");
    });
    expect(inits).toBe(0);
    expect(app.enter(() => G())).toBe(100);
    expect(app.enter(() => [G(), G.peek()])).toEqual([100, 100]);
    expect(inits).toBe(1);
    const other = render(function App() {
      return div(`${G()}`);
    });
    expect([inits, other.text()]).toEqual([2, "200"]);
  });

  it("it is owned by the root: it survives the unmount of the component that first used it, and dies with the app", () => {
    const G = Signal.global(() => "init", "G");
    const box: { show?: Signal<boolean> } = {};
    function User() {
      return div(G());
    }
    function App() {
      const show = useSignal(() => true);
      box.show = show;
      return div(show() ? component(User) : "gone");
    }
    const app = render(App);
    app.enter(() => G.set("changed"));
    app.enter(() => box.show!.set(false));
    app.runUntilIdle();
    expect(app.enter(() => G())).toBe("changed");
    app.unmount();
    const err = app.enter(() => caught(() => G()));
    expect(err.kind).toBe("Dropped");
  });

  it("a render that reads it re-renders when anyone writes it", () => {
    const G = Signal.global(() => 0, "G");
    let renders = 0;
    function Reader() {
      renders++;
      return div(`reader ${G()}`);
    }
    function App() {
      return div(component(Reader), button({ onclick: () => G.update((n) => n + 1) }, "inc"));
    }
    const app = render(App);
    app.click(app.getByRole("button", { name: "inc" }));
    app.runUntilIdle();
    expect([renders, app.getByText(/^reader/).text]).toEqual([2, "reader 1"]);
  });

  it('used with no app running, it fails with "Must be called from inside a Dioxus runtime."', () => {
    const G = Signal.global(() => 0, "G");
    const err = caught(() => G());
    expect(err.kind).toBe("NoRuntime");
    expect(err.what).toBe("Must be called from inside a Dioxus runtime.\nThe global signal G was used outside a running app (not inside a component, a hook, an event handler or a task).");
  });
});

describe("a guard held across an await (the locks lesson, Dioxus issue #4124)", () => {
  /** A component whose task takes a guard of `count` and sleeps 10 ms with it open. */
  function locked(mode: "read" | "write", others: { task?: boolean } = {}) {
    const box: { count?: Signal<number>; other?: Signal<number>; site?: string; guardAt?: string; sleepAt?: string } = {};
    function Holder() {
      const [count, site] = [useSignal(() => 0), siteHere()];
      const other = useSignal(() => 0);
      Object.assign(box, { count, other, site });
      useHook(() => spawn(future(function* hold() {
        using g = mode === "write" ? count.write() : count.read(); box.guardAt = siteHere();
        if (mode === "write") (g as { value: number }).value = 99;
        box.sleepAt = siteHere(); yield* sleep(10);
      })));
      if (others.task) useHook(() => spawn(future(function* other() {
        count();
      })));
      return div(`${count()} ${other()}`, button({ onclick: () => other.set(other.peek() + 1) }, "other"));
    }
    return { app: mount(Holder), box };
  }

  it("when a task suspends holding a guard, the runtime records GuardHeldAcrossAwait with both locations, even if nothing collides", () => {
    for (const mode of ["write", "read"] as const) {
      const { app, box } = locked(mode);
      app.runUntilIdle();
      expect(app.diagnostics).toHaveLength(1);
      const d = app.diagnostics[0]!;
      expect(d.kind).toBe("GuardHeldAcrossAwait");
      expect(d.what).toBe(`Task #1 "hold" suspended at an await while holding a ${mode} guard of signal #1 of Holder (created at ${box.site}).`);
      expect(d.details).toEqual([`guard taken at ${box.guardAt}`, `awaiting hold → sleep(10) until t=10 at ${box.sleepAt}`]);
      expect(d.where).toBe(box.guardAt);
      app.advance(10);
      expect(app.diagnostics).toHaveLength(1);
    }
  });

  it("a guard released before the await is not reported", () => {
    const box: { count?: Signal<number> } = {};
    function Holder() {
      const count = useSignal(() => 0);
      box.count = count;
      useHook(() => spawn(future(function* () {
        {
          using g = count.write();
          g.value++;
        }
        yield* sleep(10);
        count.set(count() + 1);
      })));
      return div(`${count()}`);
    }
    const app = render(Holder);
    app.runToCompletion();
    expect(app.diagnostics).toEqual([]);
    expect(app.text()).toBe("2");
  });

  it("a task that ends with a guard still open is reported too", () => {
    const box: { site?: string; guardAt?: string } = {};
    function Holder() {
      const [count, site] = [useSignal(() => 0), siteHere()];
      box.site = site;
      useHook(() => spawn(future(function* leak() {
        count.write(); box.guardAt = siteHere();
      })));
      return div("x");
    }
    const app = mount(Holder);
    app.runUntilIdle();
    expect(app.diagnostics.map((d) => [d.kind, d.what, d.details])).toEqual([
      ["GuardHeldAcrossAwait", `Task #1 "leak" ended with a write guard of signal #1 of Holder (created at ${box.site}) still open.`, [`guard taken at ${box.guardAt}`]],
    ]);
  });

  it("while the write guard is held, the change is not announced: the component does not re-render", () => {
    const { app } = locked("write");
    app.runUntilIdle();
    app.advance(9);
    expect(scopeNamed(app, "Holder").renders).toBe(1);
    app.advance(1);
    expect(scopeNamed(app, "Holder").renders).toBe(2);
  });

  it("another task touching the signal during the await panics with AlreadyBorrowedMut, pointing at the guard", () => {
    const { app, box } = locked("write", { task: true });
    const err = caught(() => app.runUntilIdle());
    expect(err.kind).toBe("AlreadyBorrowedMut");
    expect(err.details).toContain(`borrowed mutably at ${box.guardAt}`);
    expect(err.details.at(-1)).toMatch(/^in task #2 "other"/);
  });

  it("a render touching the signal during the await panics with AlreadyBorrowedMut", () => {
    const { app, box } = locked("write");
    app.runUntilIdle();
    app.click(app.getByRole("button", { name: "other" }));
    const err = caught(() => app.runUntilIdle());
    expect(err.kind).toBe("AlreadyBorrowedMut");
    expect(err.details).toContain(`borrowed mutably at ${box.guardAt}`);
  });
});

describe("without call sites (`sites: false`: production settings, and a property's search runs)", () => {
  /** Holder with a signal and a task that sleeps holding a write guard, on a runtime that records no sites. */
  function unsited() {
    const box: { sig?: Signal<number> } = {};
    function Holder() {
      const sig = useSignal(() => 0);
      box.sig = sig;
      useHook(() =>
        spawn(
          future(function* hold() {
            using g = sig.write();
            g.value = 1;
            yield* sleep(10);
          }),
        ),
      );
      return div(String(sig()));
    }
    const app = render(
      function App() {
        return div(component(Holder));
      },
      { sites: false },
    );
    return { app, sig: box.sig! };
  }

  it("hooks, guards and spawns capture no stack, and a run takes the same course: the same errors and diagnostics, with no places in them", () => {
    const spy = vi.spyOn(Error, "captureStackTrace");
    try {
      const { app, sig } = unsited();
      app.runUntilIdle();
      expect(app.rt.recordsSites).toBe(false);
      expect(app.diagnostics.map((d) => d.kind)).toEqual(["GuardHeldAcrossAwait"]);
      expect(app.diagnostics[0]!.details[0]).toBe("guard taken at an unknown place");
      app.enter(() => {
        const err = caught(() => sig.read());
        expect(err.kind).toBe("AlreadyBorrowedMut");
        expect(err.details).toEqual(["signal #1 of Holder", "borrowed mutably at an unknown place", "read again at an unknown place"]);
        const r = sig.tryRead();
        expect(r.ok).toBe(false);
      });
      expect(spy).not.toHaveBeenCalled();
      app.advance(10);
      app.enter(() => {
        using g = sig.read();
        expect(g.value).toBe(1);
      });
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});

describe("Runtime.release (the test harness, once a run is over): a handle that outlives the run keeps nothing of it", () => {
  it("the runtime lets go of its trace and its app, and a signal handle still held no longer reaches its value or the app", () => {
    const big = { payload: Array.from({ length: 1000 }, (_, i) => i) };
    const box: { sig?: Signal<typeof big | undefined>; gone?: Signal<number> } = {};
    function Child() {
      box.gone = useSignal(() => 1);
      return div("child");
    }
    function Holder() {
      box.sig = useSignal<typeof big | undefined>(() => big);
      const show = useSignal(() => true);
      return div(button({ onclick: () => show.set(false) }, "hide"), show() ? component(Child) : null);
    }
    const app = mount(Holder);
    app.click(app.getByRole("button", { name: "hide" }));
    app.runUntilIdle();
    app.enter(() => expect(caught(() => box.gone!.peek()).kind).toBe("Dropped"));
    expect(app.rt.trace.entries.length).toBeGreaterThan(0);
    app.rt.release();
    expect(app.rt.trace.entries).toHaveLength(0);
    expect(app.rt.lookup(DOM)).toBeUndefined();
    expect(app.dom.scopes()).toHaveLength(0);
    // Both a live component's signal and an unmounted one's: their cells let go of the app.
    for (const sig of [box.sig!, box.gone!] as Signal<unknown>[])
      expect(() => sig.peek()).toThrow("this signal's run is over and its runtime was released");
  });
});
