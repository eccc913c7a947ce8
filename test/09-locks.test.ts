/**
 * Kata 09 · Locks: the properties.
 *
 * Each run mounts the learner's Counter or SaveQueue inside a small page that
 * can re-render it: the page's "Refresh" button changes a prop, so the
 * component renders again (and reads its signals) at a time the generators
 * choose, as any parent update would. The user clicks "+1" or "Save" at
 * generated times; the server answers each save after a generated latency.
 *
 * A borrow panic (a click or a render meeting a guard another task left
 * open), the runtime's "guard held across an await" diagnostic and the stall
 * report (a task waiting for a lock nobody will release) all fail a run; the
 * properties then compare the screen and the network log with what a correct
 * counter and a correct save queue do.
 */
import { expect } from "vitest";
import { Counter, SaveQueue } from "#kata/09-locks";
import { LearnerError, answer, button, component, div, network, useSignal, type App, type Component, type RequestRecord } from "../runtime/index.ts";
import { eventSchedule, fc, latency, property, type PropertyContext } from "./support/index.ts";

// Part of the requirement: the kata's texts and constants.
const ADD_DELAY_MS = 30;
const SAVE_URL = "https://api.example.com/save";

type Part = "counter" | "saves";
const NAMES = { counter: "Counter", saves: "SaveQueue" } as const;
const ACTION = { counter: "+1", saves: "Save" } as const;

/** A page around the component: "Refresh" changes a prop, so the component renders again. */
function page(Inner: Component) {
  return function Page() {
    const refresh = useSignal(() => 0, "refresh");
    return div(button({ onclick: () => refresh.update((n) => n + 1) }, "Refresh"), component(Inner, { refresh: refresh() }));
  };
}
const PAGES = { counter: page(Counter), saves: page(SaveQueue) } as const;

const MAX_CLICKS = 5;

/** When the user clicks (at least once), 0 to 40 ms apart. */
const clickTimes = eventSchedule(fc.constant("click"), { minEvents: 1, maxEvents: MAX_CLICKS, maxGap: 40 }).map((es) => es.map((e) => e.t));
/** When the page re-renders the component. */
const refreshTimes = fc.array(fc.nat({ max: 150 }), { maxLength: 3 });
/** How long the server takes to answer save #1, #2… */
const saveLatencies = fc.array(latency({ min: 1, max: 60 }), { minLength: MAX_CLICKS, maxLength: MAX_CLICKS });

function q(s: string): string {
  return JSON.stringify(s);
}

/** The line the user reads: "Count: 2" or "Saved 1 of 3". */
function screen(app: App, part: Part): string {
  return app.getByText(part === "counter" ? /^Count: / : /^Saved /).text.trim();
}

/** The version a save request carried. */
function versionOf(r: RequestRecord): unknown {
  return (r.body as { version?: unknown } | undefined)?.version;
}

/**
 * Does `act`, and if the runtime panics (a borrow error, a stall), says so in
 * the story before the property fails with the runtime's own explanation.
 * With `strict`, then fails on the first "guard held across an await"
 * diagnostic, even if nothing collided.
 */
function step(ctx: PropertyContext, app: App, act: () => void, strict = false): void {
  try {
    act();
  } catch (error) {
    if (error instanceof LearnerError && error.kind !== "NotStarted") ctx.say(`→ the app panics: ${error.kind}`);
    throw error;
  }
  const d = app.diagnostics[0];
  if (strict && d !== undefined) {
    ctx.say(`→ the runtime reports: a guard held across an await`);
    throw d;
  }
}

interface Scenario {
  part: Part;
  clicks: readonly number[];
  refreshes?: readonly number[];
  latencies?: readonly number[];
  /** Fail on the first "guard held across an await" diagnostic (otherwise only the panics it leads to fail). */
  strict?: boolean;
  /** Extra times to stop at (when the screen should change). */
  checks?: readonly number[];
  /** Called at each stop, after the clock got there and before the events of that instant. */
  onTime?: (app: App, t: number) => void;
  /** Called after each click, once the app is idle again; `n` counts the clicks. */
  onClick?: (app: App, n: number) => void;
}

