/**
 * Kata 06 · Manual cancellation: the properties.
 *
 * The app is the page's request button and "Cancel Request" button. A user
 * presses them at generated virtual times; the n-th press of the request
 * button gets the n-th generated answer (latency and outcome), whenever the
 * learner's code actually sends it. The tests read the request button's
 * label, as the user would, and the network log (runtime/world/http.ts).
 *
 * Ties: when a press and the answer of the running request fall on the same
 * virtual instant, Dioxus leaves the order open (both are wake-ups queued in
 * the same turn). The model takes the order the run shows: if the request
 * was delivered at that instant (the network log says so), its answer came
 * first; otherwise the presses came first and the answer never lands.
 * Every run passes a generated runtime seed, so the orders the runtime may
 * permute are permuted too.
 *
 * Some properties mount several CancelButtons on one page, or close the
 * page, with a small host component of the test's own.
 */
import { expect } from "./support/expect.ts";
import { CancelButton, SLOW_MS } from "#kata/06-manual-cancellation";
import { button, component, div, useSignal, type Child } from "../runtime/index.ts";
import { network, type Answer, type App, type ElementHandle, type RequestRecord } from "../runtime/testing.ts";
import {
  eventSchedule,
  fc,
  latency,
  property,
  response,
  runtimeSeed,
  toAnswer,
  type NetworkResponse,
  type Outcome,
  type PropertyContext,
  type ScheduledEvent,
} from "./support/index.ts";

const START = "Click to start a request";
const RUNNING = "...";
const CANCELLED = "Request cancelled";
const NOTHING = "No request to cancel";
const CANCEL = "Cancel Request";
const CLOSE = "Close page";
/** The test's own copies of what the user sees and what the app asks: a notice or an address changed in the app shows. */
const SLOW_NOTICE = "Still waiting for httpbin.org...";
const HTTPBIN = "https://httpbin.org/delay/1";

type Press = "request" | "cancel";
/** A press on one CancelButton of the page (`who`: 0 for the first one on the screen). */
interface Action {
  readonly who: number;
  readonly press: Press;
}

/** What the label says once a request ended with `outcome`: the page checks only whether an answer came. */
function outcomeText(outcome: Outcome): string {
  return outcome === "failure" ? "failed to fetch response!" : "httpbin.org responded!";
}

function describeAnswer(r: NetworkResponse): string {
  const what =
    r.outcome === "ok" ? "answer 200" : r.outcome === "http-error" ? "answer 500" : "fail (connection reset)";
  return `${what} after ${r.latency} ms`;
}

/** How a delivered request ended, from the network log's answer. */
function describeOutcome(a: Answer): string {
  return a.failure !== undefined ? "failed (network error)" : `was answered (status ${a.status ?? 200})`;
}

/** A press of the request button: the n-th (from 1) of CancelButton `who`. */
interface Press$ {
  readonly who: number;
  readonly n: number;
}

/** The buttons that are neither "Cancel Request" nor the test's "Close page": they show the response text. */
function requestButtons(app: App): ElementHandle[] {
  return app.queryAllByRole("button").filter((b) => b.text.trim() !== CANCEL && b.text.trim() !== CLOSE);
}

/**
 * The app under a user: schedules presses at virtual times, tells them in the
 * story, and answers the n-th press of a CancelButton's request button with
 * that CancelButton's n-th answer. With `instances` > 1 or `closable`, the
 * test's own page shows that many CancelButtons (and a "Close page" button
 * that unmounts them all).
 */
