/**
 * Kata 09 · Locks: the properties.
 *
 * Each run mounts the learner's Counter, or one or two SaveQueues, inside a
 * small page that can re-render them: the page's "Refresh" button changes a
 * prop, so each component renders again (and reads its signals) at a time
 * the generators choose, as any parent update would. The user clicks "+1" or
 * "Save" at generated times, several clicks often in the same instant (all
 * of them before any re-render); the server answers each save after a
 * generated latency, so answers may come back in any order. Clicks and
 * re-renders go through the runtime at their times (`app.at`): when a click
 * and a +1 or an answer fall due in the same instant, the generated seed
 * draws which comes first, and the story tells them in the order they
 * happened. The properties hold in either order. Two SaveQueues
 * on one page must not share anything: each has its own queue and versions.
 *
 * A borrow panic (a click or a render meeting a guard another task left
 * open), the runtime's "guard held across an await" diagnostic and the stall
 * report (a task waiting for a lock nobody will release) all fail a run; the
 * properties then compare each screen (at every event and every answer) and
 * the network log with what a correct counter and correct save queues do.
 * The story names every request by what it carries (its version) and by the
 * component that sent it, read from the network log itself.
 */
import { expect } from "./support/expect.ts";
import { Counter, SaveQueue } from "#kata/09-locks";
import { button, component, div, useSignal, type Component } from "../runtime/index.ts";
import { LearnerError, answer, network, type App, type RequestRecord } from "../runtime/testing.ts";
import { eventSchedule, fc, latency, property, runtimeSeed, type PropertyContext } from "./support/index.ts";

// Part of the requirement: the kata's texts and constants.
const ADD_DELAY_MS = 30;
const SAVE_URL = "https://api.example.com/save";

type Part = "counter" | "saves";
const NAMES = { counter: "Counter", saves: "SaveQueue" } as const;
const ACTION = { counter: "+1", saves: "Save" } as const;
const LETTERS = ["A", "B"] as const;

/** A page around `copies` instances of the component: "Refresh" changes a prop, so each renders again. */
function page(Inner: Component, copies: number) {
  return function Page() {
    const refresh = useSignal(() => 0, "refresh");
    return div(
      button({ onclick: () => refresh.update((n) => n + 1) }, "Refresh"),
      ...Array.from({ length: copies }, (_, i) => component(Inner, { refresh: refresh() }, i)),
    );
  };
}
const PAGES = {
  counter: [page(Counter, 1), page(Counter, 2)],
  saves: [page(SaveQueue, 1), page(SaveQueue, 2)],
} as const;

const MAX_CLICKS = 5;

/** One click: when, and on which instance (0 or 1; always 0 when there is one). */
interface Click {
  readonly t: number;
  readonly who: number;
}

/** When the user clicks (at least once), 0 to 40 ms apart, often several in one instant, and on which instance. */
const clickSchedule = eventSchedule(fc.nat({ max: 1 }), { minEvents: 1, maxEvents: MAX_CLICKS, maxGap: 40 }).map((es) =>
  es.map((e): Click => ({ t: e.t, who: e.event })),
);
/** One or two SaveQueues on the page. */
const copiesArb = fc.integer({ min: 1, max: 2 });
/** When the page re-renders the components. */
const refreshTimes = fc.array(fc.nat({ max: 150 }), { maxLength: 3 });
/** How long the server takes to answer each instance's save #1, #2… */
const saveLatencies = fc.array(
  fc.array(latency({ min: 1, max: 60 }), { minLength: MAX_CLICKS, maxLength: MAX_CLICKS }),
  { minLength: 2, maxLength: 2 },
);

function q(s: string): string {
  return JSON.stringify(s);
}

/** The version a save request carried. */
function versionOf(r: RequestRecord): unknown {
  return (r.body as { version?: unknown } | undefined)?.version;
}

