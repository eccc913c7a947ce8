/**
 * Kata 11 · Capstone: the properties.
 *
 * A user types into the search box at generated virtual times (each event
 * is the box's whole new text, one of a few short queries, so queries come
 * back and the cache matters). The n-th request sent gets the n-th
 * generated answer: a latency, and ok, a 500, or a network failure. A
 * successful search answer lists the breeds whose name starts with the
 * query, so every query's list reads differently on the screen.
 *
 * The story is told from the keystrokes and the network's log once the run
 * has settled, in time order: what was typed, each request sent, answered,
 * failed or aborted, and what the screen showed at each keystroke and at the end.
 *
 * The last property is about the "Random image" action: once a search has
 * settled and a breed is picked, the user clicks at generated times, and
 * each click's request gets its own generated answer, whose image URL says
 * which click it answers ("the dog of click #2").
 */
import { expect } from "./support/expect.ts";
import { BreedBrowser, searchUrl } from "#kata/11-capstone";
import {
  answer,
  network,
  render,
  type Answer,
  type App,
  type RenderOptions,
  type RequestRecord,
  type TraceEntry,
} from "../runtime/testing.ts";
import {
  describeResponse,
  eventSchedule,
  fc,
  latency,
  property,
  response,
  runtimeSeed,
  toAnswer as okOrFailure,
  type NetworkResponse,
  type PropertyContext,
  type ScheduledEvent,
} from "./support/index.ts";

const DEBOUNCE = 150;
const RETRIES = [100, 200];
const PROMPT = "Type a breed name";
const BREEDS = ["beagle", "boxer", "bulldog", "husky", "hound", "pug", "pomeranian"];
/** What the user may leave in the box: "" (an emptied box) and "x" (no breed matches: an empty, but real, answer) included. */
const TYPED = ["", "b", "bo", "h", "hu", "p", "po", "x"];
/** Queries that are searched. */
const SEARCHED = TYPED.filter((q) => q !== "");
/** Queries whose answer lists at least one breed. */
const WITH_BREEDS = SEARCHED.filter((q) => matches(q).length > 0);

/** The search box, found by its label. */
const BOX = { role: "textbox", name: "Search breeds" } as const;
/** dog.ceo's endpoint for one random image of a breed. */
const imageUrl = (breed: string) => `https://dog.ceo/api/breed/${breed}/images/random`;

/**
 * A generated response as the network answers it. A 500 carries a JSON body
 * with a `message`, as dog.ceo's errors do, so code that reads the body
 * without checking the status shows the error as if it were an answer.
 */
function toAnswer(r: NetworkResponse, body: unknown): Answer {
  return r.outcome === "http-error"
    ? answer.status(500, r.latency, { status: "error", message: "Internal server error", code: 500 })
    : okOrFailure(r, body);
}

function matches(q: string): string[] {
  return BREEDS.filter((b) => b.startsWith(q));
}
const queryOf = (url: string) => (url.startsWith(searchUrl("")) ? url.slice(searchUrl("").length) : undefined);
const failedLine = (q: string) => `Search for "${q}" failed, try again.`;
const EMPTY_LIST = "an empty list";

/** What the screen shows, in the story's words. */
function screen(app: App): string {
  const items = app.queryAllByRole("listitem").map((e) => e.text.trim());
  if (items.length > 0) return items.join(", ");
  if (app.queryAllByRole("list").length > 0) return EMPTY_LIST;
  const m = /Search for "(\w*)" failed, try again\./.exec(app.text());
  if (m) return `"${m[0]}"`;
  if (app.text().includes(PROMPT)) return `"${PROMPT}"`;
  return JSON.stringify(app.text());
}
/** The breeds of `q` as the screen shows them. */
const listOf = (q: string) => (matches(q).length > 0 ? matches(q).join(", ") : EMPTY_LIST);
/** What the screen must show, once settled, for the final query `q` ("ok" or "failed"). */
const expected = (q: string, how: "ok" | "failed") =>
  q === "" ? `"${PROMPT}"` : how === "ok" ? listOf(q) : `"${failedLine(q)}"`;

function isSuccess(r: RequestRecord): boolean {
  return r.state === "delivered" && r.answer.failure === undefined && (r.answer.status ?? 200) < 300;
}

/** The box's text after every event up to `t` (`before`: strictly before `t`). */
function boxAt(events: readonly ScheduledEvent<string>[], t: number, before = false): string {
  const typed = events.filter((e) => (before ? e.t < t : e.t <= t));
  return typed[typed.length - 1]?.event ?? "";
}

/** A story line; `seq` (its place in the trace) orders lines of one instant. */
interface Line {
  t: number;
  text: string;
  seq?: number | undefined;
  /** What the screen shows once the instant has settled: told after everything else at `t`. */
  last?: boolean;
}