function session(
  ctx: PropertyContext,
  answers: readonly (readonly NetworkResponse[])[],
  { seed, instances = 1, closable = false }: { seed: number; instances?: number; closable?: boolean },
) {
  const presses = Array.from({ length: instances }, () => 0);
  let lastPressed = 0;
  /** The press (CancelButton and its n-th press of the request button) whose click spawned each task (by task id). */
  const pressOfTask = new Map<number, Press$>();
  /** The press each request of the network log belongs to, in the order sent (the log's order). */
  const sentFor: Press$[] = [];
  const several = instances > 1;
  const name = (who: number) => (several ? `CancelButton ${"AB"[who] ?? who + 1}: ` : "");
  function Page(): Child {
    const open = useSignal(() => true, "open");
    return div(
      closable ? button({ onclick: () => open.set(false) }, CLOSE) : null,
      ...Array.from({ length: instances }, (_, i) => (open() ? div(component(CancelButton, {}, i)) : null)),
    );
  }
  /** The scope of each CancelButton, to tell whose request the network sees. */
  let scopes: number[] = [];
  const app: App = ctx.render(instances === 1 && !closable ? CancelButton : Page, {
    seed,
    // A request belongs to the press whose click spawned the task that sends
    // it, and gets that press's answer. A request sent by other code (during
    // the click itself, or by a task no click spawned) belongs to the latest
    // press of the CancelButton whose code sends it.
    network: () => {
      const task = app.rt.currentTask;
      const spawnedBy = task === undefined ? undefined : pressOfTask.get(task.id);
      const owner = scopes.indexOf(app.rt.currentOwner.id);
      const who = spawnedBy?.who ?? (owner === -1 ? lastPressed : owner);
      const press: Press$ = spawnedBy ?? { who, n: Math.max(1, presses[who]!) };
      sentFor.push(press);
      return toAnswer(answers[who]![press.n - 1]!);
    },
  });
  scopes = requestButtons(app).map((b) => b.scope.id);
  const requestButton = (who: number): ElementHandle => {
    const found = requestButtons(app);
    if (found.length !== instances) {
      throw new Error(
        `expected ${instances === 1 ? "the request button" : `${instances} request buttons`} and "${CANCEL}"; the screen has ${app.queryAllByRole("button").length} buttons: ${JSON.stringify(app.text())}`,
      );
    }
    return found[who]!;
  };
  const label = (who = 0) => requestButton(who).text.trim();
  /** Whether CancelButton `who` shows the slow notice. */
  const notice = (who = 0) => app.queryAllByText(SLOW_NOTICE).some((e) => e.scope.id === scopes[who]);
  /** Each request of the network log with the press it belongs to. */
  const log = () => network(app).requests.map((r, i) => ({ r, ...(sentFor[i] ?? { who: lastPressed, n: 0 }) }));
  /** How the story names a request of the log: by the press it belongs to, and when it was sent. */
  const requestName = (x: { r: RequestRecord; who: number; n: number }) =>
    `${name(x.who)}network: request #${x.n} (sent at t=${x.r.sentAt})`;
  /** The requests whose end the story has told (by network id). */
  const told = new Set<number>();
  /** Tells every request that ended and was not told yet, as the network log shows it. */
  const tellNetwork = () => {
    for (const x of log()) {
      if (x.r.endedAt === undefined || told.has(x.r.id)) continue;
      told.add(x.r.id);
      ctx.story.at(
        x.r.endedAt,
        `${requestName(x)} ${x.r.state === "delivered" ? describeOutcome(x.r.answer) : "was aborted"}`,
      );
    }
  };
  /** The requests delivered before the first press of CancelButton `who` at each instant (keyed `who@t`), by network id. */
  const deliveredBeforePress = new Map<string, Set<number>>();
  const press = (t: number, what: Press, who = 0) =>
    app.at(
      t,
      () => {
        tellNetwork();
        const key = `${who}@${t}`;
        if (!deliveredBeforePress.has(key))
          deliveredBeforePress.set(
            key,
            new Set(
              network(app)
                .delivered()
                .map((r) => r.id),
            ),
          );
        lastPressed = who;
        if (what === "request") {
          const n = ++presses[who]!;
          ctx.say(
            `${name(who)}press the request button → request #${n} (the server will ${describeAnswer(answers[who]![n - 1]!)})`,
          );
          const trace = app.rt.trace.entries;
          const before = trace.length;
          app.click(requestButton(who));
          for (const e of trace.slice(before))
            if (e.kind === "spawn" && e.task !== undefined) pressOfTask.set(e.task, { who, n });
        } else {
          ctx.say(`${name(who)}press "${CANCEL}"`);
          app.click(app.queryAllByRole("button", { name: CANCEL })[who] ?? { role: "button", name: CANCEL });
        }
      },
      what === "request" ? "press the request button" : `press "${CANCEL}"`,
    );
  const show = (who = 0) => {
    tellNetwork();
    const shown = label(who);
    ctx.say(`${name(who)}the button shows "${shown}"${notice(who) ? ` and "${SLOW_NOTICE}"` : ""}`);
    return shown;
  };
  /** The requests CancelButton `who` sent (the press each belongs to), from the network log. */
  const sentBy = (who: number) => log().filter((x) => x.who === who);
  /** Whether press #n of CancelButton `who` had its request delivered at `t` before the user's first press of that CancelButton at `t`. */
  const deliveredBefore = (who: number, n: number, t: number) =>
    sentBy(who).some(
      (x) => x.n === n && x.r.endedAt === t && deliveredBeforePress.get(`${who}@${t}`)?.has(x.r.id) === true,
    );
  return {
    app,
    press,
    show,
    label,
    notice,
    sentBy,
    requestName,
    tellNetwork,
    deliveredBefore,
    name,
    presses: (who = 0) => presses[who]!,
    scopes: () => scopes,
  };
}

