/**
 * Kata 08 · Concurrency vs parallelism: the properties.
 *
 * Each run mounts the search screen over a generated set of documents (each
 * with its own scoring cost per letter of the query), on a generated number
 * of cores, and a user types whole queries into the box at generated virtual
 * times (`app.at`, so a keystroke that comes while the main thread is busy
 * waits for it, and `app.eventWaits` says how long). The properties read the
 * status line and the result list, as the user does, and how long each
 * keystroke waited. The expected texts, scores, costs and ranking are
 * stated here again, apart from the kata's given helpers (START, scoring,
 * resultsFor, score, scoreCost, resultLines): a helper changed by mistake
 * shows on the screen as it would to a user, instead of agreeing with itself.
 *
 * Several queries may be typed in the same instant (the schedule has gaps of
 * 0), before any re-render; an older, longer query may finish after a newer
 * one; the same text is often typed again while its older scoring still
 * runs; and the runtime gets a generated seed, so orders left open at a tie
 * vary. The screen is read after every keystroke and every job's end, not
 * only at the end. One property puts two screens on one page and types into
 * both, to find state that every screen shares.
 */
import { expect } from "./support/expect.ts";
import { SearchScreen, scoreAll, type Doc } from "#kata/08-concurrency-vs-parallelism";
import { component, div, future } from "../runtime/index.ts";
import { threads, userEvents, type App } from "../runtime/testing.ts";
import {
  eventSchedule,
  fc,
  property,
  runtimeSeed,
  type PropertyContext,
  type ScheduledEvent,
} from "./support/index.ts";

/** One frame at 60 Hz: the longest a keystroke may wait before the user feels it. */
const FRAME_MS = 16;

const TITLES = ["pug", "hound", "husky", "beagle", "corgi", "poodle", "boxer", "akita"];

/** 1 to 6 documents with distinct titles, each costing 1 to 30 ms per letter of the query. */
const docsArb = fc.uniqueArray(
  fc.record({ title: fc.constantFrom(...TITLES), cost: fc.integer({ min: 1, max: 30 }) }),
  {
    selector: (d) => d.title,
    minLength: 1,
    maxLength: 6,
  },
);

/** A query of 1 to 4 letters: longer queries cost more to score. */
const queryArb = fc.array(fc.constantFrom(..."aegiopsu"), { minLength: 1, maxLength: 4 }).map((cs) => cs.join(""));

const coresArb = fc.integer({ min: 1, max: 4 });

/** Up to 5 keystrokes, drawn from 1 to 3 queries: the same text is often typed again (as after a backspace), while its older scoring may still run. */
const typingArb = fc
  .uniqueArray(queryArb, { minLength: 1, maxLength: 3 })
  .chain((pool) => eventSchedule(fc.constantFrom(...pool), { maxEvents: 5, maxGap: 40 }));

// What the screen says, as the kata states it for its given helpers.
const START = "Type to search";
const scoring = (query: string) => `Scoring "${query}"…`;
const resultsFor = (query: string) => `Results for "${query}"`;

/** One point per letter of the title (any case) that the query contains. */
function score(query: string, doc: Doc): number {
  const letters = query.toLowerCase();
  return [...doc.title.toLowerCase()].filter((c) => letters.includes(c)).length;
}

/** Scoring costs the document's cost per letter of the query. */
const scoreCost = (query: string, doc: Doc) => doc.cost * query.length;

interface Screen {
  readonly status: string;
  readonly items: readonly string[];
}

function screen(app: App): Screen {
  return {
    status: app.getByRole("status").text.trim(),
    items: app.queryAllByRole("listitem").map((h) => h.text.trim()),
  };
}

function show(s: Screen): string {
  return `"${s.status}"${s.items.length === 0 ? " (empty list)" : `: ${s.items.join(", ")}`}`;
}

/** "title (score)" for every document, best first, ties in the order of docs. */
function expectedLines(query: string, docs: readonly Doc[]): string[] {
  const scored = docs.map((d, i) => ({ line: `${d.title} (${score(query, d)})`, points: score(query, d), i }));
  scored.sort((a, b) => b.points - a.points || a.i - b.i);
  return scored.map((x) => x.line);
}

function describeDocs(docs: readonly Doc[], cores: number): string {
  return `${docs.map((d) => `${d.title} (${d.cost} ms/letter)`).join(", ")}; ${cores} core${cores > 1 ? "s" : ""}`;
}