interface PlayOptions {
  /** Called once each instant at which anything happens has settled; a line it returns goes into the story. */
  atEachInstant?: (app: App, t: number) => string | undefined;
  /** More story lines, from the settled app. */
  more?: (app: App) => Line[];
}

/**
 * The app, a user typing at `events`' times, the network answering with
 * `answers` in order; run until everything settles. With `atEachInstant`,
 * the same run is first played once unseen to learn every instant at which
 * something happens, then played again stopping at each of those instants
 * (the screen can only change at one of them), calling `atEachInstant`.
 */
function play(
  ctx: PropertyContext,
  events: readonly ScheduledEvent<string>[],
  answers: readonly NetworkResponse[],
  seed: number,
  { atEachInstant, more }: PlayOptions = {},
) {
  const options: RenderOptions = {
    seed,
    network: (req) =>
      toAnswer(answers[req.index % answers.length]!, { message: matches(queryOf(req.url) ?? ""), status: "success" }),
  };
  let instants: number[] = [];
  if (atEachInstant !== undefined) {
    const scout = render(BreedBrowser, { ...options, sites: false }); // it only finds the instants to look at: no call sites needed
    try {
      for (const e of events) scout.at(e.t, () => scout.input(BOX, e.event), `type ${e.event}`);
      scout.runToCompletion();
      instants = [...new Set(scout.rt.trace.entries.map((e) => e.t))].sort((a, b) => a - b);
    } finally {
      scout.rt[Symbol.dispose]();
    }
  }
  const app = ctx.render(BreedBrowser, options);
  const lines: Line[] = [];
  /** Each keystroke with its place in the trace: at one instant a keystroke may come before or after a timer (the runtime's seed decides). */
  const typed: { event: ScheduledEvent<string>; seq: number }[] = [];
  for (const e of events) {
    app.at(
      e.t,
      () => {
        const seq = app.rt.trace.entries.length;
        lines.push({ t: app.now, seq, text: `types "${e.event}" (screen: ${screen(app)})` });
        typed.push({ event: e, seq });
        app.input(BOX, e.event);
      },
      `type ${e.event}`,
    );
  }
  for (const t of instants) {
    app.advanceTo(t);
    const text = atEachInstant!(app, t);
    if (text !== undefined) lines.push({ t, text, last: true });
  }
  app.runToCompletion();
  const requests = network(app).requests;
  /** Where the network's `kind` entry for request `r` sits in the trace. */
  const seqOf = (r: RequestRecord, kind: string) =>
    app.rt.trace.entries.find((e) => e.kind === kind && String(e.detail).includes(`(#${r.id})`))?.seq;
  for (const r of requests) {
    const a = answers[(r.id - 1) % answers.length]!;
    const q = queryOf(r.url);
    lines.push({
      t: r.sentAt,
      seq: seqOf(r, "request"),
      text: `request #${r.id} for "${q ?? r.url}" sent (it ${describeResponse(a)})`,
    });
    if (r.state === "aborted") lines.push({ t: r.endedAt!, seq: seqOf(r, "abort"), text: `request #${r.id} aborted` });
    else if (r.state === "delivered")
      lines.push({
        t: r.endedAt!,
        seq: seqOf(r, "response"),
        text: `request #${r.id} ${isSuccess(r) ? "answers" : a.outcome === "failure" ? "fails" : "answers 500"}`,
      });
  }
  if (more !== undefined) lines.push(...more(app));
  // In time order, and at one instant in the order things happened; what the screen shows once the instant has settled comes last.
  const last = (l: Line) => Number(l.last ?? false);
  lines.sort(
    (a, b) => a.t - b.t || last(a) - last(b) || (a.seq !== undefined && b.seq !== undefined ? a.seq - b.seq : 0),
  );
  for (const l of lines) ctx.story.at(l.t, l.text);
  ctx.say(`everything has settled; screen: ${screen(app)}`);
  /** The keystrokes that really came before request `r` was sent (at a tie, the trace's order decides). */
  const typedBefore = (r: RequestRecord) => {
    const sent = seqOf(r, "request")!;
    return typed.filter((k) => k.seq < sent).map((k) => k.event);
  };
  return { app, requests: requests.filter((r) => queryOf(r.url) !== undefined), typedBefore };
}

/** A user typing a few of the queries (so each one comes back), at times up to `maxGap` ms apart, several in one instant now and then. */
const typingUpTo = (maxGap: number) =>
  fc
    .shuffledSubarray(TYPED, { minLength: 1, maxLength: 3 })
    .chain((queries) => eventSchedule(fc.constantFrom(...queries), { minEvents: 1, maxEvents: 6, maxGap }));
const typing = typingUpTo(300);
const answersArb = fc.array(response({ latency: { max: 120 } }), { minLength: 5, maxLength: 9 });

