/**
 * Helpers for the Dioxus-layer tests (test/runtime/layer-*.test.ts).
 *
 * `scopeNamed(app, name)` finds the one mounted scope rendering the
 * component called `name`. `tree()` mounts a small fixed tree whose scopes
 * have a known (height, id) each, with one signal per scope that its render
 * reads, so a test can mark any scope dirty and queue tasks in any scope.
 * Everything is created per call: nothing is kept between tests.
 */
import { expect } from "vitest";
import { Poll, component, div, pollFn, useSignal, type Signal, type Task } from "../../../runtime/index.ts";
import { render, type App, type Scope } from "../../../runtime/testing.ts";

/** The mounted scope of the component function called `name` (the root scope itself is named "root"). */
export function scopeNamed(app: App, name: string): Scope {
  const found = app.dom.scopes().filter((s) => s.component.name === name);
  expect(
    found.map((s) => s.component.name),
    `exactly one mounted scope of ${name}`,
  ).toEqual([name]);
  return found[0]!;
}

export type TreeName = "Root" | "A" | "B" | "C";

/**
 * Root renders A and B; A renders C. `render` mounts Root under the root
 * scope (scope 0, height 0, which is not the app), and mounting is depth
 * first, so the ids are Root 1, A 2, C 3, B 4 and the heights 1, 2, 3, 2: C has a smaller id
 * than B but is further from the root, which is what (height, id) order is
 * about.
 */
export const TREE_ORDER: Readonly<Record<TreeName, Readonly<{ height: number; id: number }>>> = {
  Root: { height: 1, id: 1 },
  A: { height: 2, id: 2 },
  C: { height: 3, id: 3 },
  B: { height: 2, id: 4 },
};

export interface Tree {
  app: App;
  /** "render X" for each render, "poll label" for each poll of a task made by `task`. */
  log: string[];
  scope(name: TreeName): Scope;
  /** Writes the scope's signal (its render reads it), which marks it dirty. */
  dirty(name: TreeName): void;
  /** Queues a task in that scope that logs its poll and is Ready at once. */
  task(name: TreeName, label: string): Task;
  /** Code to run inside a scope's render, after it read its signal (set it after mounting). */
  onRender: Partial<Record<TreeName, () => void>>;
  ticks: Map<TreeName, Signal<number>>;
}

export function tree(): Tree {
  const log: string[] = [];
  const ticks = new Map<TreeName, Signal<number>>();
  const onRender: Tree["onRender"] = {};
  const use = (name: TreeName) => {
    const tick = useSignal(() => 0);
    ticks.set(name, tick);
    tick();
    log.push(`render ${name}`);
    onRender[name]?.();
  };
  function Root() {
    use("Root");
    return div(component(A), component(B));
  }
  function A() {
    use("A");
    return div(component(C));
  }
  function B() {
    use("B");
    return div("b");
  }
  function C() {
    use("C");
    return div("c");
  }
  const app = render(Root);
  log.length = 0;
  const scope = (name: TreeName) => scopeNamed(app, name);
  return {
    app,
    log,
    ticks,
    onRender,
    scope,
    dirty: (name) => app.enter(() => ticks.get(name)!.set(0)),
    task: (name, label) =>
      app.rt.spawnIn(
        scope(name).owner,
        pollFn(() => {
          log.push(`poll ${label}`);
          return Poll.Ready(undefined);
        }),
        { label },
      ),
  };
}