function describeJobs(query: string, docs: readonly Doc[]): string {
  return docs.map((d) => `${d.title} ${scoreCost(query, d)} ms`).join(", ");
}

/**
 * Mounts the screen, schedules the typing with `app.at`, and watches the
 * screen at every keystroke and at every moment a thread job ends, telling
 * in the story what was typed and each change on the screen. `check` runs
 * at each of those moments with the latest query typed so far.
 */
function session(
  ctx: PropertyContext,
  docs: readonly Doc[],
  cores: number,
  typing: readonly ScheduledEvent<string>[],
  seed: number,
  check: (s: Screen, latest: string | undefined, justTyped: boolean, app: App, typedAt: number) => void = () => {},
): App {
  const app = ctx.render(SearchScreen, { props: { docs }, cores, seed });
  let latest: string | undefined;
  let justTyped = false;
  let typedAt = 0;
  ctx.say(`the search screen over ${describeDocs(docs, cores)}`);
  for (const { t, event: q } of typing) {
    app.at(
      t,
      () => {
        const late = app.now - t;
        ctx.say(
          `type "${q}"${late > 0 ? ` (typed at t=${t}: the keystroke waited ${late} ms for the busy main thread)` : ""} → scoring jobs: ${describeJobs(q, docs)}`,
        );
        latest = q;
        justTyped = true;
        typedAt = app.now;
        app.input({ role: "textbox" }, q);
      },
      `type "${q}"`,
    );
  }
  let last = screen(app);
  ctx.say(`the screen shows ${show(last)}`);
  check(last, latest, false, app, typedAt);
  let cursor = -1;
  for (;;) {
    const candidates = [...typing.map((e) => e.t), ...threads(app).jobs.map((j) => j.endsAt)].filter((t) => t > cursor);
    if (candidates.length === 0) break;
    cursor = Math.min(...candidates);
    app.advanceTo(Math.max(cursor, app.now));
    const now = screen(app);
    if (show(now) !== show(last)) ctx.say(`the screen shows ${show(now)}`);
    last = now;
    check(now, latest, justTyped, app, typedAt);
    justTyped = false;
  }
  app.runToCompletion();
  const final = screen(app);
  if (show(final) !== show(last)) ctx.say(`the screen shows ${show(final)}`);
  return app;
}

property(
  `no keystroke waits more than ${FRAME_MS} ms for its handler, however long the scoring takes`,
  [docsArb, coresArb, typingArb, runtimeSeed()],
  (ctx, docs, cores, typing, seed) => {
    const app = session(ctx, docs, cores, typing, seed);
    for (const w of app.eventWaits) {
      expect(
        w.waited,
        `${w.label} at t=${w.due} was handled only at t=${w.handledAt}: it waited ${w.waited} ms for the main thread, more than one frame (${FRAME_MS} ms). ` +
          "Scoring on the main thread freezes every task, render and event: give it to spawnThread.",
      ).toBeLessThanOrEqual(FRAME_MS);
    }
    expect(userEvents(app).pending, "every keystroke was handled").toBe(0);
  },
  { numRuns: 60 },
);

property(
  "when the typing stops, the screen ends with the final query's results, every document ranked by its score, and nothing of an older query",
  [docsArb, coresArb, typingArb, runtimeSeed()],
  (ctx, docs, cores, typing, seed) => {
    const app = session(ctx, docs, cores, typing, seed);
    const final = typing[typing.length - 1]!.event;
    const s = screen(app);
    expect(s.status, `the last query typed was "${final}"`).toBe(resultsFor(final));
    expect(s.items, `the list should hold every document, scored for "${final}" and ranked`).toEqual(
      expectedLines(final, docs),
    );
  },
  { numRuns: 60 },
);