// The whole point of restart-on-change: only the final query may decide what is shown.
property(
  "once everything has settled, the screen shows the final query's breeds (or its error line), never an older query's, whatever the timing and the answers",
  [typing, answersArb, runtimeSeed()],
  (ctx, events, answers, seed) => {
    const { app, requests } = play(ctx, events, answers, seed);
    const q = events[events.length - 1]!.event;
    const mine = requests.filter((r) => queryOf(r.url) === q);
    const last = mine[mine.length - 1];
    // No request at all for q, or a successful one last: its breeds (from the cache, or the answer).
    const how = last === undefined || isSuccess(last) ? "ok" : "failed";
    expect(
      screen(app),
      q === "" ? "the box was emptied last: the screen should show the prompt" : `the final query is "${q}"`,
    ).toBe(expected(q, how));
  },
  { numRuns: 60 },
);

// Debounce + cancel: the network only ever works for the query the user is still asking.
property(
  `at most one search request is in flight at any moment, and a query is only searched once the user has stopped typing for ${DEBOUNCE} ms`,
  [typing, answersArb, runtimeSeed()],
  (ctx, events, answers, seed) => {
    const { requests, typedBefore } = play(ctx, events, answers, seed);
    for (const r of requests) {
      // A keystroke at the very instant the debounce ends may come just after the request (it then aborts it).
      const typed = typedBefore(r);
      const latest = typed[typed.length - 1];
      expect(
        queryOf(r.url),
        `request #${r.id} at t=${r.sentAt} searches "${queryOf(r.url)}", but the box then held "${latest?.event ?? ""}": only the query in the box may be searched`,
      ).toBe(latest?.event);
      expect(
        queryOf(r.url),
        `request #${r.id} at t=${r.sentAt} searches an empty box: an empty box shows the prompt and sends nothing`,
      ).not.toBe("");
      expect(
        r.sentAt - latest!.t,
        `request #${r.id} at t=${r.sentAt}: "${latest!.event}" was typed at t=${latest!.t}; wait ${DEBOUNCE} ms of quiet before searching`,
      ).toBeGreaterThanOrEqual(DEBOUNCE);
      const overlapping = requests.filter((o) => o.id < r.id && (o.endedAt ?? Infinity) > r.sentAt);
      expect(
        overlapping.map((o) => `#${o.id}`),
        `when request #${r.id} is sent at t=${r.sentAt}, no other search may still be in flight`,
      ).toEqual([]);
    }
  },
  { numRuns: 60 },
);

// The cache: an answer once fetched is never fetched again, an empty list of breeds included.
property(
  "a query answered once is never requested again: typing it later answers from the cache",
  [typing, answersArb, runtimeSeed()],
  (ctx, events, answers, seed) => {
    const { requests } = play(ctx, events, answers, seed);
    for (const r of requests) {
      const earlier = requests.find((o) => o.id < r.id && o.url === r.url && isSuccess(o) && o.endedAt! <= r.sentAt);
      const what = matches(queryOf(r.url)!).length === 0 ? " (with no breeds: an empty list is an answer too)" : "";
      expect(
        earlier && `#${earlier.id}`,
        `request #${r.id} at t=${r.sentAt} asks for "${queryOf(r.url)}" again, though an earlier request already answered it${what}`,
      ).toBeUndefined();
    }
  },
  { numRuns: 60 },
);

/** A failed attempt: a 500 or no answer at all. */
const failure = (max: number) =>
  fc.record({ latency: latency({ max }), outcome: fc.constantFrom("http-error" as const, "failure" as const) });

