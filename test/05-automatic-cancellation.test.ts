/**
 * Kata 05 · Automatic cancellation: the properties.
 *
 * One scenario drives the learner's App the way a user would: it clicks the
 * toggle button at generated times (show, hide, show…), while the simulated
 * server answers each status request after a generated latency, with a
 * generated outcome. After every moment where something can happen (a click,
 * a timer of the app, a change the model expects) the test reads the screen,
 * the network log and the trace, and tells the story.
 *
 * Alongside runs a small model of a correct poller (below): checks start at
 * the show click, the next check starts 50 ms after each answer, and hiding
 * throws everything away. The properties compare the screen with it and
 * watch what happens while the poller is hidden.
 */
import { expect } from "./support/expect.ts";
import { App, StatusPoller } from "#kata/05-automatic-cancellation";
import { button, component, div, p, useSignal, type Child } from "../runtime/index.ts";
import { LearnerError, answer, network, type App as AppHandle, type RequestRecord } from "../runtime/testing.ts";
import {
  describeResponse,
  eventSchedule,
  fc,
  property,
  response,
  runtimeSeed,
  toAnswer,
  type NetworkResponse,
  type PropertyContext,
} from "./support/index.ts";

const EVERY = 50;
const CHECKING = "Status: checking...";
/** The status server's address (the kata's STATUS_URL): the test's own copy, so a wrong address in the app shows. */
const STATUS = "https://status.example.com/api/status";

/** The body the server sends for request number `n` (1, 2, 3… in the order sent). */
const bodyOf = (n: number) => `${10 + n} users online`;

/** The status line for request `n`'s answer, received as check number `check` of the current mount. */
function expectedLine(r: NetworkResponse, n: number, check: number): string {
  const what = r.outcome === "ok" ? bodyOf(n) : r.outcome === "http-error" ? "error 500" : "unreachable";
  return `Status: ${what} (check #${check})`;
}

/** A correct poller: what its status line reads after each step of the scenario. */
class Model {
  shown = false;
  /** How many times the poller was shown so far. */
  mount = 0;
  status: string | undefined;
  #check = 0;
  #sent = 0;
  #inFlight: { n: number; at: number } | undefined;
  #nextAt: number | undefined;
  /** What a correct poller did, for failure messages: "t=51 request #2 sent". */
  readonly log: string[] = [];

  constructor(readonly responses: readonly NetworkResponse[]) {}

  #answerOf(n: number): NetworkResponse {
    return this.responses[(n - 1) % this.responses.length]!;
  }

  /** Everything due at or before `t`: answers, then the checks they schedule. */
  tick(t: number): void {
    for (;;) {
      if (this.#inFlight !== undefined && this.#inFlight.at <= t) {
        const { n, at } = this.#inFlight;
        this.#inFlight = undefined;
        this.status = expectedLine(this.#answerOf(n), n, ++this.#check);
        this.log.push(`t=${at} #${n} answers → check #${this.#check}, next check at t=${at + EVERY}`);
        this.#nextAt = at + EVERY;
      } else if (this.#nextAt !== undefined && this.#nextAt <= t) {
        this.#send(this.#nextAt);
      } else return;
    }
  }

  #send(t: number): void {
    const n = ++this.#sent;
    this.log.push(`t=${t} request #${n} sent`);
    this.#nextAt = undefined;
    this.#inFlight = { n, at: t + this.#answerOf(n).latency };
  }

  /** When the model expects the next answer or check, if any. */
  nextAt(): number | undefined {
    return this.#inFlight?.at ?? this.#nextAt;
  }

  toggle(t: number): void {
    if (this.shown) {
      this.log.push(`t=${t} hidden${this.#inFlight ? ` → #${this.#inFlight.n} aborted` : ""}`);
      this.shown = false;
      this.status = undefined;
      this.#inFlight = this.#nextAt = undefined;
      return;
    }
    this.shown = true;
    this.mount++;
    this.log.push(`t=${t} shown`);
    this.#check = 0;
    this.status = CHECKING;
    this.#send(t);
    this.tick(t);
  }
}

/** What the screen showed after one step, and what the model says it should show. */
interface Sample {
  readonly t: number;
  /** The click this step was, if it was one: 'click "Hide status"'. */
  readonly click: string | undefined;
  /** Which showing of the poller this is (1, 2…); 0 while hidden. */
  readonly mount: number;
  readonly status: string | undefined;
  readonly expectedStatus: string | undefined;
  readonly pollers: string | undefined;
  /** The text of the toggle button(s). */
  readonly toggle: string | undefined;
  /** What a correct poller had done by then. */
  readonly modelLog: readonly string[];
}

