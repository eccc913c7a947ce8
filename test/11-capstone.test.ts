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
import { expect } from "vitest";
import { BreedBrowser, randomImageUrl, searchUrl } from "#kata/11-capstone";
import { network, type App, type RequestRecord } from "../runtime/index.ts";
import {
  describeResponse,
  eventSchedule,
  fc,
  latency,
  property,
  response,
  toAnswer,
  type NetworkResponse,
  type PropertyContext,
  type ScheduledEvent,
} from "./support/index.ts";

const DEBOUNCE = 150;
const RETRIES = [100, 200];
const PROMPT = "Type a breed name";
const BREEDS = ["beagle", "boxer", "bulldog", "husky", "hound", "pug", "pomeranian"];
const QUERIES = ["b", "bo", "h", "hu", "p", "po"];

const matches = (q: string) => BREEDS.filter((b) => b.startsWith(q));
const queryOf = (url: string) => (url.startsWith(searchUrl("")) ? url.slice(searchUrl("").length) : undefined);
const failedLine = (q: string) => `Search for "${q}" failed, try again.`;

/** What the screen shows, in the story's words. */
function screen(app: App): string {
  const items = app.queryAllByRole("listitem").map((e) => e.text.trim());
  if (items.length > 0) return items.join(", ");
  const m = /Search for "(\w*)" failed, try again\./.exec(app.text());
  if (m) return `"${m[0]}"`;
  if (app.text().includes(PROMPT)) return `"${PROMPT}"`;
  return JSON.stringify(app.text());
}
/** What the screen must show, once settled, for the final query `q` ("ok" or "failed"). */
const expected = (q: string, how: "ok" | "failed") => (how === "ok" ? matches(q).join(", ") : `"${failedLine(q)}"`);

function isSuccess(r: RequestRecord): boolean {
  return r.state === "delivered" && r.answer.failure === undefined && (r.answer.status ?? 200) < 300;
}

/** The app, a user typing at `events`' times, the network answering with `answers` in order; run until everything settles. */
function play(ctx: PropertyContext, events: readonly ScheduledEvent<string>[], answers: readonly NetworkResponse[]) {
  const app = ctx.render(BreedBrowser, {
    network: (req) => toAnswer(answers[req.index % answers.length]!, { message: matches(queryOf(req.url) ?? ""), status: "success" }),
  });
  const lines: { t: number; text: string }[] = [];
  for (const e of events) {
    app.at(e.t, () => {
      lines.push({ t: app.now, text: `types "${e.event}" (screen: ${screen(app)})` });
      app.input({ role: "textbox" }, e.event);
    }, `type ${e.event}`);
  }
  app.runToCompletion();
  const requests = network(app).requests;
  for (const r of requests) {
    const a = answers[(r.id - 1) % answers.length]!;
    const q = queryOf(r.url);
    lines.push({ t: r.sentAt, text: `request #${r.id} for "${q ?? r.url}" sent (it ${describeResponse(a)})` });
    if (r.state === "aborted") lines.push({ t: r.endedAt!, text: `request #${r.id} aborted` });
    else if (r.state === "delivered") lines.push({ t: r.endedAt!, text: `request #${r.id} ${isSuccess(r) ? "answers" : a.outcome === "failure" ? "fails" : "answers 500"}` });
  }
  lines.sort((a, b) => a.t - b.t);
  for (const l of lines) ctx.story.at(l.t, l.text);
  ctx.say(`everything has settled; screen: ${screen(app)}`);
  return { app, requests: requests.filter((r) => queryOf(r.url) !== undefined) };
}

const typing = eventSchedule(fc.constantFrom(...QUERIES), { minEvents: 1, maxEvents: 6, maxGap: 300 });
const answersArb = fc.array(response({ latency: { max: 120 } }), { minLength: 5, maxLength: 9 });

// The whole point of restart-on-change: only the final query may decide what is shown.
property(
  "once everything has settled, the screen shows the final query's breeds (or its error line), never an older query's, whatever the timing and the answers",
  [typing, answersArb],
  (ctx, events, answers) => {
    const { app, requests } = play(ctx, events, answers);
    const q = events[events.length - 1]!.event;
    const mine = requests.filter((r) => queryOf(r.url) === q);
    const last = mine[mine.length - 1];
    // No request at all for q, or a successful one last: its breeds (from the cache, or the answer).
    const how = last === undefined || isSuccess(last) ? "ok" : "failed";
    expect(screen(app), `the final query is "${q}"`).toBe(expected(q, how));
  },
  { numRuns: 60 },
);