// Failures are not answers: the cache holds only what the server answered.
property(
  `a search that failed is never cached: typing the same query again, even at once, sends a new request for it ${DEBOUNCE} ms later`,
  [
    fc.constantFrom(...SEARCHED),
    fc.constantFrom(...TYPED),
    fc.array(failure(60), { minLength: 3, maxLength: 3 }),
    fc.oneof(fc.constant(0), fc.nat(200)),
    fc.oneof(fc.constant(0), fc.nat(200)),
    response({ latency: { max: 60 } }),
    runtimeSeed(),
  ],
  (ctx, q, other, failures, gap1, gap2, again, seed) => {
    // q fails 3 times; the user types `other`, then q again; q's next requests get `again`, any other query an instant list.
    const failedAt =
      DEBOUNCE + failures[0]!.latency + RETRIES[0]! + failures[1]!.latency + RETRIES[1]! + failures[2]!.latency;
    const events = [
      { t: 0, event: q },
      { t: failedAt + gap1, event: other },
      { t: failedAt + gap1 + gap2, event: q },
    ];
    const sentFor: string[] = [];
    const app = ctx.render(BreedBrowser, {
      seed,
      network: (req) => {
        const asked = queryOf(req.url) ?? "";
        sentFor.push(asked);
        const n = sentFor.filter((s) => s === q).length;
        const r = asked !== q ? { latency: 10, outcome: "ok" as const } : n <= 3 ? failures[n - 1]! : again;
        return toAnswer(r, { message: matches(asked), status: "success" });
      },
    });
    // The story in time order, and at one instant in the trace's order.
    const lines: Line[] = [];
    for (const e of events) {
      app.at(
        e.t,
        () => {
          lines.push({
            t: app.now,
            seq: app.rt.trace.entries.length,
            text: `types "${e.event}" (screen: ${screen(app)})`,
          });
          app.input(BOX, e.event);
        },
        `type ${e.event}`,
      );
    }
    app.runToCompletion();
    const requests = network(app).requests;
    const seqOf = (r: RequestRecord, kind: string) =>
      app.rt.trace.entries.find((e) => e.kind === kind && String(e.detail).includes(`(#${r.id})`))?.seq;
    for (const r of requests) {
      lines.push({ t: r.sentAt, seq: seqOf(r, "request"), text: `request #${r.id} for "${queryOf(r.url)}" sent` });
      if (r.endedAt !== undefined)
        lines.push({
          t: r.endedAt,
          seq: seqOf(r, r.state === "aborted" ? "abort" : "response"),
          text: `request #${r.id} ${r.state === "aborted" ? "aborted" : isSuccess(r) ? "answers" : "fails"}`,
        });
    }
    lines.sort((a, b) => a.t - b.t || (a.seq ?? Infinity) - (b.seq ?? Infinity));
    for (const l of lines) ctx.story.at(l.t, l.text);
    ctx.say(`everything has settled; screen: ${screen(app)}`);
    const retyped = events[2]!.t;
    const resent = requests.find((r) => queryOf(r.url) === q && r.sentAt === retyped + DEBOUNCE);
    const earlier = requests
      .filter((r) => queryOf(r.url) === q && r.sentAt < retyped)
      .map((r) => `#${r.id} ${r.state === "aborted" ? "aborted" : isSuccess(r) ? "answered" : "failed"}`);
    // What was sent for q instead, if anything: then the timing is wrong, not the cache.
    const instead = requests
      .filter((r) => queryOf(r.url) === q && r.sentAt >= retyped)
      .map((r) => `at t=${r.sentAt} (request #${r.id})`);
    expect(
      resent && `#${resent.id}`,
      `"${q}" was typed again at t=${retyped}, ${earlier.length > 0 ? `after its requests (${earlier.join(", ")}) got no answer` : "and no request for it had been answered in this run (none was sent: the cache starts empty in every run)"}: it must be requested again at t=${retyped + DEBOUNCE}, ` +
        (instead.length > 0
          ? `${DEBOUNCE} ms after that keystroke, but it was requested ${instead.join(", ")}`
          : "not taken from the cache or a list of failures, but no request for it was sent"),
    ).toBeDefined();
    expect(
      screen(app),
      `the final query is "${q}", whose new search ${again.outcome === "ok" ? "got an answer" : "failed again"}`,
    ).toBe(expected(q, again.outcome === "ok" ? "ok" : "failed"));
  },
  { numRuns: 30 },
);

// Retry with backoff: the exact times of the attempts, and what the screen says after the last.
property(
  `a failed search is retried ${RETRIES.length} times, ${RETRIES.join(" ms and then ")} ms after each failure, then shows its error line, never the previous list`,
  [
    fc.constantFrom(...SEARCHED),
    fc.constantFrom(...SEARCHED),
    response({ latency: { max: 60 } }).map((r) => ({ ...r, outcome: "ok" as const })),
    fc.array(response({ latency: { max: 60 } }), { minLength: 3, maxLength: 3 }),
    runtimeSeed(),
  ],
  (ctx, q1, q2, first, attempts, seed) => {
    if (q1 === q2) q2 = SEARCHED[(SEARCHED.indexOf(q1) + 1) % SEARCHED.length]!;
    // q1 is answered first, so a list is on screen when q2 is typed.
    const t2 = DEBOUNCE + first.latency + 10;
    const { app, requests } = play(
      ctx,
      [
        { t: 0, event: q1 },
        { t: t2, event: q2 },
      ],
      [first, ...attempts],
      seed,
    );
    const mine = requests.filter((r) => queryOf(r.url) === q2);
    // The attempts the user should see: until one succeeds, at most 1 + retries.
    let t = t2 + DEBOUNCE;
    let n = 0;
    for (; n < attempts.length; n++) {
      const r = mine[n];
      const why =
        n === 0
          ? `${DEBOUNCE} ms after "${q2}" was typed`
          : `${RETRIES[n - 1]} ms after attempt ${n} failed at t=${t - RETRIES[n - 1]!}`;
      expect(r?.sentAt, `attempt ${n + 1} for "${q2}" should be sent at t=${t}, ${why}`).toBe(t);
      if (attempts[n]!.outcome === "ok") break;
      t += attempts[n]!.latency + (RETRIES[n] ?? 0);
    }
    const sent = Math.min(n + 1, attempts.length);
    expect(mine.length, `"${q2}" should be tried ${sent} time(s) in all`).toBe(sent);
    expect(screen(app), `the final query is "${q2}"`).toBe(expected(q2, n < attempts.length ? "ok" : "failed"));
  },
  { numRuns: 80 },
);

