/**
 * Kata 06 · Manual cancellation: the properties.
 *
 * The app is the page's request button and "Cancel Request" button. A user
 * presses them at generated virtual times; the n-th press of the request
 * button gets the n-th generated answer (latency and outcome), whenever the
 * learner's code actually sends it. The tests read the request button's
 * label, as the user would, and the network log (runtime/world/http.ts).
 *
 * One rule of the reference runtime matters for ties: everything the user
 * does at virtual time t happens before a request answering at t is read
 * (user events are timers scheduled first, and a timer only wakes the task
 * that reads the answer). So a Cancel pressed at the very instant the answer
 * arrives still cancels.
 */
import { expect } from "vitest";
import { CancelButton } from "#kata/06-manual-cancellation";
import { network, type App, type ElementHandle } from "../runtime/index.ts";
import {
  eventSchedule,
  fc,
  latency,
  property,
  response,
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

type Press = "request" | "cancel";

/** What the label says once a request ended with `outcome`: the page checks only whether an answer came. */
function outcomeText(outcome: Outcome): string {
  return outcome === "failure" ? "failed to fetch response!" : "httpbin.org responded!";
}

function describeAnswer(r: NetworkResponse): string {
  const what = r.outcome === "ok" ? "answers 200" : r.outcome === "http-error" ? "answers 500" : "fails (connection reset)";
  return `${what} after ${r.latency} ms`;
}

/** The button that is not "Cancel Request": it shows the response text. */
function requestButton(app: App): ElementHandle {
  const found = app.queryAllByRole("button").filter((b) => b.text.trim() !== CANCEL);
  if (found.length !== 1) {
    throw new Error(`expected the request button and the "${CANCEL}" button; the screen has ${found.length + 1} buttons: ${JSON.stringify(app.text())}`);
  }
  return found[0]!;
}

function label(app: App): string {
  return requestButton(app).text.trim();
}

/**
 * The app under a user: schedules presses at virtual times, tells them in the
 * story, and answers the n-th press of the request button with `answers[n-1]`.
 */
function session(ctx: PropertyContext, answers: readonly NetworkResponse[]) {
  let presses = 0;
  const app = ctx.render(CancelButton, {
    // The request sent now belongs to the latest press of the request button:
    // whether the code sends it during the click or at the task's first poll,
    // it is sent at the same instant, after every press at that instant.
    network: () => toAnswer(answers[Math.max(0, presses - 1)]!),
  });
  const press = (t: number, what: Press) =>
    app.at(
      t,
      () => {
        if (what === "request") {
          presses++;
          ctx.say(`press the request button → request #${presses} (${describeAnswer(answers[presses - 1]!)})`);
          app.click(requestButton(app));
        } else {
          ctx.say(`press "${CANCEL}"`);
          app.click({ role: "button", name: CANCEL });
        }
      },
      what === "request" ? "press the request button" : `press "${CANCEL}"`,
    );
  const show = () => {
    const shown = label(app);
    ctx.say(`the button shows "${shown}"`);
    return shown;
  };
  return { app, press, show, presses: () => presses };
}

interface Request {
  readonly n: number;
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
  /** What the model knows happened at t, for the story. */
  readonly notes: string[];
}

/**
 * The model of what the user did, and of what the label must say after it.
 * It knows nothing of tasks or signals: only presses and answers.
 *   - Pressing the request button starts request #n; the label says "...".
 *     A request still running is replaced: it is cancelled, its answer never lands.
 *   - Pressing Cancel while a request runs cancels it: "Request cancelled".
 *     With nothing running (none yet, already answered, already cancelled):
 *     "No request to cancel".
 *   - When the running request answers, the label shows its outcome and
 *     nothing is running any more.
 *   - At one instant, the presses come first, then the answer.
 */
function model(events: readonly ScheduledEvent<Press>[], answers: readonly NetworkResponse[]): { steps: Step[]; requests: Request[] } {
  const requests: Request[] = [];
  for (const e of events) {
    if (e.event !== "request") continue;
    const r = answers[requests.length]!;
    requests.push({ n: requests.length + 1, answerAt: e.t + r.latency, outcome: r.outcome });
  }
  const times = [...new Set([...events.map((e) => e.t), ...requests.map((r) => r.answerAt)])].sort((a, b) => a - b);
  let shown = START;
  let why = "nothing was pressed yet";
  let running: Request | undefined;
  /** The request that ran last, once it ended: how a Cancel with nothing running is explained. */
  let ended: Request | undefined;
  let started = 0;
  const steps: Step[] = [];
  for (const t of times) {
    const notes: string[] = [];
    for (const e of events.filter((x) => x.t === t)) {
      if (e.event === "request") {
        const next = requests[started++]!;
        if (running !== undefined) (running.cancelledAt = t), (running.replacedBy = next.n);
        running = next;
        shown = RUNNING;
        why = `request #${next.n} is running`;
      } else if (running !== undefined) {
        running.cancelledAt = t;
        why = `request #${running.n} was running, so Cancel Request cancels it`;
        ended = running;
        running = undefined;
        shown = CANCELLED;
      } else {
        shown = NOTHING;
        why =
          ended === undefined ? "no request was started yet"
          : ended.cancelledAt !== undefined ? `request #${ended.n} was already cancelled, so nothing is running`
          : `request #${ended.n} had already answered, so nothing is running`;
      }
    }
    if (running !== undefined && running.answerAt <= t) {
      notes.push(`request #${running.n} answers`);
      shown = outcomeText(running.outcome);
      why = `request #${running.n} ${running.outcome === "failure" ? "failed (network error)" : `answered ${running.outcome === "ok" ? 200 : 500}`}`;
      ended = running;
      running = undefined;
    }
    for (const r of requests) {
      if (r.cancelledAt === undefined || r.answerAt !== t) continue;
      const how = r.replacedBy === undefined ? "cancelled" : `replaced by request #${r.replacedBy}`;
      notes.push(`request #${r.n} is due now, but it was ${how} at t=${r.cancelledAt}: its answer must not land`);
    }
    steps.push({ t, label: shown, why, notes });
  }
  return { steps, requests };
}

/** Drives the app through the model's steps, checking the label at each one, and a while after the last. */
function checkAgainstModel(ctx: PropertyContext, events: readonly ScheduledEvent<Press>[], answers: readonly NetworkResponse[]) {
  const s = session(ctx, answers);
  for (const e of events) s.press(e.t, e.event);
  const { steps, requests } = model(events, answers);
  let last = START;
  for (const step of steps) {
    s.app.advanceTo(step.t);
    for (const note of step.notes) ctx.say(note);
    const shown = s.show();
    expect(shown, `at t=${step.t} the button should show "${step.label}": ${step.why}`).toBe(step.label);
    last = step.label;
  }
  s.app.advance(200);
  const shown = label(s.app);
  if (shown !== last) ctx.say(`the button shows "${shown}"`);
  expect(shown, `once everything is over, the button should still show "${last}"`).toBe(last);
  return { ...s, requests };
}

// Task::cancel drops the future at once (Dioxus docs, "Manual Cancellation"); dropping a request aborts it.
property(
  `Cancel Request before the answer shows "${CANCELLED}", aborts the request, and its answer never reaches the screen`,
  [latency({ max: 30 }), fc.tuple(response({ latency: { min: 1 } }), fc.nat(99)).map(([r, x]) => ({ answer: r, after: x % r.latency }))],
  (ctx, startAt, { answer, after }) => {
    const s = session(ctx, [answer]);
    s.press(startAt, "request");
    s.press(startAt + after, "cancel");
    s.app.advanceTo(startAt + after);
    expect(s.show(), `right after "${CANCEL}" the button should show "${CANCELLED}"`).toBe(CANCELLED);
    s.app.advanceTo(startAt + answer.latency);
    ctx.say("request #1 is due now, but it was cancelled: its answer must not land");
    expect(s.show(), "the answer of a cancelled request must not land").toBe(CANCELLED);
    s.app.advance(200);
    const net = network(s.app);
    for (const r of net.requests) ctx.say(`network: request #1 was ${r.state}${r.endedAt === undefined ? "" : ` at t=${r.endedAt}`}`);
    if (net.requests.length === 0) ctx.say("network: request #1 was never sent (cancelled before its first poll)");
    expect(net.delivered(), "a cancelled request must not deliver its answer: cancel() must drop the task that awaits it").toEqual([]);
    expect(net.inFlight(), "a cancelled request must not stay in flight").toEqual([]);
    expect(label(s.app)).toBe(CANCELLED);
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
  ],
  (ctx, before, answer, afterRaw, again) => {
    const s = session(ctx, [answer]);
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
    expect(s.show(), "request #1 was running, so it is cancelled").toBe(CANCELLED);
    t = cancelAt;
    for (const gap of again) {
      t += gap;
      s.press(t, "cancel");
      s.app.advanceTo(t);
      expect(s.show(), "request #1 was already cancelled: nothing is running, so there is nothing to cancel").toBe(NOTHING);
    }
  },
  { numRuns: 25 },
);

property(
  `a request that has answered is finished, not running: Cancel Request afterwards shows "${NOTHING}" (not "${CANCELLED}", as the page's example would)`,
  [fc.array(fc.tuple(response(), fc.integer({ min: 1, max: 30 })), { minLength: 1, maxLength: 3 }), fc.nat(2)],
  (ctx, rounds, extraPresses) => {
    const s = session(ctx, rounds.map(([r]) => r));
    let t = 0;
    for (const [r, gap] of rounds) {
      s.press(t, "request");
      s.app.advanceTo(t + r.latency);
      ctx.say(`request #${s.presses()} answers`);
      expect(s.show(), "the answer should be on the screen").toBe(outcomeText(r.outcome));
      t += r.latency + gap;
    }
    for (let i = 0; i <= extraPresses; i++) {
      s.press(t + i, "cancel");
      s.app.advanceTo(t + i);
      expect(s.show(), `every request has answered, so "${CANCEL}" has nothing to cancel`).toBe(NOTHING);
    }
  },
  { numRuns: 25 },
);

property(
  "pressing the request button while a request runs cancels it and starts a new one: never two requests in flight, and a replaced request never delivers",
  [eventSchedule(fc.constant<Press>("request"), { minEvents: 2, maxEvents: 5, maxGap: 40 }), fc.array(response({ latency: { max: 60 } }), { minLength: 5, maxLength: 5 })],
  (ctx, events, answers) => {
    const s = checkAgainstModel(ctx, events, answers);
    const net = network(s.app);
    ctx.say(`network: at most ${net.maxInFlight} request(s) were in flight at once; ${net.delivered().length} delivered, ${net.aborted().length} aborted`);
    expect(net.maxInFlight, "a new request must cancel the running one first: two requests in flight race each other").toBeLessThanOrEqual(1);
    const answered = s.requests.filter((r) => r.cancelledAt === undefined).length;
    expect(net.delivered().length, `only the ${answered} request(s) not replaced by a newer press may deliver an answer`).toBe(answered);
  },
  { numRuns: 30 },
);

property(
  "whatever the user presses, and whenever, the label follows the model: \"...\" while a request runs, its outcome once it answers, the cancel texts on Cancel Request",
  [eventSchedule(fc.constantFrom<Press>("request", "cancel"), { maxEvents: 6, maxGap: 40 }), fc.array(response({ latency: { max: 60 } }), { minLength: 6, maxLength: 6 })],
  (ctx, events, answers) => {
    const s = checkAgainstModel(ctx, events, answers);
    expect(network(s.app).inFlight(), "once everything is over, no request may still be in flight").toEqual([]);
  },
  { numRuns: 50 },
);