/** Plays a scenario on a fresh page, telling the story; ends with everything settled. */
function play(ctx: PropertyContext, s: Scenario): App {
  const lat = s.latencies ?? [];
  const app = ctx.render(PAGES[s.part], { network: (r) => answer.ok({ saved: true }, lat[r.index] ?? 1) });
  const net = network(app);
  const refreshes = s.refreshes ?? [];
  ctx.say(`${NAMES[s.part]} mounted → ${q(screen(app, s.part))}`);
  const times = [...new Set([...s.clicks, ...refreshes, ...(s.checks ?? [])])].sort((a, b) => a - b);
  let clicked = 0;
  let answered = 0;
  for (let i = 0; ; ) {
    // Stop at the next event, or earlier where a save is answered, so the story tells each answer when it happens.
    const nextAnswer = Math.min(...net.inFlight().filter((r) => r.answerAt > app.now).map((r) => r.answerAt));
    const t = Math.min(times[i] ?? Infinity, nextAnswer);
    if (t === Infinity) break;
    if (t === times[i]) i++;
    step(ctx, app, () => app.advanceTo(t), s.strict);
    const done = net.delivered().length;
    if (done > answered) {
      ctx.say(`${answers(net.delivered().slice(answered))} → ${q(screen(app, s.part))}`);
      answered = done;
    } else if (s.checks?.includes(t)) ctx.say(`→ ${q(screen(app, s.part))}`);
    if (times[i - 1] !== t) continue;
    s.onTime?.(app, t);
    for (const _ of refreshes.filter((r) => r === t)) {
      ctx.say(`the page re-renders ${NAMES[s.part]}`);
      step(ctx, app, () => app.click({ role: "button", name: "Refresh" }), s.strict);
      step(ctx, app, () => app.runUntilIdle(), s.strict);
    }
    for (const _ of s.clicks.filter((c) => c === t)) {
      clicked++;
      const sent = net.requests.length;
      const what = s.part === "saves" ? ` (save #${clicked}: the server answers it ${lat[clicked - 1] ?? 1} ms after it is sent)` : ` (#${clicked})`;
      ctx.say(`click ${ACTION[s.part]}${what}`);
      step(ctx, app, () => app.click({ role: "button", name: ACTION[s.part] }), s.strict);
      step(ctx, app, () => app.runUntilIdle(), s.strict);
      const now = net.requests.slice(sent).map((r) => `request #${r.id} sent (version ${JSON.stringify(versionOf(r))})`);
      ctx.say(`→ ${q(screen(app, s.part))}${now.length > 0 ? `; ${now.join(", ")}` : ""}`);
      s.onClick?.(app, clicked);
    }
  }
  step(ctx, app, () => app.runToCompletion(), s.strict);
  const rest = net.delivered().slice(answered);
  if (rest.length > 0) ctx.say(`${answers(rest)} → ${q(screen(app, s.part))}`);
  return app;
}

/** "save #1 answered", "saves #1 and #2 answered". */
function answers(rs: readonly RequestRecord[]): string {
  const ids = rs.map((r) => `#${r.id}`);
  return ids.length === 1 ? `save ${ids[0]} answered` : `saves ${ids.slice(0, -1).join(", ")} and ${ids.at(-1)} answered`;
}

/** A correct queue: save k is sent when it is clicked or when save k-1 is answered, whichever is later. */
function queueModel(clicks: readonly number[], lat: readonly number[]) {
  const sent: number[] = [];
  const answered: number[] = [];
  clicks.forEach((c, k) => {
    sent.push(Math.max(c, answered[k - 1] ?? 0));
    answered.push(sent[k]! + lat[k]!);
  });
  return { sent, answered };
}