interface Request {
  readonly n: number;
  readonly startedAt: number;
  readonly answerAt: number;
  readonly outcome: Outcome;
  /** When the user's press cancelled it, if it was cancelled. */
  cancelledAt?: number;
  /** The newer request that replaced it, if a press of the request button did. */
  replacedBy?: number;
}

interface Step {
  readonly t: number;
  /** What the label must say once everything at time t happened. */
  readonly label: string;
  /** Why, in the user's terms. */
  readonly why: string;
  /** Whether the slow notice must show, and why. */
  readonly notice: boolean;
  readonly noticeWhy: string;
  /** Whether a request is running once everything at time t happened. */
  readonly running: boolean;
  /** What the model knows happened at t, for the story. */
  readonly notes: string[];
}

/**
 * The model of what the user did to one CancelButton, and of what it must show
 * after it. It knows nothing of tasks or signals: only presses and answers.
 *   - Pressing the request button starts request #n; the label says "...".
 *     A request still running is replaced: it is cancelled, its answer never lands.
 *   - Pressing Cancel while a request runs cancels it: "Request cancelled".
 *     With nothing running (none yet, already answered, already cancelled):
 *     "No request to cancel".
 *   - When the running request answers, the label shows its outcome and
 *     nothing is running any more.
 *   - The slow notice shows while a request has run SLOW_MS or more.
 *   - At one instant, the presses come first, then the answer, unless
 *     `answeredFirst` says the run delivered the answer before them.
 */
class Model {
  readonly requests: Request[] = [];
  readonly times: number[];
  #shown = START;
  #why = "nothing was pressed yet";
  #running: Request | undefined;
  /** The request that ran last, once it ended: how a Cancel with nothing running is explained. */
  #ended: Request | undefined;
  #started = 0;

  constructor(
    readonly events: readonly ScheduledEvent<Press>[],
    answers: readonly NetworkResponse[],
  ) {
    for (const e of events) {
      if (e.event !== "request") continue;
      const r = answers[this.requests.length]!;
      this.requests.push({
        n: this.requests.length + 1,
        startedAt: e.t,
        answerAt: e.t + r.latency,
        outcome: r.outcome,
      });
    }
    const all = [...events.map((e) => e.t), ...this.requests.flatMap((r) => [r.answerAt, r.startedAt + SLOW_MS])];
    this.times = [...new Set(all)].sort((a, b) => a - b);
  }