// Debounce + cancel: the network only ever works for the query the user is still asking.
property(
  `at most one search request is in flight at any moment, and a query is only searched once the user has stopped typing for ${DEBOUNCE} ms`,
  [typing, answersArb],
  (ctx, events, answers) => {
    const { requests } = play(ctx, events, answers);
    for (const r of requests) {
      const typed = events.filter((e) => e.t <= r.sentAt);
      const latest = typed[typed.length - 1];
      expect(latest?.event, `request #${r.id} at t=${r.sentAt} searches "${queryOf(r.url)}": only the query in the box may be searched`).toBe(queryOf(r.url));
      expect(r.sentAt - latest!.t, `request #${r.id} at t=${r.sentAt}: "${latest!.event}" was typed at t=${latest!.t}; wait ${DEBOUNCE} ms of quiet before searching`).toBeGreaterThanOrEqual(DEBOUNCE);
      const overlapping = requests.filter((o) => o.id < r.id && (o.endedAt ?? Infinity) > r.sentAt);
      expect(overlapping.map((o) => `#${o.id}`), `when request #${r.id} is sent at t=${r.sentAt}, no other search may still be in flight`).toEqual([]);
    }
  },
  { numRuns: 60 },
);

// The cache: an answer once fetched is never fetched again.
property(
  "a query answered once is never requested again: typing it later answers from the cache",
  [typing, answersArb],
  (ctx, events, answers) => {
    const { requests } = play(ctx, events, answers);
    for (const r of requests) {
      const earlier = requests.find((o) => o.url === r.url && isSuccess(o) && o.endedAt! <= r.sentAt);
      expect(earlier && `#${earlier.id}`, `request #${r.id} at t=${r.sentAt} asks for "${queryOf(r.url)}" again, though an earlier request already answered it`).toBeUndefined();
    }
  },
  { numRuns: 60 },
);

// Retry with backoff: the exact times of the attempts, and what the screen says after the last.
property(
  `a failed search is retried ${RETRIES.length} times, ${RETRIES.join(" ms and then ")} ms after each failure, then shows its error line, never the previous list`,
  [
    fc.constantFrom(...QUERIES),
    fc.constantFrom(...QUERIES),
    response({ latency: { max: 60 } }).map((r) => ({ ...r, outcome: "ok" as const })),
    fc.array(response({ latency: { max: 60 } }), { minLength: 3, maxLength: 3 }),
  ],
  (ctx, q1, q2, first, attempts) => {
    if (q1 === q2) q2 = QUERIES[(QUERIES.indexOf(q1) + 1) % QUERIES.length]!;
    // q1 is answered first, so a list is on screen when q2 is typed.
    const t2 = DEBOUNCE + first.latency + 10;
    const { app, requests } = play(ctx, [{ t: 0, event: q1 }, { t: t2, event: q2 }], [first, ...attempts]);
    const mine = requests.filter((r) => queryOf(r.url) === q2);
    // The attempts the user should see: until one succeeds, at most 1 + retries.
    let t = t2 + DEBOUNCE;
    let n = 0;
    for (; n < attempts.length; n++) {
      const r = mine[n];
      expect(r && r.sentAt, `attempt ${n + 1} for "${q2}" should be sent at t=${t}`).toBe(t);
      if (attempts[n]!.outcome === "ok") break;
      t += attempts[n]!.latency + (RETRIES[n] ?? 0);
    }
    const sent = Math.min(n + 1, attempts.length);
    expect(mine.length, `"${q2}" should be tried ${sent} time(s) in all`).toBe(sent);
    expect(screen(app), `the final query is "${q2}"`).toBe(expected(q2, n < attempts.length ? "ok" : "failed"));
  },
  { numRuns: 80 },
);

// ── the "Random image" action ───────────────────────────────────────────

const NO_IMAGE = "No image, try again.";
/** A click's image: the URL says which click it answers. */
const dogImage = (breed: string, n: number) => `https://images.dog.ceo/breeds/${breed}/click-${n}.jpg`;