interface Run {
  readonly samples: Sample[];
  /** The first sample `check` found wrong, told for the learner; the run stops there. */
  problem?: string | undefined;
  /** What the hidden poller did: requests left in flight, sent or delivered, tasks polled. */
  readonly whileHidden: string[];
  /** A panic (a "value was dropped" error…) that stopped the app. */
  crash?: unknown;
  /** Every request the app sent, from the network log. */
  readonly requests: readonly RequestRecord[];
}

/** The text of the element whose text starts like `re` (all of them, if several), whitespace squeezed. */
function lineOf(app: AppHandle, re: RegExp): string | undefined {
  const found = app.queryAllByText(re).map((e) => e.text.replace(/\s+/g, " ").trim());
  return found.length === 0 ? undefined : found.join(" | ");
}

function describeAnswer(r: RequestRecord): string {
  const a = r.answer;
  if (a.failure !== undefined) return `#${r.id} fails (network error)`;
  return a.status === 200 ? `#${r.id} answers "${String(a.body)}"` : `#${r.id} answers ${a.status}`;
}

/** Requests sent, delivered or aborted since the last look (`seen` keeps the state last told), as story fragments. */
function networkNews(net: { requests: readonly RequestRecord[] }, seen: Map<number, string>, now: number): string[] {
  const news: string[] = [];
  const at = (t: number | undefined) => (t === undefined || t === now ? "" : ` (at t=${t})`);
  for (const r of net.requests) {
    if (seen.get(r.id) === r.state) continue;
    if (!seen.has(r.id))
      news.push(`request #${r.id} sent${r.url === STATUS ? "" : ` to ${JSON.stringify(r.url)}`}${at(r.sentAt)}`);
    if (r.state === "delivered") news.push(`${describeAnswer(r)}${at(r.endedAt)}`);
    if (r.state === "aborted") news.push(`#${r.id} aborted${at(r.endedAt)}`);
    seen.set(r.id, r.state);
  }
  return news;
}

/**
 * Renders the learner's App, clicks its button at each of `clicks`, lets the
 * server answer with `responses` (the n-th request gets the n-th, round and
 * round), runs until `end`, and tells the story.
 */