/** Only the clicks on one instance when there is one. */
function onCopies(clicks: readonly Click[], copies: number): Click[] {
  return clicks.map((c) => ({ t: c.t, who: c.who % copies }));
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
  /** How many instances the page shows (default 1). */
  copies?: number;
  clicks: readonly Click[];
  refreshes?: readonly number[];
  /** Per instance: how long its save #1, #2… take to answer. */
  latencies?: readonly (readonly number[])[];
  /** Orders the runtime leaves open (which of several woken tasks runs first…). */
  seed?: number;
  /** Fail on the first "guard held across an await" diagnostic (otherwise only the panics it leads to fail). */
  strict?: boolean;
  /** Extra times to stop at (when a screen should change). */
  checks?: readonly number[];
  /** Called at each stop, once everything due at that instant (clicks, re-renders, timers, answers) has happened and the app is idle; `clicked[i]` counts the clicks on instance i so far. */
  onTime?: (run: Played, t: number, clicked: readonly number[]) => void;
}

/** A page being played: the app, and how to read each instance. */
interface Played {
  readonly app: App;
  readonly copies: number;
  /** Instance i's line: "Count: 2" or "Saved 1 of 3". */
  screen(i: number): string;
  /** The requests instance i sent, in the order sent (read from the owner the network log records). */
  requestsOf(i: number): RequestRecord[];
  /** "SaveQueue", or "SaveQueue A" / "SaveQueue B" when there are two. */
  name(i: number): string;
}

