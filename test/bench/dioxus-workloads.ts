/**
 * Workloads for the Dioxus layer's benchmarks:
 *   (d) an app of 1,000 components, each holding a resource that reads one
 *       shared signal, mounted, then 100 changes of that signal, each run to
 *       completion;
 *   (e) one typical kata property run: mount a small app (kata 06's cancel
 *       pair), 20 seeded clicks at virtual times, run to completion, with
 *       the settings given (property() searches with the trace on and call
 *       sites off), then disposed and released as property() does.
 */
import { component, div, future, sleep, useResource, useSignal, type Signal } from "../../runtime/index.ts";
import { Rng, answer, render, type RenderOptions } from "../../runtime/testing.ts";
import { CancelButton } from "../../solutions/06-manual-cancellation.ts";

function Item(props: { shared: Signal<number>; i: number }) {
  const r = useResource(() =>
    future(function* () {
      const v = props.shared();
      yield* sleep(1 + (props.i % 7));
      return v * 2;
    }),
  );
  return div(`${props.i}: ${r.value() ?? "…"}`);
}

/** (d): returns the app's text length, so the work cannot be skipped. */
export function resourcesApp(
  components = 1_000,
  changes = 100,
  options: RenderOptions = { trace: false, sites: false, livelockBudget: Infinity },
): number {
  let shared: Signal<number> | undefined;
  function App() {
    const s = useSignal(() => 0);
    shared = s;
    return div(Array.from({ length: components }, (_, i) => component(Item, { shared: s, i }, i)));
  }
  const app = render(App, options);
  app.runToCompletion();
  for (let c = 1; c <= changes; c++) {
    app.enter(() => shared!.set(c));
    app.runToCompletion();
  }
  return app.text().length;
}

const URL = "https://httpbin.org/delay/1";

/**
 * (e): one property run of kata 06 with 20 seeded events; returns the final
 * text. The runtime is disposed and released at the end, as property() does
 * after every run (`release` where the runtime has it).
 */
export function kataPropertyRun(seed: number, options: RenderOptions = {}): string {
  const rng = new Rng(seed);
  const answers = Array.from({ length: 21 }, () =>
    rng.int(4) === 0 ? answer.fail(1 + rng.int(40)) : answer.ok("", 1 + rng.int(40)),
  );
  const app = render(CancelButton, { ...options, network: { [URL]: answers } });
  let t = 0;
  for (let i = 0; i < 20; i++) {
    t += rng.int(15);
    const start = rng.int(3) !== 0;
    // The first button's name is the response text, which changes; the second is "Cancel Request".
    app.at(t, () => app.click(app.queryAllByRole("button")[start ? 0 : 1]!));
  }
  app.runToCompletion();
  const text = app.text();
  typeof app.rt.release === "function" ? app.rt.release() : app.rt[Symbol.dispose]();
  return text;
}