/**
 * A user typing in bursts: keystrokes less than DEBOUNCE ms apart (or in one
 * instant), and pauses long enough, often, for a search to finish, retries
 * included, before the next burst; so what a search ended with is on the
 * screen when the box changes again. No gap is exactly DEBOUNCE: whether a
 * debounce that ends as a key is pressed still runs is a tie the next
 * property leaves alone.
 */
const typingInBursts = fc
  .shuffledSubarray(TYPED, { minLength: 1, maxLength: 3 })
  .chain((queries) =>
    fc.array(
      fc.tuple(
        fc.oneof(
          { withCrossShrink: true },
          { arbitrary: fc.constant(0), weight: 1 },
          { arbitrary: fc.integer({ min: 1, max: DEBOUNCE - 1 }), weight: 2 },
          { arbitrary: fc.integer({ min: DEBOUNCE + 1, max: 1000 }), weight: 2 },
        ),
        fc.constantFrom(...queries),
      ),
      { minLength: 1, maxLength: 7 },
    ),
  )
  .map((steps) => {
    let t = 0;
    return steps.map(([gap, event]) => ({ t: (t += gap), event }));
  });
/** Answers where failures are as likely as successes, so retries, and searches that fail for good, are common. */
const flakyAnswers = fc.array(
  fc.record({
    latency: latency({ max: 120 }),
    outcome: fc.constantFrom("ok" as const, "http-error" as const, "failure" as const),
  }),
  { minLength: 5, maxLength: 9 },
);

/** What the screen must show once the instant `t` has settled, and why, from the keystrokes and the network's log. */
function shouldShow(
  events: readonly ScheduledEvent<string>[],
  requests: readonly RequestRecord[],
  t: number,
): { show: string; why: string } {
  const box = boxAt(events, t);
  if (box === "") return { show: `"${PROMPT}"`, why: "the box is empty" };
  // Every search that finished, in time order: an answer or a last failure for the query that was in the box, a cache hit, an emptied box.
  const finished: { t: number; show: string | undefined; why: string }[] = [];
  const attempts = new Map<string, number>();
  for (const r of requests) {
    const key = String(r.task ?? `request ${r.id}`);
    const n = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, n);
    const q = queryOf(r.url)!;
    if (r.state !== "delivered" || r.endedAt! > t || boxAt(events, r.endedAt!, true) !== q) continue;
    if (isSuccess(r))
      finished.push({ t: r.endedAt!, show: listOf(q), why: `request #${r.id} for "${q}", answered at t=${r.endedAt}` });
    else if (n > RETRIES.length)
      finished.push({
        t: r.endedAt!,
        show: `"${failedLine(q)}"`,
        why: `"${q}": request #${r.id}, attempt ${n} (the last one allowed), failed at t=${r.endedAt}`,
      });
  }
  const instants = [...new Set(events.map((e) => e.t))];
  for (const [i, at] of instants.entries()) {
    const q = boxAt(events, at);
    const quietUntil = instants[i + 1] ?? Infinity;
    if (q === "" && at <= t) finished.push({ t: at + 0.5, show: undefined, why: `the box was emptied at t=${at}` });
    const cached = requests.some((r) => queryOf(r.url) === q && isSuccess(r) && r.endedAt! <= at);
    if (q !== "" && cached && quietUntil > at + DEBOUNCE && at + DEBOUNCE <= t) {
      const answeredBy = requests.find((r) => queryOf(r.url) === q && isSuccess(r) && r.endedAt! <= at)!;
      finished.push({
        t: at + DEBOUNCE + 0.25,
        show: listOf(q),
        why: `"${q}", typed at t=${at}, whose search at t=${at + DEBOUNCE} should answer from the cache (request #${answeredBy.id} answered "${q}" at t=${answeredBy.endedAt})`,
      });
    }
  }
  finished.sort((a, b) => a.t - b.t);
  const last = finished[finished.length - 1];
  // Requests that ended after the latest finished search without finishing one: a stale answer, or a failure with retries left.
  const notes: string[] = [];
  const tries = new Map<string, number>();
  for (const r of requests) {
    const key = String(r.task ?? `request ${r.id}`);
    const n = (tries.get(key) ?? 0) + 1;
    tries.set(key, n);
    if (r.state !== "delivered" || r.endedAt! > t || r.endedAt! < (last?.t ?? -1)) continue;
    const q = queryOf(r.url)!;
    const inBox = boxAt(events, r.endedAt!, true);
    if (inBox !== q)
      notes.push(
        `request #${r.id} for "${q}" ended at t=${r.endedAt}, when the box held "${inBox}": its answer must not land`,
      );
    else if (!isSuccess(r) && n <= RETRIES.length)
      notes.push(
        `request #${r.id} for "${q}" failed at t=${r.endedAt}, but it was attempt ${n} of ${RETRIES.length + 1}, so it did not finish its search`,
      );
  }
  const noted = notes.length > 0 ? `; ${notes.join("; ")}` : "";
  // A query the cache holds, typed less than DEBOUNCE ago: its search is still waiting, though it will send nothing.
  const typedAt = events.filter((e) => e.t <= t).at(-1)!.t;
  const waits =
    t < typedAt + DEBOUNCE &&
    last?.show !== listOf(box) &&
    requests.some((r) => queryOf(r.url) === box && isSuccess(r) && r.endedAt! <= typedAt)
      ? ` ("${box}", typed at t=${typedAt}, is in the cache, but its search waits ${DEBOUNCE} ms of quiet first, like any other)`
      : "";
  // An answer kept from another run (in module state, not in SEARCH_CACHE, which every app starts empty) is no answer here.
  const unanswered = requests.some((r) => queryOf(r.url) === box && isSuccess(r) && r.endedAt! <= t)
    ? ""
    : ` (no request in this run has answered "${box}", and the cache starts empty)`;
  if (last === undefined)
    return { show: `"${PROMPT}"`, why: `no search has finished yet${unanswered}${waits}${noted}` };
  if (last.show === undefined)
    return {
      show: `"${PROMPT}"`,
      why: `no search has finished since ${last.why}, which forgot what was shown before${waits}${noted}`,
    };
  return { show: last.show, why: `the latest search to finish is ${last.why}${waits}${noted}` };
}