  #answer(notes: string[]): void {
    const r = this.#running!;
    notes.push(`request #${r.n}'s answer is due now, and no press cancelled or replaced it`);
    this.#shown = outcomeText(r.outcome);
    this.#why = `request #${r.n}'s answer (${r.outcome === "failure" ? "a network failure" : `status ${r.outcome === "ok" ? 200 : 500}`}) was due at t=${r.answerAt}, and no press cancelled or replaced it`;
    this.#ended = r;
    this.#running = undefined;
  }

  /** Everything at time `t` (call with increasing t). */
  at(t: number, answeredFirst: (r: Request) => boolean): Step {
    const notes: string[] = [];
    const presses = this.events.filter((x) => x.t === t);
    if (
      presses.length > 0 &&
      this.#running !== undefined &&
      this.#running.answerAt === t &&
      answeredFirst(this.#running)
    ) {
      this.#answer(notes);
      notes.push("(the answer came before the presses of this instant)");
    }
    for (const e of presses) {
      const running = this.#running;
      if (e.event === "request") {
        const next = this.requests[this.#started++]!;
        if (running !== undefined) (running.cancelledAt = t), (running.replacedBy = next.n);
        this.#running = next;
        this.#shown = RUNNING;
        this.#why = `request #${next.n} (pressed at t=${next.startedAt}) is due to answer only at t=${next.answerAt}`;
      } else if (running !== undefined) {
        running.cancelledAt = t;
        this.#why = `request #${running.n} (pressed at t=${running.startedAt}) was due to answer only at t=${running.answerAt}, so Cancel Request cancels it`;
        this.#ended = running;
        this.#running = undefined;
        this.#shown = CANCELLED;
      } else {
        const ended = this.#ended;
        this.#shown = NOTHING;
        this.#why =
          ended === undefined
            ? "no request was started yet"
            : ended.cancelledAt !== undefined
              ? `the user already ${ended.replacedBy === undefined ? "cancelled" : `replaced`} request #${ended.n} at t=${ended.cancelledAt}, so nothing is running`
              : `request #${ended.n}'s answer was due at t=${ended.answerAt}, before this press, so nothing is running`;
      }
    }
    if (this.#running !== undefined && this.#running.answerAt <= t) this.#answer(notes);
    for (const r of this.requests) {
      if (r.cancelledAt === undefined || r.answerAt !== t) continue;
      const how =
        r.replacedBy === undefined
          ? `pressed "${CANCEL}"`
          : `pressed the request button again (request #${r.replacedBy})`;
      notes.push(`request #${r.n}'s answer is due now, but the user ${how} at t=${r.cancelledAt}: it must not land`);
    }
    const running = this.#running;
    const ran = running === undefined ? 0 : t - running.startedAt;
    const notice = running !== undefined && ran >= SLOW_MS;
    const noticeWhy =
      running === undefined
        ? `no request should be running now (${this.#why})`
        : notice
          ? `request #${running.n} was pressed ${ran} ms ago and is due to answer only at t=${running.answerAt}`
          : `request #${running.n} was pressed only ${ran} ms ago`;
    return { t, label: this.#shown, why: this.#why, notice, noticeWhy, running: running !== undefined, notes };
  }
}

/**
 * Drives the app through the models' steps (one model per CancelButton),
 * checking each label (and, with `notice`, the slow notice) at each step,
 * and a while after the last. With `notice` and one CancelButton, also that
 * no task of the app is left alive at a step where no request runs (the
 * request task and its notice task both ended).
 */
function checkAgainstModel(
  ctx: PropertyContext,
  actions: readonly ScheduledEvent<Action>[],
  answers: readonly (readonly NetworkResponse[])[],
  { seed, notice = false }: { seed: number; notice?: boolean },
) {
  const instances = answers.length;
  const s = session(ctx, answers, { seed, instances });
  for (const e of actions) s.press(e.t, e.event.press, e.event.who);
  const models = answers.map(
    (a, who) =>
      new Model(
        actions.filter((e) => e.event.who === who).map((e) => ({ t: e.t, event: e.event.press })),
        a,
      ),
  );
  const times = [...new Set(models.flatMap((m) => m.times))].sort((a, b) => a - b);
  const last = models.map(() => ({ label: START, notice: false }));
  for (const t of times) {
    s.app.advanceTo(t);
    // What the network really did up to t, from its log.
    s.tellNetwork();
    models.forEach((m, who) => {
      if (!m.times.includes(t)) return;
      // The run says whether the answer due now came before the user's presses of this instant.
      const step = m.at(t, (r) => s.deliveredBefore(who, r.n, t));
      for (const note of step.notes) ctx.say(`${s.name(who)}${note}`);
      const shown = s.show(who);
      expect(
        shown,
        `at t=${t} ${instances > 1 ? `the request button of ${s.name(who).slice(0, -2)}` : "the button"} should show "${step.label}": ${step.why}`,
      ).toBe(step.label);
      if (notice)
        expect(
          s.notice(who),
          `at t=${t} "${SLOW_NOTICE}" should ${step.notice ? "" : "not "}be on the screen${instances > 1 ? ` of ${s.name(who).slice(0, -2)}` : ""}: ${step.noticeWhy}`,
        ).toBe(step.notice);
      if (notice && instances === 1 && !step.running) {
        const alive = s.app.rt.liveTasks().map((task) => `${task}`);
        if (alive.length > 0) ctx.say(`still alive: ${alive.join(", ")}`);
        expect(
          alive,
          `at t=${t} no request should be running (${step.why}), so no task should be left: a notice task still alive would wake up later for nothing; stop it in the request task's drop guard (notice.cancel()), do not leave it to check a flag`,
        ).toEqual([]);
      }
      last[who] = { label: step.label, notice: step.notice };
    });
  }
  s.app.advance(200);
  last.forEach((l, who) => {
    const shown = s.label(who);
    if (shown !== l.label || s.notice(who) !== l.notice) s.show(who);
    expect(
      shown,
      `once everything is over, ${instances > 1 ? `${s.name(who).slice(0, -2)}` : "the button"} should still show "${l.label}"`,
    ).toBe(l.label);
    if (notice)
      expect(
        s.notice(who),
        `once everything is over, "${SLOW_NOTICE}" should ${l.notice ? "still" : "not"} be on the screen: nothing runs any more`,
      ).toBe(l.notice);
  });
  return { ...s, models };
}

/** One CancelButton's schedule as actions. */
const alone = (events: readonly ScheduledEvent<Press>[]): ScheduledEvent<Action>[] =>
  events.map((e) => ({ t: e.t, event: { who: 0, press: e.event } }));

// Task::cancel drops the future at once (Dioxus docs, "Manual Cancellation"); dropping a request aborts it.
property(
  `Cancel Request before the answer shows "${CANCELLED}", aborts the request, and its answer never reaches the screen`,
  [
    latency({ max: 30 }),
    fc.tuple(response({ latency: { min: 1 } }), fc.nat(99)).map(([r, x]) => ({ answer: r, after: x % r.latency })),
    runtimeSeed(),
  ],
  (ctx, startAt, { answer, after }, seed) => {
    const s = session(ctx, [[answer]], { seed });
    s.press(startAt, "request");
    s.press(startAt + after, "cancel");
    s.app.advanceTo(startAt + after);
    expect(s.show(), `right after "${CANCEL}" the button should show "${CANCELLED}"`).toBe(CANCELLED);
    s.app.advanceTo(startAt + answer.latency);
    s.tellNetwork();
    ctx.say(
      `request #1's answer is due now, but the user pressed "${CANCEL}" at t=${startAt + after}: it must not land`,
    );
    expect(s.show(), `the answer of request #1 must not land: "${CANCEL}" was pressed before it`).toBe(CANCELLED);
    s.app.advance(200);
    s.tellNetwork();
    const net = network(s.app);
    if (net.requests.length === 0)
      ctx.say("network: no request was ever sent (request #1 was cancelled before its task first ran)");
    for (const r of net.inFlight()) ctx.say(`network: the request sent at t=${r.sentAt} is still in flight`);
    const when = (rs: readonly RequestRecord[]) => rs.map((r) => `sent at t=${r.sentAt}`);
    expect(
      when(net.delivered()),
      "a cancelled request must not deliver its answer: cancel() must drop the task that awaits it",
    ).toEqual([]);
    expect(when(net.inFlight()), "a cancelled request must not stay in flight").toEqual([]);
    expect(s.label(), `200 ms later, the button should still show "${CANCELLED}"`).toBe(CANCELLED);
  },
  { numRuns: 25 },
);

property(
  `Cancel Request with nothing running shows "${NOTHING}": before any request, and when pressed again after a cancel`,
  [
    fc.array(fc.nat(20), { maxLength: 2 }),
    response({ latency: { min: 1 } }),
    fc.nat(99),
    fc.array(fc.nat(20), { minLength: 1, maxLength: 3 }),
    runtimeSeed(),
  ],
  (ctx, before, answer, afterRaw, again, seed) => {
    const s = session(ctx, [[answer]], { seed });
    let t = 0;
    for (const gap of before) {
      t += gap;
      s.press(t, "cancel");
      s.app.advanceTo(t);
      expect(s.show(), "with no request started yet, there is nothing to cancel").toBe(NOTHING);
    }
    const cancelAt = t + (afterRaw % answer.latency);
    s.press(t, "request");
    s.press(cancelAt, "cancel");
    s.app.advanceTo(cancelAt);
    expect(s.show(), `request #1 was still due to answer at t=${t + answer.latency}, so "${CANCEL}" cancels it`).toBe(
      CANCELLED,
    );
    t = cancelAt;
    for (const gap of again) {
      t += gap;
      s.press(t, "cancel");
      s.app.advanceTo(t);
      expect(
        s.show(),
        `the user already cancelled request #1 at t=${cancelAt}: nothing is running, so there is nothing to cancel`,
      ).toBe(NOTHING);
    }
  },
  { numRuns: 25 },
);

property(
  `a request that has answered is finished, not running: Cancel Request afterwards shows "${NOTHING}" (not "${CANCELLED}", as the page's example would)`,
  [
    fc.array(fc.tuple(response(), fc.integer({ min: 1, max: 30 })), { minLength: 1, maxLength: 3 }),
    fc.nat(2),
    runtimeSeed(),
  ],
  (ctx, rounds, extraPresses, seed) => {
    const s = session(ctx, [rounds.map(([r]) => r)], { seed });
    let t = 0;
    for (const [r, gap] of rounds) {
      s.press(t, "request");
      s.app.advanceTo(t + r.latency);
      ctx.say(`request #${s.presses()}'s answer is due now`);
      expect(
        s.show(),
        `request #${s.presses()}'s answer is due now, and no press cancelled it: it should be on the screen`,
      ).toBe(outcomeText(r.outcome));
      t += r.latency + gap;
    }
    for (let i = 0; i <= extraPresses; i++) {
      s.press(t + i, "cancel");
      s.app.advanceTo(t + i);
      expect(
        s.show(),
        `every request's answer was due before this press, and no press cancelled any, so "${CANCEL}" has nothing to cancel`,
      ).toBe(NOTHING);
    }
  },
  { numRuns: 25 },
);

property(
  "pressing the request button while a request runs cancels it and starts a new one: never two requests in flight, and a replaced request never delivers",
  [
    eventSchedule(fc.constant<Press>("request"), { minEvents: 2, maxEvents: 5, maxGap: 40 }),
    fc.array(response({ latency: { max: 60 } }), { minLength: 5, maxLength: 5 }),
    runtimeSeed(),
  ],
  (ctx, events, answers, seed) => {
    const s = checkAgainstModel(ctx, alone(events), [answers], { seed });
    const net = network(s.app);
    ctx.say(
      `network: at most ${net.maxInFlight} request(s) were in flight at once; ${net.delivered().length} delivered, ${net.aborted().length} aborted`,
    );
    expect(
      net.maxInFlight,
      "a new request must cancel the running one first: two requests in flight race each other",
    ).toBeLessThanOrEqual(1);
    const answered = s.models[0]!.requests.filter((r) => r.cancelledAt === undefined).length;
    expect(
      net.delivered().length,
      `only the ${answered} request(s) not replaced by a newer press may deliver an answer`,
    ).toBe(answered);
  },
  { numRuns: 30 },
);

property(
  `whatever the user presses, and whenever, the label follows the model: "..." while a request (GET ${HTTPBIN}) runs, its outcome once it answers, the cancel texts on Cancel Request`,
  [
    eventSchedule(fc.constantFrom<Press>("request", "cancel"), { maxEvents: 6, maxGap: 40 }),
    fc.array(response({ latency: { max: 60 } }), { minLength: 6, maxLength: 6 }),
    runtimeSeed(),
  ],
  (ctx, events, answers, seed) => {
    const s = checkAgainstModel(ctx, alone(events), [answers], { seed });
    const net = network(s.app);
    const elsewhere = net.requests.find((r) => r.url !== HTTPBIN);
    if (elsewhere !== undefined)
      ctx.say(`network: the request sent at t=${elsewhere.sentAt} went to ${JSON.stringify(elsewhere.url)}`);
    expect(
      elsewhere?.url ?? HTTPBIN,
      `every press of the request button asks GET ${HTTPBIN}, as on the page, but the request sent at t=${elsewhere?.sentAt} went elsewhere`,
    ).toBe(HTTPBIN);
    for (const r of net.inFlight()) ctx.say(`network: the request sent at t=${r.sentAt} is still in flight`);
    expect(
      net.inFlight().map((r) => `sent at t=${r.sentAt}`),
      "once everything is over, no request may still be in flight",
    ).toEqual([]);
  },
  { numRuns: 50 },
);

// Dioxus: `spawn` inside a task asks the current scope for the owner (packages/core/src/global_context.rs
// `spawn` → scope_context.rs `Scope::spawn`; tasks.rs polls a task with its scope on the stack), and
// `Task::cancel` removes that one task only (tasks.rs `remove_task`): an inner task outlives a cancelled outer one.
property(
  `a request still running ${SLOW_MS} ms after its press shows "${SLOW_NOTICE}", and the notice goes for good, its task stopped, once the request answers, is replaced or is cancelled (cancelling the request task does not cancel the notice task spawned inside it)`,
  [
    eventSchedule(fc.constantFrom<Press>("request", "request", "cancel"), { maxEvents: 5, maxGap: 70 }),
    fc.array(response({ latency: { max: 130 } }), { minLength: 5, maxLength: 5 }),
    runtimeSeed(),
  ],
  (ctx, events, answers, seed) => {
    checkAgainstModel(ctx, alone(events), [answers], { seed, notice: true });
  },
  { numRuns: 50 },
);

property(
  "two CancelButtons on one page are independent: each one's presses start, replace and cancel only its own request, and each label follows its own presses",
  [
    eventSchedule(fc.record({ who: fc.nat(1), press: fc.constantFrom<Press>("request", "request", "cancel") }), {
      minEvents: 2,
      maxEvents: 7,
      maxGap: 30,
    }),
    fc.tuple(
      fc.array(response({ latency: { max: 60 } }), { minLength: 7, maxLength: 7 }),
      fc.array(response({ latency: { max: 60 } }), { minLength: 7, maxLength: 7 }),
    ),
    runtimeSeed(),
  ],
  (ctx, actions, answers, seed) => {
    const s = checkAgainstModel(ctx, actions, answers, { seed, notice: true });
    const inFlight = s
      .sentBy(0)
      .concat(s.sentBy(1))
      .filter((x) => x.r.state === "in-flight");
    for (const x of inFlight) ctx.say(`${s.requestName(x)} is still in flight`);
    expect(
      inFlight.map((x) => `${s.name(x.who)}request #${x.n}`),
      "once everything is over, no request of either CancelButton may still be in flight",
    ).toEqual([]);
  },
  { numRuns: 40 },
);

// Dioxus drops every task of a scope when it unmounts (packages/core/src/runtime.rs `remove_scope`),
// inner tasks included: they belong to the scope, not to the task that spawned them.
property(
  "closing the page while a request runs drops its tasks with the component: the request is aborted, its answer never lands, and nothing of it runs again",
  [
    eventSchedule(fc.constantFrom<Press>("request", "request", "cancel"), { minEvents: 1, maxEvents: 3, maxGap: 40 }),
    fc.array(response({ latency: { min: 1, max: 120 } }), { minLength: 3, maxLength: 3 }),
    fc.nat(130),
    runtimeSeed(),
  ],
  (ctx, events, answers, closeAfter, seed) => {
    const s = session(ctx, [answers], { seed, closable: true });
    for (const e of events) s.press(e.t, e.event);
    const closeAt = events.at(-1)!.t + closeAfter;
    const trace = s.app.rt.trace.entries;
    let closedAt = -1;
    s.app.at(
      closeAt,
      () => {
        ctx.say(`press "${CLOSE}": the CancelButton unmounts`);
        s.app.click({ role: "button", name: CLOSE });
        closedAt = trace.length;
      },
      `press "${CLOSE}"`,
    );
    let crash: unknown;
    try {
      s.app.advanceTo(closeAt);
      s.tellNetwork();
      const inFlight = s.sentBy(0).filter((x) => x.r.state === "in-flight");
      for (const x of inFlight) ctx.say(`${s.requestName(x)} is still in flight after the close`);
      expect(
        inFlight.map((x) => `request #${x.n} (sent at t=${x.r.sentAt})`),
        "closing the page must abort the request in flight: its task belongs to the CancelButton, which is gone",
      ).toEqual([]);
      s.app.advance(200);
    } catch (error) {
      if (!(error instanceof Error) || error.name === "AssertionError") throw error;
      crash = error;
      ctx.say(`the app stopped: ${error.message.split("\n")[0]}`);
    }
    const after = trace
      .slice(closedAt)
      .filter((e) => e.kind === "poll" || e.kind === "response" || e.kind === "request");
    for (const e of after.slice(0, 3))
      ctx.say(
        `after the close: ${e.kind} ${e.task === undefined ? "" : `of task #${e.task} "${e.label}"`}${e.detail ? ` (${e.detail})` : ""}`,
      );
    const what = after
      .map((e) => `t=${e.t}: ${e.kind}${e.task === undefined ? "" : ` of task #${e.task} "${e.label}"`}`)
      .slice(0, 4);
    expect(
      what,
      "once the CancelButton is closed, none of its tasks may run again, and no request may be sent or delivered",
    ).toEqual([]);
    if (crash !== undefined) throw crash;
  },
  { numRuns: 40 },
);
