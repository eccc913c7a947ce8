/**
 * Determinism of the Dioxus layer (docs/runtime-model.md,
 * "Tasks and the executor"): an app program (components mounted and unmounted, tasks
 * that sleep, send requests to the scripted network and write signals,
 * async click handlers) gives the same trace, the same screen and the same
 * requests every time it runs, without a seed or with the same seed.
 *
 * The one order Dioxus leaves open here is the order an unmount drops a
 * scope's tasks in: runtime.rs `remove_scope` takes them out of the scope's
 * `spawned_tasks`, an FxHashSet ("order doesn't matter"). Without a seed it is
 * spawn order; with one it is a permutation drawn from the seed.
 */
import { describe, expect, it } from "vitest";
import {
  button,
  component,
  div,
  dropGuard,
  future,
  http,
  sleep,
  spawn,
  useHook,
  useSignal,
  type Signal,
} from "../../runtime/index.ts";
import { answer, network, render, sameTrace, type Answer } from "../../runtime/testing.ts";
import { fc, prop } from "./support/prop.ts";

const URLS = ["https://api.test/a", "https://api.test/b", "https://api.test/c"] as const;

type TaskOp =
  | { op: "sleep"; ms: number }
  /** A GET to URLS[url]; the answer (its status, or 1 for a network failure) is added to the child's count. */
  | { op: "get"; url: number }
  /** Adds 1 to the child's own signal. */
  | { op: "write" }
  /** Adds 1 to the root's signal, which the root shows. */
  | { op: "write-total" };

interface ChildPlan {
  /** One task per entry, spawned on the child's first render; each holds a drop guard for its whole life. */
  tasks: TaskOp[][];
}

type Step =
  /** Clicks child `child`'s button (an async handler that sends a request), if that child is on screen. */
  | { step: "click"; child: number }
  /** Clicks the root's "toggle i" button: unmounts child i, or mounts it again. */
  | { step: "toggle"; child: number }
  | { step: "advance"; ms: number };

interface LayerProgram {
  children: ChildPlan[];
  /** The network's answer for each of URLS. */
  answers: Answer[];
  steps: Step[];
}

const taskOp: fc.Arbitrary<TaskOp> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant("sleep" as const), ms: fc.nat(30) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("get" as const), url: fc.nat(URLS.length - 1) }) },
  { weight: 2, arbitrary: fc.constant({ op: "write" as const }) },
  { weight: 1, arbitrary: fc.constant({ op: "write-total" as const }) },
);

const answerArb: fc.Arbitrary<Answer> = fc
  .tuple(fc.constantFrom("ok", "status", "fail"), fc.nat(40))
  .map(([kind, latency]) =>
    kind === "ok"
      ? answer.ok({ kind }, latency)
      : kind === "status"
        ? answer.status(503, latency)
        : answer.fail(latency),
  );

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ step: fc.constant("click" as const), child: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ step: fc.constant("toggle" as const), child: fc.nat(2) }) },
  { weight: 3, arbitrary: fc.record({ step: fc.constant("advance" as const), ms: fc.nat(25) }) },
);

const layerProgramArb: fc.Arbitrary<LayerProgram> = fc.record({
  children: fc.array(
    fc.record({ tasks: fc.array(fc.array(taskOp, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }) }),
    {
      minLength: 1,
      maxLength: 3,
    },
  ),
  answers: fc.tuple(answerArb, answerArb, answerArb),
  steps: fc.array(stepArb, { maxLength: 10 }),
});

interface ChildProps {
  index: number;
  plan: ChildPlan;
  total: Signal<number>;
  log: string[];
}

function Child({ index, plan, total, log }: ChildProps) {
  const count = useSignal(() => 0, `count ${index}`);
  useHook(() =>
    plan.tasks.map((ops, k) =>
      spawn(
        future(function* () {
          using _g = dropGuard(() => log.push(`drop ${index}.${k}`), `guard ${index}.${k}`);
          for (const o of ops) {
            if (o.op === "sleep") yield* sleep(o.ms);
            else if (o.op === "get") {
              const r = yield* http.get(URLS[o.url]!);
              count.set(count.peek() + (r.ok ? r.value.status : 1));
            } else if (o.op === "write") count.set(count.peek() + 1);
            else total.set(total.peek() + 1);
          }
          log.push(`done ${index}.${k}`);
        }),
        { label: `task ${index}.${k}` },
      ),
    ),
  );
  return div(
    button(
      {
        onclick: () =>
          future(function* click() {
            const r = yield* http.get(URLS[index % URLS.length]!);
            count.set(count.peek() + (r.ok ? 1000 : 100));
          }),
      },
      `child ${index}`,
    ),
    `count ${count()}`,
  );
}