// Between events: a restart keeps the last result on the screen until the new one lands (Dioxus's use_resource never clears its value on a restart: packages/hooks/src/use_resource.rs).
property(
  "at every moment, not only at the end, the screen shows the prompt while the box is empty, else the latest finished search's breeds or error line: kept through a debounce, a restart and a retry's wait, never an aborted request's answer",
  [typingInBursts, flakyAnswers, runtimeSeed()],
  (ctx, events, answers, seed) => {
    const seen: { t: number; shown: string }[] = [];
    const { requests } = play(ctx, events, answers, seed, {
      atEachInstant: (app, t) => {
        const shown = screen(app);
        const changed = seen[seen.length - 1]?.shown !== shown;
        seen.push({ t, shown });
        return changed ? `screen: ${shown}` : undefined;
      },
    });
    for (const { t, shown } of seen) {
      const { show, why } = shouldShow(events, requests, t);
      expect(shown, `at t=${t}, with "${boxAt(events, t)}" in the box, the screen should show ${show}: ${why}`).toBe(
        show,
      );
    }
  },
  { numRuns: 50 },
);

/**
 * Every restart of a resource, whoever asks for it (its watcher task after a
 * change, or a call to restart()), cancels the run and stores the new run's
 * task: in the trace, one write to the resource's task signal
 * (packages/hooks/src/use_resource.rs, `restart` and the watcher both go through
 * the same callback; the runtime labels the signal "task of useResource").
 */
const isRestart = (e: TraceEntry) => e.kind === "signal-write" && String(e.detail).startsWith("task of useResource");
/** A restart done by the resource's own watcher (a change to what it read), not by restart() called elsewhere. */
const byWatcher = (e: TraceEntry) => e.label?.startsWith("watcher of useResource") === true;

// Restarts that should not happen: a search that reads what it writes restarts itself.
property(
  "the search restarts only when the user types, once per instant of typing, never because it wrote the cache or anything else it reads",
  [typing, answersArb, runtimeSeed()],
  (ctx, events, answers, seed) => {
    const typedAt = new Set(events.map((e) => e.t));
    /** The signals written at the restart's instant before it (the search's own resource bookkeeping aside). */
    const writtenBefore = (app: App, r: TraceEntry) => [
      ...new Set(
        app.rt.trace.entries
          .filter(
            (e) =>
              e.t === r.t && e.seq < r.seq && e.kind === "signal-write" && !String(e.detail).includes("useResource"),
          )
          .map((e) => String(e.detail)),
      ),
    ];
    const restartsOf = (app: App) => app.rt.trace.entries.filter(isRestart);
    const { app } = play(ctx, events, answers, seed, {
      more: (app) =>
        restartsOf(app).map((r) => {
          const written = writtenBefore(app, r);
          const why = !byWatcher(r)
            ? " (restart() was called)"
            : typedAt.has(r.t)
              ? ""
              : written.length > 0
                ? `, after writes to ${written.join(", ")}`
                : "";
          return { t: r.t, seq: r.seq, text: `the search restarts${why}` };
        }),
    });
    const restarts = restartsOf(app);
    for (const r of restarts) {
      const sameInstant = restarts.filter((o) => o.t === r.t);
      const called = sameInstant.filter((o) => !byWatcher(o)).length;
      expect(
        sameInstant.length,
        `at t=${r.t} the search restarted ${sameInstant.length} times: typing restarts it once per instant, however many keystrokes that instant has` +
          (called > 0
            ? `; ${called} of those restarts came from calling restart(), which is not needed: a resource whose closure read the query already restarts when it changes`
            : ""),
      ).toBe(1);
      if (typedAt.has(r.t)) continue;
      const written = writtenBefore(app, r);
      expect.fail(
        `at t=${r.t} the search restarted, though nobody typed then${written.length > 0 ? `; just before, this instant wrote ${written.join(", ")}` : ""}. ` +
          "A resource restarts when anything its closure or its future read (without peek) changes: read only the query that way, and the cache with peek().",
      );
    }
  },
  { numRuns: 40 },
);