/** What the action shows, in the story's words: "the dog of click #2", the error line, or nothing. */
function picture(app: App): string {
  const parts = app.queryAllByRole("img").map((el) => {
    const m = /click-(\d+)\.jpg$/.exec(String(el.props.src));
    return m ? `the dog of click #${m[1]}` : `an image with src ${JSON.stringify(el.props.src)}`;
  });
  if (app.text().includes(NO_IMAGE)) parts.push(`"${NO_IMAGE}"`);
  return parts.join(" and ") || "no image";
}

interface ImageClick {
  readonly n: number;
  readonly t: number;
  readonly response: NetworkResponse;
}

// use_action: call() cancels the running call before it starts the new one, so only the latest click can land.
property(
  `after a search has settled, clicking "Random image" shows the latest click's image (or "${NO_IMAGE}"), never an older click's, and a click while one is pending aborts the older request`,
  [
    fc.constantFrom(...QUERIES),
    latency({ max: 60 }),
    eventSchedule(response({ latency: { max: 60 } }), { minEvents: 1, maxEvents: 5, maxGap: 60 }),
  ],
  (ctx, q, searchLatency, schedule) => {
    const breed = matches(q)[0]!;
    const clicks: ImageClick[] = [];
    const clickOfTask = new Map<number, number>();
    let app!: App;
    app = ctx.render(BreedBrowser, {
      network: (req) => {
        if (queryOf(req.url) !== undefined) return toAnswer({ latency: searchLatency, outcome: "ok" }, { message: matches(queryOf(req.url)!), status: "success" });
        if (req.url !== randomImageUrl(breed)) return undefined;
        // The task sending it tells which click it answers (else: the click being handled).
        const task = app.rt.currentTask;
        const n = (task === undefined ? undefined : clickOfTask.get(task.id)) ?? clicks.length;
        const c = clicks[n - 1]!;
        return toAnswer(c.response, { message: dogImage(breed, n), status: "success" });
      },
    });
    // The search: type, let it settle, pick the first breed listed.
    app.at(0, () => {
      ctx.say(`types "${q}"`);
      app.input({ role: "textbox" }, q);
    }, `type ${q}`);
    app.runToCompletion();
    const search = network(app).requests[0];
    if (search !== undefined) {
      ctx.story.at(search.sentAt, `request #${search.id} searches "${q}"`);
      ctx.story.at(search.endedAt ?? app.now, `it answers; screen: ${screen(app)}`);
    }
    ctx.say(`clicks "${breed}"`);
    app.click({ role: "button", name: breed });
    const t0 = app.now;
    for (const { t, event: response } of schedule) {
      app.at(t0 + t, () => {
        const c: ImageClick = { n: clicks.length + 1, t: t0 + t, response };
        clicks.push(c);
        ctx.say(`clicks "Random image" → click #${c.n} (its request ${describeResponse(response)})`);
        const seen = app.rt.trace.entries.length;
        app.click({ role: "button", name: "Random image" });
        const spawned = app.rt.trace.entries.slice(seen).find((e) => e.kind === "spawn");
        if (spawned?.task !== undefined) clickOfTask.set(spawned.task, c.n);
      }, `click Random image`);
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
        expect(shown, `at t=${t} click #${latest.n} (the latest) has answered: the screen should show ${result(latest)}`).toBe(result(latest));
      } else if (shown !== before && shown !== "no image") {
        expect.fail(`at t=${t} the screen changed to ${shown} while click #${latest.n} (the latest) is still waiting: an older click's answer must never land`);
      }
      before = shown;
    }
    app.runToCompletion();
    const last = clicks.at(-1)!;
    const end = picture(app);
    ctx.say(`everything has settled; screen: ${end}`);
    expect(end, `once everything has settled, the screen should show what the latest click (#${last.n}) got: ${result(last)}`).toBe(result(last));
    for (const r of network(app).requests.filter((r) => r.url === randomImageUrl(breed))) {
      const n = (r.task === undefined ? undefined : clickOfTask.get(r.task)) ?? clicks.filter((c) => c.t <= r.sentAt).length;
      const newer = clicks.find((c) => c.n > n && c.t <= r.answerAt);
      if (newer !== undefined) {
        ctx.say(`network: click #${n}'s request was ${r.state}${r.endedAt === undefined ? "" : ` at t=${r.endedAt}`}`);
        expect(r.state, `click #${newer.n} at t=${newer.t} came before click #${n}'s answer (due at t=${r.answerAt}): that request must be aborted, not ${r.state}`).toBe("aborted");
      }
    }
  },
  { numRuns: 40 },
);
