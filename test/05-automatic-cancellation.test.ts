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
import { App } from "#kata/05-automatic-cancellation";
import { LearnerError, network, type App as AppHandle, type RequestRecord } from "../runtime/index.ts";
import { describeResponse, eventSchedule, fc, property, response, toAnswer, type NetworkResponse, type PropertyContext } from "./support/index.ts";

const EVERY = 50;
const CHECKING = "Status: checking...";

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

/**
 * Renders the learner's App, clicks its button at each of `clicks`, lets the
 * server answer with `responses` (the n-th request gets the n-th, round and
 * round), runs until `end`, and tells the story.
 */
function drive(
  ctx: PropertyContext,
  responses: readonly NetworkResponse[],
  clicks: readonly number[],
  end: number,
  check?: (s: Sample) => string | undefined,
): Run {
  ctx.say(`the server: ${responses.map((r, i) => `#${i + 1} ${describeResponse(r)}`).join(", ")}${responses.length > 1 ? ", then round again" : ""}`);
  const app = ctx.render(App, {
    network: (req) => toAnswer(responses[req.index % responses.length]!, bodyOf(req.index + 1)),
  });
  const net = network(app);
  const model = new Model(responses);
  const run: Run = { samples: [], whileHidden: [] };
  const trace = app.rt.trace.entries;
  const seen = new Map<number, string>();
  /** Timer deadlines the app set: the moments where something can happen. */
  const deadlines = new Set<number>();
  let screen = "";
  let traced = 0;

  /** Requests sent, delivered or aborted since the last look, as story fragments. */
  const networkNews = (): string[] => {
    const news: string[] = [];
    for (const r of net.requests) {
      if (seen.get(r.id) === r.state) continue;
      if (!seen.has(r.id)) news.push(`request #${r.id} sent`);
      if (r.state === "delivered") news.push(describeAnswer(r));
      if (r.state === "aborted") news.push(`#${r.id} aborted`);
      seen.set(r.id, r.state);
    }
    return news;
  };

  const look = (t: number, click: string | undefined, extra: string[] = []): void => {
    const status = lineOf(app, /^\s*Status:/);
    const pollers = lineOf(app, /^\s*Pollers running:/);
    const sample: Sample = { t, click, mount: model.shown ? model.mount : 0, status, expectedStatus: model.status, pollers, modelLog: model.log.slice(-6) };
    run.samples.push(sample);
    const now = `${pollers ?? "(no Pollers line)"} · ${status ?? "(no status)"}`;
    const news = [...(click ? [click] : []), ...networkNews(), ...extra];
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
      if (e.kind === "poll") run.whileHidden.push(`t=${e.t}: task #${e.task} "${e.label}" was polled while the poller is hidden`);
      if (e.kind === "request") run.whileHidden.push(`t=${e.t}: a request was sent while the poller is hidden: ${e.detail}`);
      if (e.kind === "response") run.whileHidden.push(`t=${e.t}: a request was delivered while the poller is hidden: ${e.detail}`);
    }
  };

  try {
    let next = 0;
    for (let t = 0; t <= end && run.problem === undefined; ) {
      app.advanceTo(t);
      model.tick(t);
      scan();
      look(t, undefined);
      while (next < clicks.length && clicks[next]! <= t && run.problem === undefined) {
        const click = `click "${app.getByRole("button").text.trim()}"`;
        app.click(app.getByRole("button"));
        model.toggle(t);
        scan();
        app.runUntilIdle();
        scan();
        const extra: string[] = [];
        if (!model.shown) {
          for (const r of net.inFlight()) {
            run.whileHidden.push(`t=${t}: request #${r.id} is still in flight after the poller was hidden (it should be aborted at once)`);
            extra.push(`request #${r.id} still in flight`);
          }
        }
        look(t, click, extra);
        next++;
      }
      // On to the next moment where something can happen: a click, a timer of the app, a change the model expects.
      let after = end + 1;
      for (const d of [clicks[next], model.nextAt(), ...deadlines, end]) if (d !== undefined && d > t && d < after) after = d;
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
  const then = crash === undefined ? "" : `\n\nThen the app stopped:\n${crash instanceof Error ? crash.message : String(crash)}`;
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

const responses = fc.array(response(), { minLength: 1, maxLength: 6 });
/** Click times: show, hide, show… (at least `minEvents` clicks, some in the same instant). */
const clickTimes = (minEvents: number) =>
  eventSchedule(fc.constant("toggle"), { minEvents, maxEvents: 6, maxGap: 80 }).map((events) => events.map((e) => e.t));

property(
  `while shown, the poller shows "checking..." until its first answer, then each answer as it arrives, and checks again ${EVERY} ms after each answer`,
  [responses, fc.nat({ max: 30 })],
  (ctx, rs, showAt) => {
    const check = statusIsRight(() => true, (s) => (s.mount === 0 ? "with the poller hidden," : "by then"));
    verdict(drive(ctx, rs, [showAt], showAt + 160, check));
  },
  { numRuns: 40 },
);

property(
  "once hidden, the poller stops at once: its request in flight is aborted, never delivered, and nothing of it runs or is sent until it is shown again",
  [responses, clickTimes(2)],
  (ctx, rs, clicks) => {
    const run = drive(ctx, rs, clicks, clicks.at(-1)! + 110);
    const seen = [...new Set(run.whileHidden)];
    const listed = seen.slice(0, 4).map((w) => `  ${w}`);
    if (seen.length > 4) listed.push(`  … and ${seen.length - 4} more`);
    verdict(run, seen.length === 0 ? undefined : `Once hidden, the poller must leave nothing behind, but:\n${listed.join("\n")}`);
  },
  { numRuns: 50 },
);

property(
  'the poller\'s cleanup runs exactly once each time it is hidden: "Pollers running" reads 1 while it is shown and 0 while it is hidden',
  [responses, clickTimes(2)],
  (ctx, rs, clicks) => {
    const check = (s: Sample): string | undefined => {
      const want = `Pollers running: ${s.mount > 0 ? 1 : 0}`;
      if (s.pollers === want) return undefined;
      return `${when(s)}, the screen read ${quoted(s.pollers)}; with the poller ${s.mount > 0 ? "shown" : "hidden"} it should read ${quoted(want)}.`;
    };
    verdict(drive(ctx, rs, clicks, clicks.at(-1)! + 110, check));
  },
  { numRuns: 40 },
);

property(
  'showing the poller again starts afresh: "checking..." until its own first answer, then checks counted from #1 again',
  [responses, clickTimes(3)],
  (ctx, rs, clicks) => {
    const nth = (n: number) => (n === 2 ? "2nd" : n === 3 ? "3rd" : `${n}th`);
    const check = statusIsRight((s) => s.mount >= 2, (s) => `shown for the ${nth(s.mount)} time (a new poller),`);
    verdict(drive(ctx, rs, clicks, clicks.at(-1)! + 110, check));
  },
  { numRuns: 50 },
);