property(
  "scoreAll runs a query's jobs in parallel: with N documents on C cores the scores are in within ceil(N/C) times the longest job " +
    "(the longest job exactly, when N ≤ C), not after the sum of them",
  [docsArb, coresArb, queryArb],
  (ctx, docs, cores, query) => {
    const rt = ctx.runtime({ cores });
    const costs = docs.map((d) => scoreCost(query, d));
    const longest = Math.max(...costs);
    const rounds = Math.ceil(docs.length / cores);
    const due = rounds * longest;
    let done: { t: number; scores: number[] } | undefined;
    ctx.say(
      `${docs.length} document${docs.length > 1 ? "s" : ""}, ${cores} core${cores > 1 ? "s" : ""}: scoreAll("${query}") → jobs: ${describeJobs(query, docs)} (the sum is ${costs.reduce((a, b) => a + b, 0)} ms)`,
    );
    rt.spawn(
      future(function* () {
        const scores = yield* scoreAll(query, docs);
        done = { t: rt.now, scores };
      }),
      { label: `scoreAll("${query}")` },
    );
    rt.runToCompletion();
    if (done === undefined) throw new Error(`scoreAll("${query}") never finished`);
    ctx.story.at(done.t, `scoreAll("${query}") is done: [${done.scores.join(", ")}]`);
    const why =
      rounds === 1
        ? `${docs.length} job${docs.length > 1 ? "s" : ""} on ${cores} core${cores > 1 ? "s" : ""} can all run at once, so the scores are due when the longest job (${longest} ms) ends, at t=${due}`
        : `${docs.length} jobs on ${cores} cores need at most ${rounds} rounds of the longest job (${longest} ms), so the scores are due by t=${due}`;
    expect(
      done.t,
      `${why}; they came at t=${done.t}. Start every job before awaiting any, one job per document, off the main thread`,
    ).toBeLessThanOrEqual(due);
    expect(
      done.t,
      `no scoring can end before its longest job (${longest} ms): is each job's costMs scoreCost(query, doc)?`,
    ).toBeGreaterThanOrEqual(longest);
    expect(done.scores, "every document's score, in the order of docs").toEqual(docs.map((d) => score(query, d)));
  },
  { numRuns: 100 },
);

property(
  `the screen only ever shows the latest query: "Scoring …" with an empty list from the keystroke on, then exactly its results`,
  [docsArb, coresArb, typingArb, runtimeSeed()],
  (ctx, docs, cores, typing, seed) => {
    session(ctx, docs, cores, typing, seed, (s, latest, justTyped, app, typedAt) => {
      if (latest === undefined) {
        expect(s, "before any typing").toEqual({ status: START, items: [] });
        return;
      }
      if (justTyped) {
        expect(
          s.status,
          `"${latest}" was just typed: the status should say so in the same instant, before any scoring is done`,
        ).toBe(scoring(latest));
      }
      if (s.status === scoring(latest)) {
        expect(
          s.items,
          `"${latest}" is still being scored: no result list yet (these would be an older query's)`,
        ).toEqual([]);
      } else {
        expect(
          s.status,
          `the latest query typed is "${latest}": an older query's results must never be shown. Cancel the older scoring when a new query is typed (read the running task inside the handler), so its results never land`,
        ).toBe(resultsFor(latest));
        expect(s.items, `the results on screen should be "${latest}"'s`).toEqual(expectedLines(latest, docs));
        // The same text may have been typed before: its results read the same, but they are an older query's until the latest keystroke's own jobs are done.
        const jobs = threads(app).jobs.slice(-docs.length);
        if (jobs.length < docs.length || jobs.some((j) => j.submittedAt < typedAt || j.task !== jobs[0]!.task)) return;
        const done = Math.max(...jobs.map((j) => j.endsAt));
        const earlier = typing.find((e) => e.event === latest && e.t < typedAt);
        expect(
          app.now,
          `at t=${app.now} the screen shows results for "${latest}", but the scoring started by the latest keystroke (t=${typedAt}) ends only at t=${done}, so these results are not its own` +
            (earlier
              ? `: "${latest}" was also typed at t=${earlier.t}, and that older scoring was left to land. Checking that the query text is still the latest cannot tell two typings of the same text apart; cancel the older task when a new query is typed`
              : ""),
        ).toBeGreaterThanOrEqual(done);
      }
    });
  },
  { numRuns: 60 },
);