property(
  "whatever the clicks and re-renders, nothing panics with a borrow error and no guard is held across an await",
  [fc.constantFrom<Part>("counter", "saves"), clickTimes, refreshTimes, saveLatencies],
  (ctx, part, clicks, refreshes, latencies) => {
    const app = play(ctx, { part, clicks, refreshes, latencies, strict: true });
    expect(app.errors, "no click handler should have failed").toEqual([]);
  },
  { numRuns: 60 },
);

property(
  `each click on +1 adds one to the count ${ADD_DELAY_MS} ms after the click, even when clicks overlap: no click is lost`,
  [clickTimes],
  (ctx, clicks) => {
    const due = clicks.map((c) => c + ADD_DELAY_MS);
    const expectAt = (app: App, t: number, clicked: number) => {
      const landed = due.slice(0, clicked).filter((d) => d <= t).length;
      const waiting = clicked - landed;
      const expected = `Count: ${landed}`;
      expect(
        screen(app, "counter"),
        `at t=${t}, ${landed} click(s) are at least ${ADD_DELAY_MS} ms old${waiting > 0 ? ` and ${waiting} still waiting` : ""}, so the screen should read ${q(expected)}`,
      ).toBe(expected);
    };
    let clicked = 0;
    const app = play(ctx, {
      part: "counter",
      clicks,
      checks: due,
      onTime: (app, t) => expectAt(app, t, clicked),
      onClick: (app, n) => expectAt(app, app.now, (clicked = n)),
    });
    expectAt(app, app.now, clicks.length);
  },
  { numRuns: 40 },
);

property(
  "saves go out one at a time in click order: save #k carries version k and is sent the moment save #k-1 is answered (or at its click, if later)",
  [clickTimes, saveLatencies],
  (ctx, clicks, latencies) => {
    const app = play(ctx, { part: "saves", clicks, latencies });
    const model = queueModel(clicks, latencies);
    const sent = network(app).requests;
    expect(
      sent.map((r) => `${r.method} ${r.url}`),
      `${clicks.length} click(s) on Save should send ${clicks.length} POST request(s) to ${SAVE_URL}`,
    ).toEqual(clicks.map(() => `POST ${SAVE_URL}`));
    sent.forEach((r, k) => {
      const prev = sent[k - 1];
      if (prev !== undefined) {
        expect(
          r.sentAt,
          `save #${k + 1} was sent at t=${r.sentAt}, while save #${k} was still in flight (it was answered at t=${prev.endedAt}): two saves overlapped`,
        ).toBeGreaterThanOrEqual(prev.endedAt ?? Infinity);
      }
      expect(
        r.sentAt,
        `save #${k + 1} was clicked at t=${clicks[k]}${prev ? ` and save #${k} was answered at t=${prev.endedAt}` : ""}, so it should be sent at t=${model.sent[k]}`,
      ).toBe(model.sent[k]);
      expect(versionOf(r), `save #${k + 1} should carry { version: ${k + 1} }: versions count 1, 2, 3… in click order`).toBe(k + 1);
    });
  },
  { numRuns: 40 },
);

property(
  'every click on Save is saved: "Saved k of n" counts each answer as it arrives and ends at "Saved n of n"',
  [clickTimes, saveLatencies],
  (ctx, clicks, latencies) => {
    const { answered } = queueModel(clicks, latencies);
    let clicked = 0;
    const expectAt = (app: App, t: number) => {
      const expected = `Saved ${answered.slice(0, clicked).filter((a) => a <= t).length} of ${clicked}`;
      expect(screen(app, "saves"), `at t=${t}, after ${clicked} click(s), with saves taking turns, the screen should read ${q(expected)}`).toBe(expected);
    };
    const app = play(ctx, {
      part: "saves",
      clicks,
      latencies,
      checks: answered,
      onTime: expectAt,
      onClick: (app, n) => ((clicked = n), expectAt(app, app.now)),
    });
    const expected = `Saved ${clicks.length} of ${clicks.length}`;
    expect(screen(app, "saves"), `once every save was answered, the screen should read ${q(expected)}: no click may be lost`).toBe(expected);
  },
  { numRuns: 40 },
);
