/**
 * Unmounting (docs/runtime-model.md, "Scopes and unmounting"; Dioxus runtime.rs `remove_scope`,
 * diff/component.rs): it happens during the parent's re-render, children
 * before parents, and inside one scope in a fixed order: tasks dropped,
 * pending effects removed, hooks dropped in reverse (useDrop), signals
 * invalidated. Spawning while a scope is dropped is refused (issue #4064).
 */
import { describe, expect, it } from "vitest";
import {
  Poll,
  component,
  div,
  dropGuard,
  future,
  pollFn,
  sleep,
  spawn,
  spawnForever,
  useDrop,
  useEffect,
  useHook,
  useSignal,
  type Signal,
  type Task,
} from "../../runtime/index.ts";
import { render } from "../../runtime/testing.ts";
import { caught, message, siteHere } from "./support/errors.ts";
import { fc, prop } from "./support/prop.ts";

const DROPPED_WHY =
  "A signal lives as long as the component that created it. Once that component unmounted, the value is gone; " +
  "a task or callback that outlives the component must not use it.";
const DROPPED_FIX =
  "Cancel the work when the component unmounts (spawn, not spawnForever). Work that must outlive the component (spawnForever) should keep its state in a global signal, or in the task itself.";

/** An app whose root shows `child` while its `show` signal is true. */
function toggled(child: () => unknown, log: string[] = []) {
  const box: { show?: Signal<boolean> } = {};
  function App() {
    const show = useSignal(() => true);
    box.show = show;
    log.push("render App");
    return div(show() ? component(child as () => null) : null);
  }
  const app = render(App);
  return {
    app,
    log,
    show(v: boolean) {
      app.enter(() => box.show!.set(v));
      app.runUntilIdle();
    },
  };
}

describe("unmount order", () => {
  it("unmounting happens during the parent's re-render, children before parents", () => {
    const log: string[] = [];
    function Grandchild() {
      useDrop(() => log.push("drop Grandchild"));
      return div("gc");
    }
    function Child() {
      useDrop(() => log.push("drop Child"));
      return div(component(Grandchild));
    }
    function Parent() {
      useDrop(() => log.push("drop Parent"));
      return div(component(Child));
    }
    const t = toggled(Parent, log);
    t.app.runUntilIdle();
    log.length = 0;
    t.show(false);
    expect(log).toEqual(["render App", "drop Grandchild", "drop Child", "drop Parent"]);
    const kinds = t.app.rt.trace.entries.filter((e) => e.kind === "render" || e.kind === "unmount").slice(-4);
    expect(kinds.map((e) => `${e.kind} ${e.owner}`)).toEqual(["render 1", "unmount 4", "unmount 3", "unmount 2"]);
  });

  // Dioxus diff/component.rs `remove_component_node`: the scope's last rendered nodes are removed first
  // (diff/node.rs walks roots and dynamic nodes in order, a Fragment's nodes first to last), then `drop_scope`.
  prop([fc.integer({ min: 2, max: 4 }), fc.boolean()], { numRuns: 8 })(
    "siblings removed together are dropped first to last, each after its own children (diff/node.rs, diff/component.rs), whether their parent unmounts or re-renders without them",
    (count, parentGoes) => {
      const log: string[] = [];
      function Leaf(props: { name: string }) {
        useDrop(() => log.push(`drop ${props.name}.leaf`));
        return div("leaf");
      }
      function Item(props: { name: string }) {
        useDrop(() => log.push(`drop ${props.name}`));
        return div(component(Leaf, { name: props.name }));
      }
      const box: { list?: Signal<boolean> } = {};
      function Parent() {
        const list = useSignal(() => true);
        box.list = list;
        return div(
          list() ? Array.from({ length: count }, (_, i) => component(Item, { name: `item${i}` }, i)) : "empty",
        );
      }
      const t = toggled(Parent, log);
      log.length = 0;
      if (parentGoes) t.show(false);
      else {
        t.app.enter(() => box.list!.set(false));
        t.app.runUntilIdle();
      }
      const drops = log.filter((l) => l.startsWith("drop item"));
      expect(drops).toEqual(Array.from({ length: count }, (_, i) => [`drop item${i}.leaf`, `drop item${i}`]).flat());
    },
  );

  it("inside one scope: tasks are dropped (finalizers run), then pending effects removed, then hooks dropped in reverse order, then signals invalidated", () => {
    const log: string[] = [];
    const box: { s?: Signal<string>; rerun?: Signal<number> } = {};
    function Victim() {
      const s = useSignal(() => "alive");
      const rerun = useSignal(() => 0);
      box.s = s;
      box.rerun = rerun;
      useDrop(() => log.push(`drop first hook, sees ${s.peek()}`));
      useHook(() =>
        spawn(
          future(function* () {
            using _g = dropGuard(() => {
              log.push(`finalizer sees ${s.peek()}`);
              s.set("finalized");
            });
            yield* sleep(1000);
          }),
        ),
      );
      useEffect(() => log.push(`effect run ${rerun()}`));
      useDrop(() => log.push(`drop last hook, sees ${s.peek()}`));
      return div("victim");
    }
    const t = toggled(Victim);
    t.app.runUntilIdle();
    expect(log).toEqual(["effect run 0"]);
    // Queue the effect again, and in the same breath unmount its component: the re-render comes first.
    t.app.enter(() => box.rerun!.set(1));
    t.show(false);
    expect(log).toEqual([
      "effect run 0",
      "finalizer sees alive",
      "drop last hook, sees finalized",
      "drop first hook, sees finalized",
    ]);
    expect(t.app.enter(() => box.s!.tryRead()).ok).toBe(false);
  });

  it("finalizers and useDrop may write the component's own signals (they are invalidated last)", () => {
    const box: { s?: Signal<number> } = {};
    const seen: number[] = [];
    function Child() {
      const s = useSignal(() => 0);
      box.s = s;
      useDrop(() => {
        s.update((n) => n + 10);
        seen.push(s());
      });
      useHook(() =>
        spawn(
          future(function* () {
            try {
              yield* sleep(50);
            } finally {
              s.set(1);
            }
          }),
        ),
      );
      return div("child");
    }
    const t = toggled(Child);
    t.app.runUntilIdle();
    t.show(false);
    expect(seen).toEqual([11]);
  });
});