// ── the "Random image" action ───────────────────────────────────────────

const NO_IMAGE = "No image, try again.";
/** The image's accessible name, what a screen reader says for it. */
const DOG_LABEL = "a dog";
/** A click's image: the URL says which click it answers. */
const dogImage = (breed: string, n: number) => `https://images.dog.ceo/breeds/${breed}/click-${n}.jpg`;

/** What the action shows, in the story's words: "the dog of click #2", the error line, or nothing. */
function picture(app: App): string {
  const parts = app.queryAllByRole("img").map((el) => {
    const m = /click-(\d+)\.jpg$/.exec(String(el.props.src));
    const what = m ? `the dog of click #${m[1]}` : `an image with src ${JSON.stringify(el.props.src)}`;
    return el.name === DOG_LABEL ? what : `${what} labelled ${JSON.stringify(el.name)} (not "${DOG_LABEL}")`;
  });
  if (app.text().includes(NO_IMAGE)) parts.push(`"${NO_IMAGE}"`);
  return parts.join(" and ") || "no image";
}

/** The "Selected: …" lines on the screen, and how many "Random image" buttons there are. */
function selection(app: App): { lines: string[]; buttons: number } {
  return {
    lines: app.queryAllByText(/^Selected:/).map((e) => e.text.trim()),
    buttons: app.queryAllByRole("button", { name: "Random image" }).length,
  };
}
const describeSelection = ({ lines, buttons }: { lines: string[]; buttons: number }) =>
  `${lines.length === 0 ? 'no "Selected" line' : lines.map((l) => JSON.stringify(l)).join(" and ")}, ${buttons} "Random image" button(s)`;

// Picking from the list: a plain signal write, shown on the next render.
property(
  'picking a breed in the list shows "Selected: <breed>" for the latest pick, and the "Random image" button appears only once a breed is picked',
  [
    fc.constantFrom(...WITH_BREEDS),
    eventSchedule(fc.nat(9), { minEvents: 1, maxEvents: 4, maxGap: 40 }),
    runtimeSeed(),
  ],
  (ctx, q, picks, seed) => {
    const breeds = matches(q);
    const app = ctx.render(BreedBrowser, {
      seed,
      network: (req) =>
        queryOf(req.url) === undefined
          ? undefined
          : answer.ok({ message: matches(queryOf(req.url)!), status: "success" }, 20),
    });
    app.at(
      0,
      () => {
        ctx.say(`types "${q}"`);
        app.input(BOX, q);
      },
      `type ${q}`,
    );
    app.runToCompletion();
    const before = selection(app);
    ctx.say(`the search has settled; screen: ${screen(app)}; ${describeSelection(before)}`);
    expect(before.lines, 'no breed has been picked yet: there should be no "Selected" line').toEqual([]);
    expect(before.buttons, 'no breed has been picked yet: there should be no "Random image" button').toBe(0);
    const t0 = app.now;
    const picked: { t: number; breed: string }[] = [];
    for (const { t, event } of picks) {
      const breed = breeds[event % breeds.length]!;
      app.at(
        t0 + t,
        () => {
          picked.push({ t: app.now, breed });
          ctx.say(`clicks "${breed}"`);
          app.click({ role: "button", name: breed });
        },
        `pick ${breed}`,
      );
    }
    for (const t of [...new Set(picks.map((p) => t0 + p.t))]) {
      app.advanceTo(t);
      const latest = picked[picked.length - 1]!.breed;
      const now = selection(app);
      ctx.say(`screen: ${describeSelection(now)}`);
      expect(now.lines, `"${latest}" was picked last: the screen should say "Selected: ${latest}", once`).toEqual([
        `Selected: ${latest}`,
      ]);
      expect(now.buttons, `a breed is picked: there should be one "Random image" button`).toBe(1);
    }
  },
  { numRuns: 20 },
);

interface ImageClick {
  readonly n: number;
  readonly t: number;
  readonly response: NetworkResponse;
}