function drive(
  ctx: PropertyContext,
  responses: readonly NetworkResponse[],
  clicks: readonly Click[],
  tail: number,
  seed: number,
  check?: (s: Sample) => string | undefined,
): Run {
  ctx.say(
    `the server: ${responses.map((r, i) => `#${i + 1} ${describeResponse(r)}`).join(", ")}${responses.length > 1 ? ", then round again" : ""}`,
  );
  const app = ctx.render(App, {
    seed,
    network: (req) => toAnswer(responses[req.index % responses.length]!, bodyOf(req.index + 1)),
  });
  const net = network(app);
  const model = new Model(responses);
  const run: Run = { samples: [], whileHidden: [], requests: net.requests };
  const trace = app.rt.trace.entries;
  const seen = new Map<number, string>();
  /** Timer deadlines the app set: the moments where something can happen. */
  const deadlines = new Set<number>();
  let screen = "";
  let traced = 0;

  const look = (t: number, click: string | undefined, extra: string[] = []): void => {
    const status = lineOf(app, /^\s*Status:/);
    const pollers = lineOf(app, /^\s*Pollers running:/);
    const toggle =
      app
        .queryAllByRole("button")
        .map((b) => b.text.replace(/\s+/g, " ").trim())
        .join(" | ") || undefined;
    const sample: Sample = {
      t,
      click,
      mount: model.shown ? model.mount : 0,
      status,
      expectedStatus: model.status,
      pollers,
      toggle,
      modelLog: model.log.slice(-6),
    };
    run.samples.push(sample);
    const now = `${pollers ?? "(no Pollers line)"} · ${status ?? "(no status)"}`;
    const news = [...(click ? [click] : []), ...networkNews(net, seen, t), ...extra];
    if (now !== screen) news.push(`screen: ${now}`);
    screen = now;
    if (news.length > 0) ctx.say(news.join(" → "));
    run.problem ??= check?.(sample);
  };

  /**
   * Reads the trace entries added since the last scan: notes timer
   * deadlines and, while the poller is hidden, anything of it that happened.
   */
  const scan = (): void => {
    for (; traced < trace.length; traced++) {
      const e = trace[traced]!;
      if (e.kind === "timer-set") {
        const at = /fires at t=(\d+)$/.exec(e.detail ?? "");
        if (at) deadlines.add(Number(at[1]));
      }
      if (model.shown || model.mount === 0) continue;
      if (e.kind === "poll")
        run.whileHidden.push(`t=${e.t}: task #${e.task} "${e.label}" was polled while the poller is hidden`);
      if (e.kind === "request")
        run.whileHidden.push(`t=${e.t}: a request was sent while the poller is hidden: ${e.detail}`);
      if (e.kind === "response")
        run.whileHidden.push(`t=${e.t}: a request was delivered while the poller is hidden: ${e.detail}`);
    }
  };

  try {
    let next = 0;
    /** When the next click happens, once known: a click "with the next tick" waits for the model to know that tick. */
    let due: number | undefined;
    /** Whether `due` was set to the instant of a correct poller's next answer or check (for the story). */
    let dueOnTick = false;
    const resolve = (): void => {
      const c = clicks[next];
      if (c === undefined || due !== undefined) return;
      const at = model.nextAt();
      if (!c.withTick || at === undefined) {
        due = c.t;
        dueOnTick = false;
      } else if (at >= c.t) {
        due = at;
        dueOnTick = true;
      }
    };
    let end = tail + (clicks.length === 0 ? 0 : clicks.at(-1)!.t);
    resolve();
    for (let t = 0; t <= end && run.problem === undefined; ) {
      app.advanceTo(t);
      model.tick(t);
      scan();
      look(t, undefined);
      while (due !== undefined && due <= t && run.problem === undefined) {
        const click = `click "${app.getByRole("button").text.trim()}"${dueOnTick ? " (in the instant a correct poller's next answer or check is due)" : ""}`;
        app.click(app.getByRole("button"));
        model.toggle(t);
        scan();
        app.runUntilIdle();
        scan();
        const extra: string[] = [];
        if (!model.shown) {
          for (const r of net.inFlight()) {
            run.whileHidden.push(
              `t=${t}: request #${r.id} is still in flight after the poller was hidden (it should be aborted at once)`,
            );
            extra.push(`request #${r.id} still in flight`);
          }
        }
        look(t, click, extra);
        next++;
        due = undefined;
        if (next === clicks.length) end = Math.max(end, t + tail);
        resolve();
      }
      resolve();
      // On to the next moment where something can happen: a click, a timer of the app, a change the model expects.
      let after = end + 1;
      for (const d of [due, model.nextAt(), ...deadlines, end]) if (d !== undefined && d > t && d < after) after = d;
      for (const d of deadlines) if (d <= t) deadlines.delete(d);
      t = after;
    }
  } catch (error) {
    // A todo() still in the poller: the board says "not started", not a failure.
    if (error instanceof LearnerError && error.kind === "NotStarted") throw error;
    // A panic stops the app. Each property still checks its own requirement on what happened until then.
    run.crash = error;
    scan();
    ctx.say(`the app stopped: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  return run;
}

/**
 * Fails with the run's problem if there is one (adding the crash, if the app
 * also crashed), else with the crash, if the app crashed while this
 * property's requirement held.
 */
function verdict(run: Run, problem = run.problem): void {
  const crash = run.crash;
  if (problem === undefined) {
    if (crash !== undefined) throw crash;
    return;
  }
  const then =
    crash === undefined ? "" : `\n\nThen the app stopped:\n${crash instanceof Error ? crash.message : String(crash)}`;
  throw new Error(`${problem}${then}`);
}

const when = (s: Sample) => `At t=${s.t}${s.click ? `, just after the ${s.click}` : ""}`;
const quoted = (s: string | undefined) => (s === undefined ? "nothing" : JSON.stringify(s));

/** A check that the status line is the model's (on the samples `keep` selects), explained with what a correct poller did. */
function statusIsRight(keep: (s: Sample) => boolean, why: (s: Sample) => string) {
  return (s: Sample): string | undefined => {
    if (!keep(s) || s.status === s.expectedStatus) return undefined;
    const did = s.modelLog.map((l) => `  ${l}`).join("\n");
    return `${when(s)}, the status line read ${quoted(s.status)}; ${why(s)} it should read ${quoted(s.expectedStatus)}.\nA correct poller, until then:\n${did}`;
  };
}

/**
 * One click of the toggle button: at time `t`, or, `withTick`, at the first
 * answer or check of the poller due at `t` or later (the same instant as a
 * tick of its loop: the request's answer, or the end of its sleep).
 */
interface Click {
  readonly t: number;
  readonly withTick: boolean;
}

const responses = fc.array(response(), { minLength: 1, maxLength: 6 });
/** Clicks: show, hide, show… (at least `minEvents` clicks, some in the same instant, some with a tick of the poller). */
const clickTimes = (minEvents: number) =>
  eventSchedule(fc.boolean(), { minEvents, maxEvents: 6, maxGap: 80 }).map((events): Click[] =>
    events.map((e) => ({ t: e.t, withTick: e.event })),
  );

property(
  `while shown, the poller asks the status server and shows "checking..." until its first answer, then each answer as it arrives, and checks again ${EVERY} ms after each answer`,
  [responses, fc.nat({ max: 30 }), runtimeSeed()],
  (ctx, rs, showAt, seed) => {
    const check = statusIsRight(
      () => true,
      (s) => (s.mount === 0 ? "with the poller hidden," : "by then"),
    );
    const run = drive(ctx, rs, [{ t: showAt, withTick: false }], 160, seed, check);
    const elsewhere = run.requests.find((r) => r.url !== STATUS);
    const wrongUrl =
      elsewhere &&
      `Each check asks the status server, GET ${STATUS} (STATUS_URL), but request #${elsewhere.id}, sent at t=${elsewhere.sentAt}, went to ${quoted(elsewhere.url)}.`;
    verdict(run, wrongUrl ?? run.problem);
  },
  { numRuns: 40 },
);

property(
  "once hidden, the poller stops at once: its request in flight is aborted, never delivered, and nothing of it runs or is sent until it is shown again",
  [responses, clickTimes(2), runtimeSeed()],
  (ctx, rs, clicks, seed) => {
    const run = drive(ctx, rs, clicks, 110, seed);
    const seen = [...new Set(run.whileHidden)];
    const listed = seen.slice(0, 4).map((w) => `  ${w}`);
    if (seen.length > 4) listed.push(`  … and ${seen.length - 4} more`);
    verdict(
      run,
      seen.length === 0 ? undefined : `Once hidden, the poller must leave nothing behind, but:\n${listed.join("\n")}`,
    );
  },
  { numRuns: 50 },
);

property(
  'the poller\'s cleanup runs exactly once each time it is hidden: "Pollers running" reads 1 while it is shown and 0 while it is hidden, and the button offers "Hide status" while it is shown, "Show status" while it is hidden',
  [responses, clickTimes(2), runtimeSeed()],
  (ctx, rs, clicks, seed) => {
    const check = (s: Sample): string | undefined => {
      const state = s.mount > 0 ? "shown" : "hidden";
      const button = s.mount > 0 ? "Hide status" : "Show status";
      if (s.toggle !== button)
        return `${when(s)}, the button read ${quoted(s.toggle)}; with the poller ${state} it should read ${quoted(button)}.`;
      const want = `Pollers running: ${s.mount > 0 ? 1 : 0}`;
      if (s.pollers === want) return undefined;
      return `${when(s)}, the screen read ${quoted(s.pollers)}; with the poller ${state} it should read ${quoted(want)}.`;
    };
    verdict(drive(ctx, rs, clicks, 110, seed, check));
  },
  { numRuns: 40 },
);

property(
  'showing the poller again starts afresh: "checking..." until its own first answer, then checks counted from #1 again',
  [responses, clickTimes(3), runtimeSeed()],
  (ctx, rs, clicks, seed) => {
    const nth = (n: number) => (n === 2 ? "2nd" : n === 3 ? "3rd" : `${n}th`);
    const check = statusIsRight(
      (s) => s.mount >= 2,
      (s) => `shown for the ${nth(s.mount)} time (a new poller),`,
    );
    verdict(drive(ctx, rs, clicks, 110, seed, check));
  },
  { numRuns: 50 },
);

/** A page of the test's own: `n` pollers side by side, each with its own toggle, all counted in one "Pollers running". */
function severalPollers(n: number): () => Child {
  return function Page(): Child {
    const running = useSignal(() => 0, "running");
    const shown = Array.from({ length: n }, (_, i) => useSignal(() => false, `shown ${i + 1}`));
    return div(
      p(`Pollers running: ${running()}`),
      ...shown.map((on, i) =>
        div(
          button({ onclick: () => on.update((v) => !v) }, `Toggle poller ${i + 1}`),
          on() ? component(StatusPoller, { running }, i) : null,
        ),
      ),
    );
  };
}

/** What a poller should show after the answers it received in this mount (from the network log). */
function lineFor(delivered: readonly RequestRecord[]): string {
  const last = delivered.at(-1);
  if (last === undefined) return CHECKING;
  const a = last.answer;
  const what = a.failure !== undefined ? "unreachable" : a.status === 200 ? String(a.body) : `error ${a.status}`;
  return `Status: ${what} (check #${delivered.length})`;
}

property(
  'several pollers on the screen at once poll on their own: each sends its first request when shown, shows only its own answers counted from #1, and "Pollers running" counts the pollers shown',
  [
    fc.integer({ min: 2, max: 3 }),
    eventSchedule(fc.nat(2), { minEvents: 2, maxEvents: 6, maxGap: 60 }),
    responses,
    runtimeSeed(),
  ],
  (ctx, n, toggles, rs, seed) => {
    const clicks = toggles.map((e) => ({ t: e.t, who: e.event % n }));
    ctx.say(
      `${n} pollers on one page; the server: ${rs.map((r, i) => `#${i + 1} ${describeResponse(r)}`).join(", ")}${rs.length > 1 ? ", then round again" : ""}`,
    );
    const app = ctx.render(severalPollers(n), {
      seed,
      network: (req) => toAnswer(rs[req.index % rs.length]!, bodyOf(req.index + 1)),
    });
    const net = network(app);
    const shown = Array.from({ length: n }, () => false);
    /** When each scope was mounted (from the trace): toggled twice in one instant, a poller is never unmounted. */
    const mountedAt = new Map<number, number>();
    /** What each scope is, from the trace ("StatusPoller (scope 2)"), to name the owner of a request. */
    const scopeName = new Map<number, string>();
    const trace = app.rt.trace.entries;
    const times = new Set<number>(clicks.map((c) => c.t));
    let traced = 0;
    const told = new Map<number, string>();
    const end = clicks.at(-1)!.t + 110;
    const problems: string[] = [];
    const lookAt = (t: number) => {
      const lines = app.queryAllByText(/^\s*Status:/);
      const on = shown.flatMap((v, i) => (v ? [i] : []));
      const pollers = lineOf(app, /^\s*Pollers running:/);
      const want = `Pollers running: ${on.length}`;
      if (pollers !== want)
        problems.push(
          `At t=${t}, with ${on.length} poller(s) shown, the screen read ${quoted(pollers)}; it should read ${quoted(want)}: each poller adds 1 when it starts and takes it back once when it goes.`,
        );
      if (lines.length !== on.length) {
        problems.push(
          `At t=${t}, ${on.length} poller(s) are shown (${on.map((i) => `#${i + 1}`).join(", ")}), but the screen has ${lines.length} status line(s): ${JSON.stringify(app.text())}.`,
        );
        return;
      }
      on.forEach((i, j) => {
        const m = { scope: lines[j]!.scope.id, at: mountedAt.get(lines[j]!.scope.id) ?? -1 };
        // Scope ids are reused after an unmount: this mount's requests are the ones sent since it mounted.
        const mine = net.requests.filter((r) => r.owner === m.scope && r.sentAt >= m.at);
        const text = lines[j]!.text.replace(/\s+/g, " ").trim();
        const expected = lineFor(
          mine.filter((r) => r.state === "delivered").sort((a, b) => a.endedAt! - b.endedAt! || a.id - b.id),
        );
        if (!mine.some((r) => r.sentAt === m.at)) {
          // Sent in that instant, but by code another scope owns (a task spawned elsewhere, or with spawnForever)?
          const others = net.requests.filter(
            (r) => r.sentAt === m.at && r.owner !== m.scope && !lines.some((l) => l.scope.id === r.owner),
          );
          const by = others.map((r) => `#${r.id} by ${scopeName.get(r.owner) ?? `scope ${r.owner}`}`).join(", ");
          problems.push(
            others.length === 0
              ? `At t=${t}, poller ${i + 1} (mounted at t=${m.at}) has sent no request since it was mounted: each poller runs its own loop, from its own mount.`
              : `At t=${t}, poller ${i + 1} (mounted at t=${m.at}) owns no request sent since it was mounted: the request(s) sent then (${by}) belong to code another scope owns, not to the poller. ` +
                  "Each poller runs its own loop, spawned from the poller itself, so that hiding it drops the loop.",
          );
        } else if (text !== expected)
          problems.push(
            `At t=${t}, poller ${i + 1} read ${quoted(text)}; after the answers to its own requests (${mine.map((r) => `#${r.id} ${r.state}`).join(", ")}) it should read ${quoted(expected)}.`,
          );
      });
    };
    clicks.forEach((c) =>
      app.at(c.t, () => {
        const i = c.who;
        ctx.say(`click "Toggle poller ${i + 1}" → poller ${i + 1} ${shown[i] ? "hidden" : "shown"}`);
        app.click({ role: "button", name: `Toggle poller ${i + 1}` });
        shown[i] = !shown[i];
      }),
    );
    let crash: unknown;
    try {
      for (let t = 0; t <= end && problems.length === 0; ) {
        app.advanceTo(t);
        for (; traced < trace.length; traced++) {
          const e = trace[traced]!;
          const at = e.kind === "timer-set" ? /fires at t=(\d+)$/.exec(e.detail ?? "") : null;
          if (at) times.add(Number(at[1]));
          if (e.kind === "mount" && e.owner !== undefined) {
            mountedAt.set(e.owner, e.t);
            if (e.detail !== undefined) scopeName.set(e.owner, e.detail);
          }
        }
        // The network's news since the last look, from its log (sent, answered, aborted), at the instant it happened.
        const news = networkNews(net, told, t);
        if (news.length > 0) ctx.say(news.join(" → "));
        lookAt(t);
        t = Math.min(end + 1, ...[...times].filter((x) => x > t));
      }
    } catch (error) {
      if (error instanceof LearnerError && error.kind === "NotStarted") throw error;
      crash = error;
    }
    if (problems.length > 0) throw new Error(problems[0]);
    if (crash !== undefined) throw crash;
  },
  { numRuns: 30 },
);

// Events that reach the app in one instant run back to back, before it re-renders (runtime/executor.ts): a
// handler that flips a value captured while rendering flips the same stale value each time.
property(
  'clicks on the button in the same instant, before the app re-renders, each flip the panel: after an even number it is as before, after an odd number it is toggled, and "Pollers running" agrees',
  [eventSchedule(fc.integer({ min: 1, max: 3 }), { minEvents: 1, maxEvents: 4, maxGap: 60 }), runtimeSeed()],
  (ctx, bursts, seed) => {
    const app = ctx.render(App, { seed, network: () => answer.ok("all good", 10) });
    let clicks = 0;
    /** Where the trace stood at the last click, to tell whether the app re-rendered since (read from the trace). */
    let lastClick: { t: number; seq: number } | undefined;
    for (const { t, event: n } of bursts) {
      for (let k = 0; k < n; k++) {
        app.at(t, () => {
          const trace = app.rt.trace.entries;
          const rendered = lastClick !== undefined && trace.slice(lastClick.seq).some((e) => e.kind === "render");
          const same =
            lastClick?.t === t
              ? rendered
                ? " (the same instant, after a re-render)"
                : " (the same instant, before any re-render)"
              : "";
          const label = app.getByRole("button").text.trim();
          app.click(app.getByRole("button"));
          clicks++;
          lastClick = { t, seq: trace.length };
          ctx.say(`click "${label}"${same}`);
        });
      }
    }
    for (const t of [...new Set(bursts.map((b) => b.t))]) {
      app.advanceTo(t);
      const shown = clicks % 2 === 1;
      const toggle = app.getByRole("button").text.trim();
      const pollers = lineOf(app, /^\s*Pollers running:/);
      const status = lineOf(app, /^\s*Status:/);
      ctx.say(`screen: button "${toggle}" · ${pollers ?? "(no Pollers line)"} · ${status ?? "(no status line)"}`);
      const state = `after ${clicks} click(s) in all the panel is ${shown ? "shown" : "hidden"}`;
      const how =
        "each click must flip the value the handler reads from the signal when it runs, not a value read while rendering";
      expect(
        toggle,
        `At t=${t}, ${state}: the button should read "${shown ? "Hide status" : "Show status"}" (${how})`,
      ).toBe(shown ? "Hide status" : "Show status");
      expect(
        status !== undefined,
        `At t=${t}, ${state}: the status line should ${shown ? "" : "not "}be on the screen (${how})`,
      ).toBe(shown);
      expect(pollers, `At t=${t}, ${state}: the screen should read "Pollers running: ${shown ? 1 : 0}"`).toBe(
        `Pollers running: ${shown ? 1 : 0}`,
      );
    }
  },
  { numRuns: 30 },
);