/** Plays a scenario on a fresh page, telling the story; ends with everything settled. */
function play(ctx: PropertyContext, s: Scenario): Played {
  const copies = s.copies ?? 1;
  const lat = s.latencies ?? [];
  const scopes: number[] = [];
  const sentBy = [0, 0];
  let app: App | undefined;
  // Each instance's k-th request waits its own generated latency: who sent it is read from the runtime at the moment it is sent.
  const who = (owner: number) => scopes.indexOf(owner);
  const app_ = ctx.render(PAGES[s.part][copies - 1]!, {
    ...(s.seed === undefined ? {} : { seed: s.seed }),
    network: () => {
      const i = app === undefined ? -1 : who(app.rt.currentTask?.owner.id ?? app.rt.currentOwner.id);
      const k = i < 0 ? 0 : sentBy[i]!++;
      return answer.ok({ saved: true }, lat[Math.max(i, 0)]?.[k] ?? 1);
    },
  });
  app = app_;
  const buttons = () => app_.queryAllByRole("button", { name: ACTION[s.part] });
  for (const b of buttons()) scopes.push(b.scope.id);
  const net = network(app_);
  const name = (i: number) => (copies === 1 ? NAMES[s.part] : `${NAMES[s.part]} ${LETTERS[i]}`);
  const run: Played = {
    app: app_,
    copies,
    screen: (i) => app_.queryAllByText(s.part === "counter" ? /^Count: / : /^Saved /)[i]?.text.trim() ?? "(nothing)",
    requestsOf: (i) => net.requests.filter((r) => r.owner === scopes[i]),
    name,
  };
  const screens = () => Array.from({ length: copies }, (_, i) => q(run.screen(i))).join(", ");
  const sender = (r: RequestRecord) => (who(r.owner) < 0 ? `a task of scope ${r.owner}` : name(who(r.owner)));
  const told = new Set<number>();
  let reported = 0;
  /** The requests sent since the last look, each named by its id, its sender and the version its body carries. */
  const sentSince = () =>
    net.requests
      .slice(reported, (reported = net.requests.length))
      .map(
        (r) =>
          `request #${r.id} sent by ${sender(r)} with { version: ${JSON.stringify(versionOf(r))} } (the server answers it ${r.answerAt - r.sentAt} ms later)`,
      );
  /** Tells the answers delivered since the last look (and what went out meanwhile); false if there were none. */
  const tellAnswers = () => {
    const news = net.delivered().filter((r) => !told.has(r.id));
    if (news.length === 0) return false;
    for (const r of news) told.add(r.id);
    const what = news.map((r) => `request #${r.id} (${sender(r)}'s save of version ${JSON.stringify(versionOf(r))})`);
    const out = sentSince();
    ctx.say(`the server answers ${what.join(" and ")} → ${screens()}${out.length > 0 ? `; ${out.join(", ")}` : ""}`);
    return true;
  };

  ctx.say(
    `${copies === 1 ? `${NAMES[s.part]} mounted` : `two ${NAMES[s.part]}s mounted, ${LETTERS.join(" and ")}`} → ${screens()}`,
  );
  const refreshes = s.refreshes ?? [];
  const times = [...new Set([...s.clicks.map((c) => c.t), ...refreshes, ...(s.checks ?? [])])].sort((a, b) => a - b);
  const clicked = Array.from({ length: copies }, () => 0);
  // Every user event goes through the runtime at its time: the events of one instant come one after the other, before
  // any re-render, and against a timer or an answer due in the same instant the seed draws which comes first. Each
  // event first tells the answers that came before it, so the story keeps the order the runtime chose.
  for (const t of times) {
    for (const _ of refreshes.filter((r) => r === t)) {
      const label = `the page re-renders ${copies === 1 ? NAMES[s.part] : `both ${NAMES[s.part]}s`}`;
      app_.at(t, () => (tellAnswers(), ctx.say(label), app_.click({ role: "button", name: "Refresh" })), label);
    }
    for (const c of s.clicks.filter((c) => c.t === t)) {
      app_.at(
        t,
        () => {
          tellAnswers();
          clicked[c.who]!++;
          ctx.say(
            `click ${ACTION[s.part]}${copies === 1 ? "" : ` on ${name(c.who)}`} (click #${clicked[c.who]}${copies === 1 ? "" : ` on ${LETTERS[c.who]}`})`,
          );
          app_.click(buttons()[c.who]!);
        },
        `click ${ACTION[s.part]}`,
      );
    }
  }
  for (let i = 0; ; ) {
    // Stop at the next event, or earlier where a save is answered, so the story tells each answer when it happens.
    const nextAnswer = Math.min(
      ...net
        .inFlight()
        .filter((r) => r.answerAt > app_.now)
        .map((r) => r.answerAt),
    );
    const t = Math.min(times[i] ?? Infinity, nextAnswer);
    if (t === Infinity) break;
    if (t === times[i]) i++;
    step(ctx, app_, () => app_.advanceTo(t), s.strict);
    const answered = tellAnswers();
    const out = sentSince();
    if (out.length > 0 || (!answered && times[i - 1] === t))
      ctx.say(`→ ${screens()}${out.length > 0 ? `; ${out.join(", ")}` : ""}`);
    if (times[i - 1] === t) s.onTime?.(run, t, clicked);
  }
  step(ctx, app_, () => app_.runToCompletion(), s.strict);
  tellAnswers();
  return run;
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

/** The click times on instance i. */
function clicksOn(clicks: readonly Click[], i: number): number[] {
  return clicks.filter((c) => c.who === i).map((c) => c.t);
}

property(
  "whatever the clicks and re-renders, nothing panics with a borrow error and no guard is held across an await",
  [fc.constantFrom<Part>("counter", "saves"), copiesArb, clickSchedule, refreshTimes, saveLatencies, runtimeSeed()],
  (ctx, part, n, clicks, refreshes, latencies, seed) => {
    const copies = part === "counter" ? 1 : n;
    const run = play(ctx, { part, copies, clicks: onCopies(clicks, copies), refreshes, latencies, seed, strict: true });
    expect(run.app.errors, "no click handler should have failed").toEqual([]);
  },
  { numRuns: 60 },
);

property(
  `each click on +1 adds one to the count ${ADD_DELAY_MS} ms after the click, even when clicks overlap: no click is lost`,
  [clickSchedule, runtimeSeed()],
  (ctx, schedule, seed) => {
    const clicks = onCopies(schedule, 1);
    const due = clicks.map((c) => c.t + ADD_DELAY_MS);
    const expectAt = (run: Played, t: number, clicked: number) => {
      const landed = due.slice(0, clicked).filter((d) => d <= t).length;
      const waiting = clicked - landed;
      const expected = `Count: ${landed}`;
      expect(
        run.screen(0),
        `at t=${t}, ${landed} click(s) are at least ${ADD_DELAY_MS} ms old${waiting > 0 ? ` and ${waiting} still waiting` : ""}, so the screen should read ${q(expected)}`,
      ).toBe(expected);
    };
    const run = play(ctx, {
      part: "counter",
      clicks,
      seed,
      checks: due,
      onTime: (run, t, clicked) => expectAt(run, t, clicked[0]!),
    });
    expectAt(run, run.app.now, clicks.length);
  },
  { numRuns: 40 },
);

property(
  "saves go out one at a time in click order: save #k carries version k and is sent the moment save #k-1 is answered (or at its click, if later)",
  [copiesArb, clickSchedule, saveLatencies, runtimeSeed()],
  (ctx, copies, schedule, latencies, seed) => {
    const clicks = onCopies(schedule, copies);
    const run = play(ctx, { part: "saves", copies, clicks, latencies, seed });
    const all = network(run.app).requests;
    const mine = Array.from({ length: copies }, (_, i) => run.requestsOf(i));
    const strays = all.filter((r) => !mine.some((rs) => rs.includes(r)));
    expect(
      strays.map((r) => `request #${r.id}`),
      `every save should be sent by the SaveQueue whose button was clicked (from its click handler's task), but ${strays.map((r) => `request #${r.id}`).join(", ")} came from scope ${strays[0]?.owner}`,
    ).toEqual([]);
    for (let i = 0; i < copies; i++) {
      const times = clicksOn(clicks, i);
      const model = queueModel(times, latencies[i]!);
      const sent = mine[i]!;
      const who = run.name(i);
      expect(
        sent.map((r) => `${r.method} ${r.url}`),
        `${times.length} click(s) on ${who}'s Save should send ${times.length} POST request(s) to ${SAVE_URL}`,
      ).toEqual(times.map(() => `POST ${SAVE_URL}`));
      sent.forEach((r, k) => {
        const prev = sent[k - 1];
        if (prev !== undefined) {
          expect(
            r.sentAt,
            `${who}'s save #${k + 1} (request #${r.id}) was sent at t=${r.sentAt}, while its save #${k} (request #${prev.id}) was still in flight (answered at t=${prev.endedAt}): two saves overlapped`,
          ).toBeGreaterThanOrEqual(prev.endedAt ?? Infinity);
        }
        expect(
          r.sentAt,
          `click #${k + 1} on ${who}'s Save came at t=${times[k]}${prev ? ` and its save #${k} (request #${prev.id}) was answered at t=${prev.endedAt}` : ""}, so its save #${k + 1} (request #${r.id}) should be sent at t=${model.sent[k]}${copies > 1 ? " (a save waits only for the saves of its own SaveQueue)" : ""}`,
        ).toBe(model.sent[k]);
        expect(
          versionOf(r),
          `${who}'s save #${k + 1} (request #${r.id}) should carry { version: ${k + 1} }: each SaveQueue counts its versions 1, 2, 3… in click order`,
        ).toBe(k + 1);
      });
    }
  },
  { numRuns: 40 },
);

property(
  'every click on Save is saved: "Saved k of n" counts each answer as it arrives and ends at "Saved n of n"',
  [copiesArb, clickSchedule, saveLatencies, runtimeSeed()],
  (ctx, copies, schedule, latencies, seed) => {
    const clicks = onCopies(schedule, copies);
    const answered = Array.from({ length: copies }, (_, i) => queueModel(clicksOn(clicks, i), latencies[i]!).answered);
    const expectAt = (run: Played, t: number, clicked: readonly number[]) => {
      for (let i = 0; i < copies; i++) {
        const n = clicked[i]!;
        const expected = `Saved ${answered[i]!.slice(0, n).filter((a) => a <= t).length} of ${n}`;
        expect(
          run.screen(i),
          `at t=${t}, after ${n} click(s) on ${run.name(i)}, with its saves taking turns, it should read ${q(expected)}`,
        ).toBe(expected);
      }
    };
    const run = play(ctx, {
      part: "saves",
      copies,
      clicks,
      latencies,
      seed,
      checks: answered.flat(),
      onTime: expectAt,
    });
    for (let i = 0; i < copies; i++) {
      const n = clicksOn(clicks, i).length;
      const expected = `Saved ${n} of ${n}`;
      expect(
        run.screen(i),
        `once every save was answered, ${run.name(i)} should read ${q(expected)}: no click may be lost`,
      ).toBe(expected);
    }
  },
  { numRuns: 40 },
);