// use_action: call() cancels the running call before it starts the new one, so only the latest click can land.
property(
  `after a search has settled, clicking "Random image" shows the latest click's image (or "${NO_IMAGE}"), never an older click's, and a click while one is pending aborts the older request`,
  [
    fc.constantFrom(...WITH_BREEDS),
    latency({ max: 60 }),
    eventSchedule(response({ latency: { max: 60 } }), { minEvents: 1, maxEvents: 5, maxGap: 60 }),
    runtimeSeed(),
  ],
  (ctx, q, searchLatency, schedule, seed) => {
    const breed = matches(q)[0]!;
    const clicks: ImageClick[] = [];
    const clickOfTask = new Map<number, number>();
    let app!: App;
    app = ctx.render(BreedBrowser, {
      seed,
      network: (req) => {
        if (queryOf(req.url) !== undefined)
          return toAnswer(
            { latency: searchLatency, outcome: "ok" },
            { message: matches(queryOf(req.url)!), status: "success" },
          );
        if (req.url !== imageUrl(breed)) return undefined;
        // The task sending it tells which click it answers (else: the click being handled).
        const task = app.rt.currentTask;
        const n = (task === undefined ? undefined : clickOfTask.get(task.id)) ?? clicks.length;
        const c = clicks[n - 1]!;
        return toAnswer(c.response, { message: dogImage(breed, n), status: "success" });
      },
    });
    // The search: type, let it settle, pick the first breed listed.
    app.at(
      0,
      () => {
        ctx.say(`types "${q}"`);
        app.input(BOX, q);
      },
      `type ${q}`,
    );
    app.runToCompletion();
    const search = network(app).requests[0];
    if (search !== undefined) {
      ctx.story.at(search.sentAt, `request #${search.id} searches "${q}"`);
      ctx.story.at(search.endedAt ?? app.now, `it answers; screen: ${screen(app)}`);
    }
    ctx.say(`clicks "${breed}"`);
    app.click({ role: "button", name: breed });
    // Once the pick has rendered (no time passes).
    app.advance(0);
    const picked = selection(app);
    ctx.say(`screen: ${describeSelection(picked)}`);
    expect(picked.buttons, `"${breed}" was picked: the "Random image" button should be on the screen`).toBe(1);
    const t0 = app.now;
    for (const { t, event: response } of schedule) {
      app.at(
        t0 + t,
        () => {
          const c: ImageClick = { n: clicks.length + 1, t: t0 + t, response };
          clicks.push(c);
          ctx.say(`clicks "Random image" → click #${c.n} (its request ${describeResponse(response)})`);
          const seen = app.rt.trace.entries.length;
          app.click({ role: "button", name: "Random image" });
          const spawned = app.rt.trace.entries.slice(seen).find((e) => e.kind === "spawn");
          if (spawned?.task !== undefined) clickOfTask.set(spawned.task, c.n);
        },
        `click Random image`,
      );
    }
    // What must be shown once click c has answered: its dog, or the error line.
    const result = (c: ImageClick) => (c.response.outcome === "ok" ? `the dog of click #${c.n}` : `"${NO_IMAGE}"`);
    const times = [...new Set(schedule.flatMap((e) => [t0 + e.t, t0 + e.t + e.event.latency]))].sort((a, b) => a - b);
    let before = picture(app);
    for (const t of times) {
      app.advanceTo(t);
      const shown = picture(app);
      if (shown !== before) ctx.say(`screen: ${shown}`);
      // At one instant the user's clicks come first: a click at the instant an answer is due still replaces it.
      const latest = clicks.filter((c) => c.t <= t).at(-1)!;
      if (latest.t + latest.response.latency <= t) {
        expect(
          shown,
          `at t=${t} the answer to click #${latest.n} (the latest click) is due: the screen should show ${result(latest)}`,
        ).toBe(result(latest));
      } else if (shown !== before && shown !== "no image") {
        expect.fail(
          `at t=${t} the screen changed to ${shown} while click #${latest.n} (the latest) is still waiting: an older click's answer must never land`,
        );
      }
      before = shown;
    }
    app.runToCompletion();
    const last = clicks.at(-1)!;
    const end = picture(app);
    ctx.say(`everything has settled; screen: ${end}`);
    expect(
      end,
      `once everything has settled, the screen should show what the latest click (#${last.n}) got: ${result(last)}`,
    ).toBe(result(last));
    for (const r of network(app).requests.filter((r) => r.url === imageUrl(breed))) {
      const n =
        (r.task === undefined ? undefined : clickOfTask.get(r.task)) ?? clicks.filter((c) => c.t <= r.sentAt).length;
      const newer = clicks.find((c) => c.n > n && c.t <= r.answerAt);
      if (newer !== undefined) {
        ctx.say(`network: click #${n}'s request was ${r.state}${r.endedAt === undefined ? "" : ` at t=${r.endedAt}`}`);
        expect(
          r.state,
          `click #${newer.n} at t=${newer.t} came before click #${n}'s answer (due at t=${r.answerAt}): that request must be aborted, not ${r.state}`,
        ).toBe("aborted");
      }
    }
  },
  { numRuns: 40 },
);