// Dioxus polls its tasks on the VirtualDom's own thread (desktop: inside the tokio runtime that
// packages/desktop/src/launch.rs starts; web: wasm_bindgen_futures::spawn_local in packages/web/src/launch.rs),
// so a task may hold a plain Signal across its awaits and write it the moment they return.
property(
  "the task that awaits the scoring puts the results on screen itself, in the very instant the latest query's last job ends",
  [docsArb, coresArb, typingArb, runtimeSeed()],
  (ctx, docs, cores, typing, seed) => {
    let typedAt = 0;
    session(ctx, docs, cores, typing, seed, (s, latest, justTyped, app) => {
      if (latest === undefined) return;
      if (justTyped) typedAt = app.now;
      // The latest query's jobs: the last docs.length jobs, if one task submitted them all since it was typed.
      const jobs = threads(app).jobs.slice(-docs.length);
      if (jobs.length < docs.length || jobs.some((j) => j.submittedAt < typedAt || j.task !== jobs[0]!.task)) return;
      const done = Math.max(...jobs.map((j) => j.endsAt));
      if (app.now < done) return;
      expect(
        s,
        `"${latest}"'s last scoring job ended at t=${done}, and it is t=${app.now}: its results should be on screen by now. ` +
          "A Dioxus task never leaves the UI thread, so the task that awaited the jobs may write the screen's signals itself as soon as its await returns; no other task or timer has to carry the scores over",
      ).toEqual({ status: resultsFor(latest), items: expectedLines(latest, docs) });
    });
  },
  { numRuns: 60 },
);

/** Which of two screens a keystroke goes to. */
const SIDES = ["left", "right"] as const;
type Side = (typeof SIDES)[number];

property(
  "two search screens on one page keep to themselves: typing in one never cancels or changes the other's scoring, and each ends with its own final query's results",
  [
    docsArb,
    coresArb,
    eventSchedule(fc.tuple(fc.constantFrom<Side>(...SIDES), queryArb), { minEvents: 2, maxEvents: 5, maxGap: 40 }),
    runtimeSeed(),
  ],
  (ctx, docs, cores, typing, seed) => {
    const TwoScreens = () => div(component(SearchScreen, { docs }), component(SearchScreen, { docs }));
    const app = ctx.render(TwoScreens, { cores, seed });
    ctx.say(`two search screens, left and right, each over ${describeDocs(docs, cores)}`);
    // Each screen's elements are the ones under its own component: their paths on the page part at the id of that component.
    const boxes = app.queryAllByRole("textbox");
    expect(boxes.length, "the page should show two search boxes, one per screen").toBe(2);
    let common = 0;
    while (boxes[0]!.path[common] === boxes[1]!.path[common]) common++;
    const page = boxes[0]!.path.slice(0, boxes[0]!.path.lastIndexOf("/", common) + 1);
    const screenPath = (path: string) =>
      path.startsWith(page) ? page + /^\d+/.exec(path.slice(page.length))?.[0] : undefined;
    const sideOf = (h: { path: string }): Side | undefined =>
      SIDES[boxes.findIndex((b) => screenPath(b.path) === screenPath(h.path))];
    const screenOf = (side: Side): Screen => ({
      status:
        app
          .queryAllByRole("status")
          .find((h) => sideOf(h) === side)
          ?.text.trim() ?? "(no status line)",
      items: app
        .queryAllByRole("listitem")
        .filter((h) => sideOf(h) === side)
        .map((h) => h.text.trim()),
    });
    const last: Partial<Record<Side, string>> = {};
    for (const {
      t,
      event: [side, q],
    } of typing) {
      app.at(
        t,
        () => {
          ctx.say(`type "${q}" in the ${side} screen`);
          last[side] = q;
          app.input(boxes[SIDES.indexOf(side)]!, q);
        },
        `type "${q}" on the ${side}`,
      );
    }
    app.runToCompletion();
    for (const side of SIDES) {
      const s = screenOf(side);
      ctx.say(`the ${side} screen ends showing ${show(s)}`);
      const q = last[side];
      const expected: Screen =
        q === undefined ? { status: START, items: [] } : { status: resultsFor(q), items: expectedLines(q, docs) };
      const other = SIDES.find((x) => x !== side)!;
      expect(
        s,
        (q === undefined
          ? `nothing was typed in the ${side} screen, so it should still show its start`
          : `the last query typed in the ${side} screen was "${q}": it should end with that query's results`) +
          (last[other] === undefined
            ? ""
            : `, whatever was typed in the ${other} screen. Keep the running task and anything else a screen needs in that screen's own state (useSignal in SearchScreen): a module-level variable is one for every screen, so typing in one cancels or hides the other's scoring`),
      ).toEqual(expected);
    }
  },
  { numRuns: 40 },
);
