/**
 * Scopes and scheduling in the Dioxus layer: scope ids and heights, task
 * ids, and the order in which re-renders, task polls and effects happen,
 * which must be exactly Dioxus's `pop_work` (core/src/scheduler.rs, tag
 * v0.7.10): dirty scopes and task queues compared by (height, id), a scope
 * re-rendering before a task only when strictly earlier, the channel drained
 * after each task poll, effects last (virtual_dom.rs `poll_tasks`).
 */
import { describe, expect, it } from "vitest";
import {
  Poll,
  Signal,
  button,
  component,
  div,
  future,
  li,
  pollFn,
  sleep,
  spawn,
  spawnForever,
  ul,
  useEffect,
  useHook,
  useSignal,
  type Task,
} from "../../runtime/index.ts";
import { render } from "../../runtime/testing.ts";
import { fc, prop } from "./support/prop.ts";
import { TREE_ORDER, scopeNamed, tree, type TreeName } from "./support/layer.ts";

describe("scope ids, heights and task ids", () => {
  it("the root scope has id 0 and height 0 and is the runtime's root owner, so spawnForever tasks belong to it", () => {
    const app = render(function App() {
      return div("hi");
    });
    expect(app.dom.root.id).toBe(0);
    expect(app.dom.root.height).toBe(0);
    expect(app.dom.root.owner).toBe(app.rt.root);
    const task = app.enter(() => spawnForever(future(function* () {})));
    expect(task.owner.id).toBe(0);
  });

  it("scopes are numbered in mount order, depth first (a child mounts during its parent's render), and their height is their depth", () => {
    const t = tree();
    for (const name of ["Root", "A", "B", "C"] as const) {
      expect({ name, id: t.scope(name).id, height: t.scope(name).height }).toEqual({ name, ...TREE_ORDER[name] });
    }
  });

  it("a task spawned during a component's render belongs to that component's scope", () => {
    let task: Task | undefined;
    function Child() {
      useHook(() => (task = spawn(future(function* () {}))));
      return div("child");
    }
    const app = render(function App() {
      return div(component(Child));
    });
    expect(task!.owner).toBe(scopeNamed(app, "Child").owner);
  });

  prop([fc.array(fc.nat(3), { minLength: 1, maxLength: 25 })], { numRuns: 80 })(
    "scope ids are reused, most recently freed first, and a subtree frees its children before its parent (Dioxus keeps scopes in a Slab)",
    (toggles) => {
      // Root shows any of four slots; each slot renders a leaf. Each step shows or hides one slot.
      const box: { visible?: Signal<boolean[]> } = {};
      function Leaf() {
        return div("leaf");
      }
      function Slot(_: { i: number }) {
        return div(component(Leaf));
      }
      function Root() {
        const visible = useSignal(() => [false, false, false, false]);
        box.visible = visible;
        return div(visible().map((shown, i) => (shown ? component(Slot, { i }, i) : null)));
      }
      const app = render(Root);
      // The model: a stack of free ids; mounting takes the slot's id then its leaf's; unmounting frees the leaf then the slot.
      const free: number[] = [];
      let next = 2; // 0 is the root scope, 1 the app (Root)
      const model = new Map<number, { slot: number; leaf: number }>();
      for (const i of toggles) {
        const shown = model.has(i);
        if (shown) {
          const { slot, leaf } = model.get(i)!;
          free.push(leaf, slot);
          model.delete(i);
        } else {
          const slot = free.pop() ?? next++;
          const leaf = free.pop() ?? next++;
          model.set(i, { slot, leaf });
        }
        app.enter(() => box.visible!.update((v) => v.map((x, k) => (k === i ? !x : x))));
        app.runUntilIdle();
        const actual = new Map<number, { slot: number; leaf: number }>();
        for (const s of app.dom.scopes()) {
          if (s.name !== "Slot") continue;
          const leaf = app.dom.scopes().find((l) => l.parent === s)!;
          actual.set((s.props as { i: number }).i, { slot: s.id, leaf: leaf.id });
        }
        expect([...actual].sort(([a], [b]) => a - b)).toEqual([...model].sort(([a], [b]) => a - b));
      }
    },
  );

  it("task ids are never reused: a remounted component's tasks get new ids, and a stale handle cannot reach them", () => {
    const box: { show?: Signal<boolean>; tasks: Task[] } = { tasks: [] };
    function Child() {
      useHook(() =>
        box.tasks.push(
          spawn(
            future(function* () {
              yield* sleep(100);
            }),
          ),
        ),
      );
      return div("child");
    }
    function App() {
      const show = useSignal(() => true);
      box.show = show;
      return div(show() ? component(Child) : null);
    }
    const app = render(App);
    app.runUntilIdle();
    for (const v of [false, true, false, true]) {
      app.enter(() => box.show!.set(v));
      app.runUntilIdle();
    }
    const ids = box.tasks.map((t) => t.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(3);
    const [first, , last] = box.tasks;
    expect(first!.finished()).toBe(true);
    // The child scope got the same id back each time, yet the old handle reaches nothing.
    first!.cancel();
    first!.wake();
    app.runUntilIdle();
    expect(last!.finished()).toBe(false);
    app.advance(100);
    expect(last!.finished()).toBe(true);
  });
});

// Dioxus scopes.rs: ScopeId::ROOT (0) is the root wrapper, ScopeId::APP the user's component; virtual_dom.rs
// renders the app under RootScopeWrapper (root_wrapper.rs). spawn_forever spawns onto ScopeId::ROOT
// (scope_context.rs), global signals are owned by it (global_context.rs), and scheduler.rs polls queued tasks
// by the (height, id) of their scope, so the root's tasks go before the App's.
describe("the root scope is a wrapper above the App", () => {
  it("scope 0 is the root wrapper and the App is its only child, one level down; the App's screen is the whole screen", () => {
    function App() {
      return div("hello");
    }
    const app = render(App);
    const root = app.dom.root;
    const appScope = scopeNamed(app, "App");
    expect([root.id, root.height, root.name]).toEqual([0, 0, "root"]);
    expect([appScope.id, appScope.height, appScope.parent]).toEqual([1, 1, root]);
    expect(app.dom.appScope).toBe(appScope);
    expect(app.text()).toBe("hello");
  });

  prop([fc.boolean()], { numRuns: 4 })(
    "a spawnForever task queued after the App's own task is polled before it: its scope is the root, nearer than the App (scheduler.rs, root_wrapper.rs)",
    (foreverFirst) => {
      const polls: string[] = [];
      const box: { forever?: Task; own?: Task } = {};
      function App() {
        const go = () => {
          const mk = (name: string) =>
            future(function* () {
              polls.push(name);
            });
          if (foreverFirst) box.forever = spawnForever(mk("forever"));
          box.own = spawn(mk("own"));
          if (!foreverFirst) box.forever = spawnForever(mk("forever"));
        };
        return button({ onclick: go }, "go");
      }
      const app = render(App);
      app.click({ role: "button" });
      app.runUntilIdle();
      expect(polls).toEqual(["forever", "own"]);
      expect(box.forever!.owner.id).toBe(0);
      expect(box.own!.owner).toBe(scopeNamed(app, "App").owner);
    },
  );

  it("a global signal belongs to the root scope, not to the App (global_context.rs)", () => {
    const G = Signal.global(() => 1, "G");
    function App() {
      return div(`${G()}`);
    }
    const app = render(App);
    expect(app.dom.root.signals.map((c) => c.name)).toEqual(["G"]);
    expect(scopeNamed(app, "App").signals).toEqual([]);
  });
});

describe("children and their props", () => {
  it("a child re-renders with its parent only when the props it gets changed (shallowly)", () => {
    const box: { n?: Signal<number>; other?: Signal<number> } = {};
    const renders: string[] = [];
    function Child(props: { n: number }) {
      renders.push(`Child ${props.n}`);
      return div(`n=${props.n}`);
    }
    function App() {
      const n = useSignal(() => 0);
      const other = useSignal(() => 0);
      Object.assign(box, { n, other });
      return div(`${other()}`, component(Child, { n: n() }));
    }
    const app = render(App);
    app.enter(() => box.other!.set(1));
    app.runUntilIdle();
    expect(renders).toEqual(["Child 0"]);
    app.enter(() => box.n!.set(1));
    app.runUntilIdle();
    expect(renders).toEqual(["Child 0", "Child 1"]);
    expect(app.getByText("n=1").tag).toBe("div");
  });

  it("keyed children keep their scope (and its state) when the list is reordered", () => {
    const box: { order?: Signal<string[]> } = {};
    function Row(props: { name: string }) {
      const clicks = useSignal(() => 0);
      return li(button({ onclick: () => clicks.set(clicks() + 1) }, `${props.name}:${clicks()}`));
    }
    function List() {
      const order = useSignal(() => ["a", "b", "c"]);
      box.order = order;
      return ul(order().map((name) => component(Row, { name }, name)));
    }
    const app = render(List);
    const ids = () =>
      app.dom
        .scopes()
        .filter((s) => s.component === Row)
        .map((s) => `${(s.props as { name: string }).name}@${s.id}`);
    const before = ids();
    app.click(app.getByRole("button", { name: "b:0" }));
    app.runUntilIdle();
    app.enter(() => box.order!.set(["c", "b", "a"]));
    app.runUntilIdle();
    expect(ids()).toEqual(before);
    expect(app.queryAllByRole("button").map((b) => b.text)).toEqual(["c:0", "b:1", "a:0"]);
  });

  it("a task spawned inside a component's task belongs to the component too, and both are dropped when it unmounts", () => {
    const box: { show?: Signal<boolean>; tasks: Task[] } = { tasks: [] };
    function Child() {
      useHook(() =>
        box.tasks.push(
          spawn(
            future(function* () {
              box.tasks.push(
                spawn(
                  future(function* () {
                    yield* sleep(100);
                  }),
                ),
              );
              yield* sleep(100);
            }),
          ),
        ),
      );
      return div("child");
    }
    function App() {
      const show = useSignal(() => true);
      box.show = show;
      return div(show() ? component(Child) : null);
    }
    const app = render(App);
    app.runUntilIdle();
    const owner = scopeNamed(app, "Child").owner;
    expect(box.tasks.map((t) => t.owner)).toEqual([owner, owner]);
    app.enter(() => box.show!.set(false));
    app.runUntilIdle();
    expect(box.tasks.map((t) => t.finished())).toEqual([true, true]);
    expect(app.rt.liveTasks()).toEqual([]);
  });
});

describe("pop_work: re-renders and task polls in (height, id) order", () => {
  it.each<[TreeName, TreeName, string[]]>([
    ["B", "A", ["render A", "poll t"]],
    ["A", "A", ["poll t", "render A"]],
    ["A", "B", ["poll t", "render B"]],
    ["C", "B", ["render B", "poll t"]],
    ["B", "C", ["poll t", "render C"]],
    ["Root", "C", ["poll t", "render C"]],
    ["C", "Root", ["render Root", "poll t"]],
  ])(
    "a task in %s and a dirty %s: the scope re-renders first only when it is strictly earlier by (height, id)",
    (taskIn, dirty, expected) => {
      const t = tree();
      t.task(taskIn, "t");
      t.dirty(dirty);
      t.app.runUntilIdle();
      expect(t.log).toEqual(expected);
    },
  );

  it("dirty scopes re-render nearest the root first, then by id: B (height 1, id 3) before C (height 2, id 2)", () => {
    const t = tree();
    t.dirty("C");
    t.dirty("B");
    t.dirty("A");
    t.app.runUntilIdle();
    expect(t.log).toEqual(["render A", "render B", "render C"]);
  });

  it("a dirty parent re-renders before the tasks of a child it unmounts, which are never polled (Dioxus core/tests/children_drop_futures.rs)", () => {
    const box: { show?: Signal<boolean>; task?: Task; polls: number } = { polls: 0 };
    function Child() {
      useHook(
        () =>
          (box.task = spawn(
            future(function* () {
              box.polls++;
            }),
          )),
      );
      return div("child");
    }
    function App() {
      const show = useSignal(() => true);
      box.show = show;
      return div(show() ? component(Child) : null);
    }
    const app = render(App);
    app.enter(() => box.show!.set(false));
    app.runUntilIdle();
    expect(box.polls).toBe(0);
    expect(box.task!.finished()).toBe(true);
    expect(app.rt.trace.forTask(box.task!.id).map((e) => e.kind)).toEqual(["spawn", "cancel", "drop"]);
  });

  it("without the re-render, the same child task is polled (the control for the test above)", () => {
    const box: { polls: number } = { polls: 0 };
    function Child() {
      useHook(() =>
        spawn(
          future(function* () {
            box.polls++;
          }),
        ),
      );
      return div("child");
    }
    const app = render(function App() {
      return div(component(Child));
    });
    app.runUntilIdle();
    expect(box.polls).toBe(1);
  });

  it("the channel is drained after each task poll: a task spawned nearer the root runs before tasks already queued deeper", () => {
    const t = tree();
    t.app.rt.spawnIn(
      t.scope("C").owner,
      pollFn(() => {
        t.log.push("poll c1");
        spawnForever(pollFn(() => (t.log.push("poll root"), Poll.Ready(undefined))));
        return Poll.Ready(undefined);
      }),
    );
    t.task("C", "c2");
    t.app.runUntilIdle();
    expect(t.log).toEqual(["poll c1", "poll root", "poll c2"]);
  });

  it("a task that marks a scope nearer the root dirty lets it re-render before the next task of its own queue", () => {
    const t = tree();
    t.app.rt.spawnIn(
      t.scope("C").owner,
      pollFn(() => {
        t.log.push("poll c1");
        t.ticks.get("Root")!.set(1);
        return Poll.Ready(undefined);
      }),
    );
    t.task("C", "c2");
    t.app.runUntilIdle();
    expect(t.log).toEqual(["poll c1", "render Root", "poll c2"]);
  });

  it("a task that wakes itself during its poll goes to the back of its scope's queue", () => {
    const t = tree();
    let left = 1;
    t.app.rt.spawnIn(
      t.scope("B").owner,
      pollFn((cx) => {
        t.log.push("poll spin");
        if (left-- === 0) return Poll.Ready(undefined);
        cx.waker.wake();
        return Poll.Pending;
      }),
    );
    t.task("B", "b2");
    t.app.runUntilIdle();
    expect(t.log).toEqual(["poll spin", "poll b2", "poll spin"]);
  });

  it("a task spawned during a render waits for the next pass: every scope already dirty re-renders first, even deeper ones", () => {
    const t = tree();
    let spawned = false;
    t.onRender.Root = () => {
      if (spawned) return;
      spawned = true;
      spawn(pollFn(() => (t.log.push("poll from render"), Poll.Ready(undefined))));
    };
    t.dirty("Root");
    t.dirty("C");
    t.app.runUntilIdle();
    expect(t.log).toEqual(["render Root", "render C", "poll from render"]);
  });

  prop(
    [
      fc.array(
        fc.oneof(
          fc.record({ kind: fc.constant("dirty" as const), scope: fc.constantFrom<TreeName>("Root", "A", "B", "C") }),
          fc.record({
            kind: fc.constant("spawn" as const),
            scope: fc.constantFrom<TreeName>("Root", "A", "B", "C"),
            // What the task does at each poll; it wakes itself after each one but the last.
            segments: fc.array(
              fc.record({
                dirty: fc.array(fc.constantFrom<TreeName>("Root", "A", "B", "C"), { maxLength: 2 }),
                spawn: fc.array(fc.constantFrom<TreeName>("Root", "A", "B", "C"), { maxLength: 2 }),
              }),
              { minLength: 1, maxLength: 3 },
            ),
          }),
        ),
        { minLength: 1, maxLength: 8 },
      ),
    ],
    { numRuns: 150 },
  )(
    "whatever is dirty and queued, and whatever tasks mark dirty, spawn or wake, the work happens exactly in pop_work order",
    (initial) => {
      type Segment = { dirty: TreeName[]; spawn: TreeName[] };
      const t = tree();
      const order = (n: TreeName) => TREE_ORDER[n];
      const before = (a: TreeName, b: TreeName) =>
        order(a).height < order(b).height || (order(a).height === order(b).height && order(a).id < order(b).id);

      // ── the runtime ──
      const make = (label: string, segments: readonly Segment[]) => {
        let at = 0;
        let children = 0;
        return pollFn((cx) => {
          t.log.push(`poll ${label}`);
          const seg = segments[at++]!;
          for (const d of seg.dirty) t.ticks.get(d)!.set(0);
          for (const s of seg.spawn)
            t.app.rt.spawnIn(t.scope(s).owner, make(`${label}.${children++}`, [{ dirty: [], spawn: [] }]));
          if (at === segments.length) return Poll.Ready(undefined);
          cx.waker.wake();
          return Poll.Pending;
        });
      };
      t.app.enter(() => {
        initial.forEach((a, i) => {
          if (a.kind === "dirty") t.dirty(a.scope);
          else t.app.rt.spawnIn(t.scope(a.scope).owner, make(`t${i}`, a.segments));
        });
      });
      t.app.runUntilIdle();

      // ── the model, written from scheduler.rs ──
      interface M {
        label: string;
        scope: TreeName;
        segments: readonly Segment[];
        at: number;
        children: number;
      }
      const expected: string[] = [];
      const dirty = new Set<TreeName>();
      const queues = new Map<TreeName, M[]>();
      let channel: M[] = [];
      initial.forEach((a, i) => {
        if (a.kind === "dirty") dirty.add(a.scope);
        else channel.push({ label: `t${i}`, scope: a.scope, segments: a.segments, at: 0, children: 0 });
      });
      const drain = () => {
        for (const m of channel) {
          const q = queues.get(m.scope) ?? [];
          if (!q.includes(m)) q.push(m);
          queues.set(m.scope, q);
        }
        channel = [];
      };
      const first = (names: Iterable<TreeName>) =>
        [...names].reduce<TreeName | undefined>(
          (best, n) => (best === undefined || before(n, best) ? n : best),
          undefined,
        );
      drain();
      for (;;) {
        const d = first(dirty);
        const q = first([...queues].filter(([, ts]) => ts.length > 0).map(([n]) => n));
        if (d !== undefined && (q === undefined || before(d, q))) {
          dirty.delete(d);
          expected.push(`render ${d}`);
          continue;
        }
        if (q === undefined) break;
        const m = queues.get(q)!.shift()!;
        expected.push(`poll ${m.label}`);
        const seg = m.segments[m.at++]!;
        for (const n of seg.dirty) dirty.add(n);
        for (const s of seg.spawn)
          channel.push({
            label: `${m.label}.${m.children++}`,
            scope: s,
            segments: [{ dirty: [], spawn: [] }],
            at: 0,
            children: 0,
          });
        if (m.at < m.segments.length) channel.push(m);
        drain();
      }
      expect(t.log).toEqual(expected);
    },
  );
});

describe("effects run last (Dioxus virtual_dom.rs poll_tasks)", () => {
  it("an effect runs after the tasks spawned by the render that queued it, even when that render happened inside a pass", () => {
    const log: string[] = [];
    const box: { show?: Signal<boolean> } = {};
    function Child() {
      log.push("render Child");
      useHook(() => spawn(pollFn(() => (log.push("poll Child task"), Poll.Ready(undefined)))));
      useEffect(() => log.push("effect Child"));
      return div("child");
    }
    function App() {
      const show = useSignal(() => false);
      box.show = show;
      log.push("render App");
      return div(show() ? component(Child) : null);
    }
    const app = render(App);
    app.runUntilIdle();
    log.length = 0;
    app.enter(() => box.show!.set(true));
    app.runUntilIdle();
    expect(log).toEqual(["render App", "render Child", "poll Child task", "effect Child"]);
  });

  it("an effect waits while a scope is dirty: it runs after the re-render a task caused, and sees its result", () => {
    const log: string[] = [];
    function Counter() {
      const n = useSignal(() => 0);
      log.push(`render n=${n()}`);
      useHook(() => spawn(pollFn(() => (log.push("poll"), n.set(1), Poll.Ready(undefined)))));
      useEffect(() => log.push(`effect sees n=${n.peek()}`));
      return div(`${n()}`);
    }
    const app = render(Counter);
    app.runUntilIdle();
    expect(log).toEqual(["render n=0", "poll", "render n=1", "effect sees n=1"]);
  });

  it("effects pending together all run before the tasks they spawn are polled", () => {
    const log: string[] = [];
    function Second() {
      useEffect(() => log.push("effect Second"));
      return div("second");
    }
    function First() {
      useEffect(() => {
        log.push("effect First");
        spawn(pollFn(() => (log.push("poll task of effect"), Poll.Ready(undefined))));
      });
      return div(component(Second));
    }
    const app = render(First);
    app.runUntilIdle();
    expect(log).toEqual(["effect First", "effect Second", "poll task of effect"]);
  });

  it("no effect runs while a task is queued: a task waiting on nothing but its turn is polled before any effect", () => {
    const log: string[] = [];
    function App() {
      useHook(() => {
        spawn(pollFn(() => (log.push("poll"), Poll.Ready(undefined))));
      });
      useEffect(() => log.push("effect"));
      return div("x");
    }
    const app = render(App);
    expect(log).toEqual([]);
    app.runUntilIdle();
    expect(log).toEqual(["poll", "effect"]);
  });
});