describe("after unmount", () => {
  it('any access to an unmounted component\'s signal fails with Dropped: "Failed to borrow because the value was dropped." and where the signal was created', () => {
    const box: { s?: Signal<number>; site?: string } = {};
    function Victim() {
      const [s, site] = [useSignal(() => 1), siteHere()];
      box.s = s;
      box.site = site;
      return div(`${s()}`);
    }
    const t = toggled(Victim);
    t.show(false);
    const s = box.s!;
    const detail = [`signal #1 of Victim (created at ${box.site})`, "dropped when Victim (scope 2) unmounted at t=0"];
    for (const access of [
      () => s(),
      () => s.get(),
      () => s.peek(),
      () => s.set(2),
      () => s.update((n) => n),
      () => s.read(),
      () => s.write(),
    ]) {
      const err = t.app.enter(() => caught(access));
      expect(err.kind).toBe("Dropped");
      expect(err.what).toBe("Failed to borrow because the value was dropped.");
      expect(err.details).toEqual(detail);
    }
    const [err, here] = t.app.enter(() => [caught(() => s.read()), siteHere()] as const);
    expect(err.message).toBe(
      message({
        what: "Failed to borrow because the value was dropped.",
        details: detail,
        where: here,
        why: DROPPED_WHY,
        fix: DROPPED_FIX,
      }),
    );
    for (const attempt of [t.app.enter(() => s.tryRead()), t.app.enter(() => s.tryWrite())]) {
      expect(attempt.ok).toBe(false);
      if (!attempt.ok) expect(attempt.error.kind).toBe("Dropped");
    }
  });

  it("a spawnForever task that outlives its component and then touches the component's signal panics with Dropped", () => {
    const box: { task?: Task } = {};
    function Child() {
      const s = useSignal(() => 0);
      useHook(
        () =>
          (box.task = spawnForever(
            future(function* () {
              yield* sleep(10);
              s.set(1);
            }),
          )),
      );
      return div("child");
    }
    const t = toggled(Child);
    t.app.runUntilIdle();
    t.show(false);
    expect(box.task!.finished()).toBe(false);
    const err = caught(() => t.app.advance(10));
    expect(err.kind).toBe("Dropped");
    expect(err.what).toBe("Failed to borrow because the value was dropped.");
    expect(err.details.at(-1)).toMatch(/^in task #1 /);
  });

  it("a remounted component starts fresh: new hook state, new signals, and the old signal handles stay dropped even though the scope id is reused", () => {
    const box: { s: Signal<number>[]; hooks: object[]; ids: number[] } = { s: [], hooks: [], ids: [] };
    function Child() {
      const s = useSignal(() => 0);
      const state = useHook(() => ({ created: box.hooks.length }));
      if (!box.s.includes(s)) box.s.push(s);
      if (!box.hooks.includes(state)) box.hooks.push(state);
      return div(`${s()}`);
    }
    const t = toggled(Child);
    box.ids.push(t.app.dom.scopes().at(-1)!.id);
    t.app.enter(() => box.s[0]!.set(5));
    t.app.runUntilIdle();
    expect(t.app.text()).toBe("5");
    t.show(false);
    t.show(true);
    box.ids.push(t.app.dom.scopes().at(-1)!.id);
    expect(box.ids).toEqual([2, 2]);
    expect(t.app.text()).toBe("0");
    expect(box.hooks).toEqual([{ created: 0 }, { created: 1 }]);
    expect(box.s).toHaveLength(2);
    expect(t.app.enter(() => box.s[1]!())).toBe(0);
    expect(t.app.enter(() => caught(() => box.s[0]!())).kind).toBe("Dropped");
  });
});

describe("dropping the whole app", () => {
  it("a spawnForever task survives every component unmount, and is dropped only with the app, after every component (children first)", () => {
    const log: string[] = [];
    function Child() {
      useHook(() =>
        spawnForever(
          future(function* () {
            using _g = dropGuard(() => log.push("forever task dropped"));
            for (;;) yield* sleep(10);
          }),
        ),
      );
      useDrop(() => log.push("drop Child"));
      return div("child");
    }
    function Parent() {
      useDrop(() => log.push("drop Parent"));
      return div(component(Child));
    }
    const t = toggled(Parent, log);
    t.app.runUntilIdle();
    t.show(false);
    t.app.advance(50);
    expect(log).toEqual(["render App", "render App", "drop Child", "drop Parent"]);
    // Mounted again, the child starts a second forever task; both go only with the app.
    t.show(true);
    log.length = 0;
    t.app.unmount();
    expect(log).toEqual(["drop Child", "drop Parent", "forever task dropped", "forever task dropped"]);
    expect(t.app.rt.liveTasks()).toEqual([]);
    expect(t.app.text()).toBe("");
  });

  it("a wake reaching a task of an unmounted component is ignored", () => {
    const box: { waker?: { wake(): void }; polls: number } = { polls: 0 };
    function Child() {
      useHook(() =>
        spawn(
          pollFn((cx) => {
            box.polls++;
            box.waker = cx.waker;
            return Poll.Pending;
          }),
        ),
      );
      return div("child");
    }
    const t = toggled(Child);
    t.app.runUntilIdle();
    t.show(false);
    const traced = t.app.rt.trace.entries.length;
    box.waker!.wake();
    t.app.runUntilIdle();
    expect(box.polls).toBe(1);
    expect(t.app.rt.trace.entries.length).toBe(traced);
  });
});

describe("spawning while a scope is dropped (Dioxus issue #4064)", () => {
  const WHY =
    "The component is going away: a task spawned onto it now would belong to a dead scope, and in Dioxus it leaks or runs " +
    "in the wrong place (Dioxus issue #4064).";
  const FIX =
    "If cleanup must do async work that outlives the component, start it with spawnForever, and let it use only what lives as long as the app.";

  it("spawn inside useDrop is a SpawnWhileDropping error that points to spawnForever", () => {
    function Child() {
      useDrop(() => {
        spawn(future(function* () {}));
      });
      return div("child");
    }
    const t = toggled(Child);
    const err = caught(() => t.show(false));
    expect(err.kind).toBe("SpawnWhileDropping");
    expect(err.what).toBe("spawn was called while Child (scope 2) is being dropped, from useDrop or a finalizer.");
    expect(err.why).toBe(WHY);
    expect(err.fix).toBe(FIX);
    expect(err.message).toContain("spawnForever");
  });

  it("spawn in a finalizer of a task dropped by the unmount is refused the same way", () => {
    function Child() {
      useHook(() =>
        spawn(
          future(function* () {
            try {
              yield* sleep(100);
            } finally {
              spawn(future(function* () {}));
            }
          }),
        ),
      );
      return div("child");
    }
    const t = toggled(Child);
    t.app.runUntilIdle();
    expect(caught(() => t.show(false)).kind).toBe("SpawnWhileDropping");
  });

  it("spawnForever inside useDrop works: the task belongs to the root and runs after the component is gone", () => {
    const log: string[] = [];
    const box: { task?: Task } = {};
    function Child() {
      useDrop(() => {
        box.task = spawnForever(
          future(function* () {
            yield* sleep(5);
            log.push("cleanup done");
          }),
        );
      });
      return div("child");
    }
    const t = toggled(Child);
    t.show(false);
    expect(box.task!.owner.id).toBe(0);
    t.app.advance(5);
    expect(log).toEqual(["cleanup done"]);
  });

  it('spawn, spawnForever and hooks outside any runtime fail with "Must be called from inside a Dioxus runtime."', () => {
    for (const call of [
      () => spawn(future(function* () {})),
      () => spawnForever(future(function* () {})),
      () => useSignal(() => 0),
      () => useHook(() => 0),
    ]) {
      const err = caught(call);
      expect(err.kind).toBe("NoRuntime");
      expect(err.message.startsWith("Must be called from inside a Dioxus runtime.\n")).toBe(true);
    }
  });
});