function App({ program, log }: { program: LayerProgram; log: string[] }) {
  const total = useSignal(() => 0, "total");
  const shown = useSignal(() => program.children.map(() => true), "shown");
  const visible = shown();
  return div(
    program.children.map((_, i) =>
      button({ onclick: () => shown.update((s) => s.map((v, j) => (j === i ? !v : v))) }, `toggle ${i}`),
    ),
    `total ${total()}`,
    program.children.map((plan, i) => (visible[i] ? component(Child, { index: i, plan, total, log }, i) : null)),
  );
}

/** Runs `program` on a fresh app, lets it run 50 ms more, reads the screen, then unmounts the app. */
function runLayer(program: LayerProgram, seed?: number) {
  const log: string[] = [];
  const script = Object.fromEntries(URLS.map((url, i) => [url, program.answers[i]!]));
  const app = render(App, { props: { program, log }, network: script, ...(seed === undefined ? {} : { seed }) });
  for (const s of program.steps) {
    if (s.step === "advance") {
      app.advance(s.ms);
      continue;
    }
    const target = app.queryByRole("button", { name: `${s.step === "click" ? "child" : "toggle"} ${s.child}` });
    if (target !== undefined) app.click(target);
    app.runUntilIdle();
  }
  app.advance(50);
  const text = app.text();
  app.unmount();
  return { app, text, log };
}

describe("the same app program gives the same run", () => {
  prop([layerProgramArb], { numRuns: 40 })(
    "run twice without a seed, an app program records identical traces, shows the same screen, sends the same requests and drops its tasks in the same order",
    (program) => {
      const a = runLayer(program);
      const b = runLayer(program);
      expect(a.app.rt.trace.of("render").length).toBeGreaterThan(0);
      expect(sameTrace(a.app.rt.trace, b.app.rt.trace)).toBe(true);
      expect(a.app.rt.trace.toLines()).toEqual(b.app.rt.trace.toLines());
      expect(a.text).toBe(b.text);
      expect(network(a.app).requests).toEqual(network(b.app).requests);
      expect(a.log).toEqual(b.log);
    },
  );

  prop([layerProgramArb, fc.integer()], { numRuns: 40 })(
    "run twice with the same seed, an app program records identical traces, shows the same screen and sends the same requests",
    (program, seed) => {
      const a = runLayer(program, seed);
      const b = runLayer(program, seed);
      expect(sameTrace(a.app.rt.trace, b.app.rt.trace)).toBe(true);
      expect(a.app.rt.trace.toLines()).toEqual(b.app.rt.trace.toLines());
      expect(a.text).toBe(b.text);
      expect(network(a.app).requests).toEqual(network(b.app).requests);
      expect(a.log).toEqual(b.log);
    },
  );
});

describe("the order an unmount drops a component's tasks in", () => {
  it("a child with 5 tasks (each holding a drop guard across a request and a sleep) unmounted: spawn order without a seed; with a seed, a permutation that is the same for the same seed, and not the same for every seed", () => {
    const plan: ChildPlan = {
      tasks: [0, 1, 2, 3, 4].map((k) => [
        { op: "write" },
        { op: "get", url: k % URLS.length },
        { op: "write-total" },
        { op: "sleep", ms: 100 },
      ]),
    };
    const program: LayerProgram = {
      children: [plan],
      answers: [answer.ok("a", 3), answer.fail(7), answer.status(404, 20)],
      steps: [],
    };
    const finalizerOrder = (seed: number | undefined) => {
      const log: string[] = [];
      const script = Object.fromEntries(URLS.map((url, i) => [url, program.answers[i]!]));
      const app = render(App, { props: { program, log }, network: script, seed });
      // Some tasks are still waiting for their answer, the others sleep.
      app.advance(10);
      expect(network(app).inFlight()).toHaveLength(1);
      app.click({ role: "button", name: "toggle 0" });
      app.runUntilIdle();
      expect(app.text()).toBe("toggle 0total 4");
      return log.map((l) => Number(/^drop 0\.(\d)$/.exec(l)![1]));
    };
    expect(finalizerOrder(undefined)).toEqual([0, 1, 2, 3, 4]);
    const orders = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const order = finalizerOrder(seed);
      expect(order).toEqual(finalizerOrder(seed));
      expect(order.slice().sort()).toEqual([0, 1, 2, 3, 4]);
      orders.add(order.join(","));
    }
    expect(orders.size).toBeGreaterThan(1);
  });
});
