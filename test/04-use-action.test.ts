/**
 * Kata 04 · use_action: the properties.
 *
 * Each requirement is checked twice, on two pickers with the same screen:
 * - "DogPicker": the learner's part 1, on the runtime's useAction;
 * - "useLatest": a picker the tests build around the learner's useLatest
 *   (part 2), with the tests' own copy of the reference screen and fetch, so
 *   that part 2 does not depend on part 1. Its click handler also notes what
 *   pending() and value() say just before and just after call().
 *
 * A user clicks breeds, Cancel and Clear at generated virtual times; every
 * click on a breed gets its own generated answer (latency and outcome). A
 * request belongs to the click whose call spawned the task that sent it
 * (read from the trace), so even an answer that lets old calls run on is
 * told correctly: "call #1 answers, though click #2 replaced it".
 *
 * One rule of the reference runtime matters for ties: everything the user
 * does at virtual time t happens before an answer due at t is read. So a
 * click at the very instant the previous call's answer arrives still
 * cancels that call.
 */
import { expect } from "vitest";
import { DogPicker, useLatest } from "#kata/04-use-action";
import {
  LearnerError,
  answer,
  button,
  component,
  div,
  future,
  http,
  img,
  network,
  p,
  type ActionResult,
  type Answer,
  type App,
  type Child,
  type Component,
  type Future,
} from "../runtime/index.ts";
import {
  eventSchedule,
  fc,
  latency,
  property,
  type NetworkResponse,
  type Outcome,
  type PropertyContext,
  type ScheduledEvent,
} from "./support/index.ts";

const PROMPT = "Click the button to fetch a dog!";
const FAILED = "Failed to fetch a dog, please try again.";
const FETCHING = "Fetching a dog…";
const BREEDS = ["hound", "pug", "husky"] as const;
type Breed = (typeof BREEDS)[number];

/** What dog.ceo answers for a breed it does not know: a 404 whose JSON has a `message` too. */
const NOT_FOUND = { status: "error", message: "Breed not found (main breed does not exist)", code: 404 };

// ── the user, the network, the screen ───────────────────────────────────

type UserAction = { kind: "click"; breed: Breed; response: NetworkResponse } | { kind: "Cancel" } | { kind: "Clear" };

/** A click's image: the URL says which click it answers. */
const dogImage = (breed: string, n: number) => `https://images.dog.ceo/breeds/${breed}/click-${n}.jpg`;

function describeAnswer(r: NetworkResponse): string {
  const what = r.outcome === "ok" ? "answers 200 with a dog" : r.outcome === "http-error" ? "answers 404 (breed not found)" : "fails (connection reset)";
  return `${what} after ${r.latency} ms`;
}

function toDogAnswer(breed: string, n: number, r: NetworkResponse): Answer {
  switch (r.outcome) {
    case "ok":
      return answer.ok({ message: dogImage(breed, n), status: "success" }, r.latency);
    case "http-error":
      return answer.status(404, r.latency, NOT_FOUND);
    case "failure":
      return answer.fail(r.latency);
  }
}

/** How an image on the screen reads in a story: "the dog of click #2 (pug)". */
function describeImage(src: unknown): string {
  const m = /breeds\/(\w+)\/click-(\d+)\.jpg$/.exec(String(src));
  return m ? `the dog of click #${m[2]} (${m[1]})` : `an image with src ${JSON.stringify(src)}`;
}

/** What a user sees: which dog or message, and whether "Fetching a dog…" is up. */
interface Screen {
  readonly shows: string;
  readonly fetching: boolean;
}

function readScreen(app: App): Screen {
  const parts = app.queryAllByRole("img").map((el) => describeImage(el.props.src));
  const text = app.text();
  if (text.includes(FAILED)) parts.push(`"${FAILED}"`);
  if (text.includes(PROMPT)) parts.push(`"${PROMPT}"`);
  return { shows: parts.join(" and ") || "no dog and no message", fetching: text.includes(FETCHING) };
}

const tell = (s: Screen) => `screen: ${s.shows}${s.fetching ? `, "${FETCHING}"` : ""}`;

/** What value() says, in the story's words. */
function describeValue(v: ActionResult<string> | undefined): string {
  return v === undefined ? "undefined" : v.ok ? `Ok(${describeImage(v.value)})` : "Err";
}

// ── the two pickers ─────────────────────────────────────────────────────

/** Before and after one call(), read in the click handler of the useLatest picker. */
interface AroundCall {
  readonly click: number;
  readonly before: { pending: boolean; value: string };
  readonly after: { pending: boolean; value: string };
}

interface Subject {
  readonly name: "DogPicker" | "useLatest";
  /** The picker; `aroundCall` (useLatest only) receives what the handler saw around each call(). */
  picker(aroundCall: (seen: Omit<AroundCall, "click">) => void): Component<{ breeds: readonly string[] }>;
}

/** The reference fetch, for the useLatest picker (part 1's lives in the learner's file). */
function fetchDogForTest(breed: string): Future<string> {
  return future(function* fetchDog() {
    const r = yield* http.get(`https://dog.ceo/api/breed/${breed}/images/random`);
    if (!r.ok) throw r.error;
    if (!r.value.success) throw new Error(`dog.ceo answered ${r.value.status}`);
    return r.value.json<{ message: string }>().message;
  });
}

const SUBJECTS: readonly Subject[] = [
  { name: "DogPicker", picker: () => DogPicker },
  {
    name: "useLatest",
    picker: (aroundCall) =>
      function LatestPicker({ breeds }: { breeds: readonly string[] }): Child {
        const dog = useLatest(fetchDogForTest);
        const result = dog.value();
        const state = () => ({ pending: dog.pending(), value: describeValue(dog.value()) });
        return div(
          breeds.map((b) =>
            button(
              {
                onclick: () => {
                  const before = state();
                  dog.call(b);
                  aroundCall({ before, after: state() });
                },
              },
              b,
            ),
          ),
          button({ onclick: () => dog.cancel() }, "Cancel"),
          button({ onclick: () => dog.reset() }, "Clear"),
          dog.pending() ? p(FETCHING) : null,
          result === undefined ? div(PROMPT) : result.ok ? img({ src: result.value, label: "a dog" }) : div(FAILED),
        );
      },
  },
];

/** One click on a breed, and the call it starts. */
interface Click {
  readonly n: number;
  readonly breed: Breed;
  readonly response: NetworkResponse;
}

/**
 * The picker under a user: schedules the actions, tells them in the story,
 * and answers each request with the answer of the click that sent it.
 */
function session(
  ctx: PropertyContext,
  subject: Subject,
  events: readonly ScheduledEvent<UserAction>[],
  afterCall: (seen: AroundCall) => void = () => {},
) {
  const clicks: Click[] = [];
  const clickOfTask = new Map<number, number>();
  /** The click of each request, by request id - 1. */
  const sentBy: number[] = [];
  const around: AroundCall[] = [];
  let firing = 0;
  let app!: App;
  const Picker = subject.picker((seen) => around.push({ click: firing, ...seen }));
  app = ctx.render(() => component(Picker, { breeds: BREEDS }), {
    network: (req) => {
      // The task sending it tells which click's call this is; a request sent
      // outside a task (an async handler's first step) belongs to the click being handled.
      const task = app.rt.currentTask;
      const n = (task === undefined ? undefined : clickOfTask.get(task.id)) ?? clicks.length;
      const c = clicks[n - 1];
      if (c === undefined || !req.url.startsWith("https://dog.ceo/api/breed/")) return undefined;
      sentBy.push(n);
      return toDogAnswer(c.breed, c.n, c.response);
    },
  });
  for (const { t, event } of events) {
    const label = event.kind === "click" ? `click "${event.breed}"` : `click "${event.kind}"`;
    app.at(
      t,
      () => {
        if (event.kind === "click") {
          const c: Click = { n: clicks.length + 1, breed: event.breed, response: event.response };
          clicks.push(c);
          ctx.say(`click "${c.breed}" → call #${c.n} (${describeAnswer(c.response)})`);
          firing = c.n;
          const seen = app.rt.trace.entries.length;
          const noted = around.length;
          app.click({ role: "button", name: c.breed });
          if (around.length > noted) afterCall(around[around.length - 1]!);
          const spawned = app.rt.trace.entries.slice(seen).find((e) => e.kind === "spawn");
          if (spawned?.task !== undefined) clickOfTask.set(spawned.task, c.n);
        } else {
          ctx.say(`click "${event.kind}"`);
          app.click({ role: "button", name: event.kind });
        }
        failOnHandlerError(app);
      },
      label,
    );
  }
  return { app, clicks, sentBy, around };
}

/** An error thrown by a click handler goes to the app's error boundary; a test must not miss it. */
function failOnHandlerError(app: App) {
  const e = app.errors[0];
  if (e === undefined) return;
  if (e instanceof LearnerError) throw e;
  throw new Error(`a click handler threw: ${e instanceof Error ? e.message : String(e)}`);
}

// ── the model ───────────────────────────────────────────────────────────

interface Call {
  readonly n: number;
  readonly breed: Breed;
  readonly outcome: Outcome;
  readonly answerAt: number;
  /** What cancelled it (a newer click, Cancel or Clear), and when. */
  cancelledBy?: string;
  cancelledAt?: number;
}

interface Step {
  readonly t: number;
  readonly notes: string[];
  readonly expect: Screen;
}

const showsResult = (c: Call) => (c.outcome === "ok" ? describeImage(dogImage(c.breed, c.n)) : `"${FAILED}"`);
const SHOWS_PROMPT = `"${PROMPT}"`;

/**
 * What the screen must show after everything at each instant happened.
 *   - A click starts call #n, cancelling the running one; from then until it
 *     ends there is no result (the prompt) and "Fetching a dog…" is up.
 *   - Cancel and Clear cancel the running call, if any: the prompt, not fetching.
 *   - When the running call answers: its dog, or the failure text (a 404 or a
 *     network failure), and no longer fetching.
 *   - At one instant, the user's clicks come first, then the answer.
 */
function model(events: readonly ScheduledEvent<UserAction>[]): { steps: Step[]; calls: Call[] } {
  const calls: Call[] = [];
  const callAt = new Map<ScheduledEvent<UserAction>, Call>();
  for (const e of events) {
    if (e.event.kind !== "click") continue;
    const c: Call = { n: calls.length + 1, breed: e.event.breed, outcome: e.event.response.outcome, answerAt: e.t + e.event.response.latency };
    calls.push(c);
    callAt.set(e, c);
  }
  const times = [...new Set([...events.map((e) => e.t), ...calls.map((c) => c.answerAt)])].sort((a, b) => a - b);
  let running: Call | undefined;
  let shows = SHOWS_PROMPT;
  const steps: Step[] = [];
  for (const t of times) {
    const notes: string[] = [];
    for (const e of events.filter((x) => x.t === t)) {
      const next = callAt.get(e);
      if (running !== undefined) {
        running.cancelledBy = next === undefined ? `"${e.event.kind}"` : `click #${next.n}`;
        running.cancelledAt = t;
      }
      running = next;
      shows = SHOWS_PROMPT;
    }
    if (running !== undefined && running.answerAt <= t) {
      notes.push(`call #${running.n} answers`);
      shows = showsResult(running);
      running = undefined;
    }
    for (const c of calls) {
      if (c.cancelledAt !== undefined && c.answerAt === t) notes.push(`call #${c.n} would answer now, but ${c.cancelledBy} cancelled it at t=${c.cancelledAt}`);
    }
    steps.push({ t, notes, expect: { shows, fetching: running !== undefined } });
  }
  return { steps, calls };
}

type Aspect = "shows" | "fetching";

/**
 * Drives the picker through the model's instants, telling the story and
 * checking `aspects` of the screen at each one (and once more when all is over).
 */
function followModel(
  ctx: PropertyContext,
  subject: Subject,
  events: readonly ScheduledEvent<UserAction>[],
  aspects: readonly Aspect[],
  options: { afterCall?: (seen: AroundCall) => void; atEachStep?: (s: ReturnType<typeof session>) => void } = {},
) {
  const s = session(ctx, subject, events, options.afterCall);
  const { steps, calls } = model(events);
  const check = (shown: Screen, want: Screen, when: string) => {
    if (aspects.includes("shows")) {
      expect(shown.shows, `${when} the screen should show ${want.shows}, not ${shown.shows}`).toBe(want.shows);
    }
    if (aspects.includes("fetching")) {
      const should = want.fetching ? `should show "${FETCHING}": the latest call is running` : `should not show "${FETCHING}": no call is running`;
      expect(shown.fetching, `${when} the screen ${should}`).toBe(want.fetching);
    }
  };
  const first = readScreen(s.app);
  if (events[0]!.t > 0) ctx.say(tell(first));
  check(first, { shows: SHOWS_PROMPT, fetching: false }, "before any click");
  for (const step of steps) {
    s.app.advanceTo(step.t);
    for (const note of step.notes) ctx.say(note);
    const shown = readScreen(s.app);
    ctx.say(tell(shown));
    options.atEachStep?.(s);
    check(shown, step.expect, `at t=${step.t}`);
  }
  const last = steps[steps.length - 1]!;
  s.app.advance(200);
  const end = readScreen(s.app);
  if (end.shows !== last.expect.shows || end.fetching !== last.expect.fetching) ctx.say(tell(end));
  check(end, last.expect, "once everything is over,");
  return { ...s, calls };
}

// ── generators ──────────────────────────────────────────────────────────

const breed = fc.constantFrom<Breed>(...BREEDS);
const reply = (max = 40) => fc.record({ latency: latency({ max }), outcome: fc.constantFrom<Outcome>("ok", "http-error", "failure") });
/** Mostly successes, for races; errors still come up. */
const mostlyOk = (max = 40) =>
  fc.record({
    latency: latency({ max }),
    outcome: fc.oneof({ withCrossShrink: true }, { arbitrary: fc.constant<Outcome>("ok"), weight: 4 }, fc.constant<Outcome>("http-error"), fc.constant<Outcome>("failure")),
  });
const click = (r = mostlyOk()): fc.Arbitrary<UserAction> => fc.record({ kind: fc.constant("click" as const), breed, response: r });
const clickOrStop: fc.Arbitrary<UserAction> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: click(), weight: 3 },
  { arbitrary: fc.constantFrom<UserAction>({ kind: "Cancel" }, { kind: "Clear" }), weight: 1 },
);

const NUM_RUNS = 25;

// ── the properties, on both pickers ─────────────────────────────────────

for (const subject of SUBJECTS) {
  const on = subject.name === "DogPicker" ? "DogPicker (useAction)" : "your useLatest";

  // use_action.rs: call() cancels the previous task before spawning the new one; value() is None while pending.
  property(
    `${on}: whatever the clicks and latencies, the screen shows only the latest click's outcome, and no result while it runs: never an older dog`,
    [eventSchedule(click(), { minEvents: 1, maxEvents: 5, maxGap: 30 })],
    (ctx, events) => {
      followModel(ctx, subject, events, ["shows"]);
    },
    { numRuns: NUM_RUNS },
  );

  // Cancelling a task drops its future; dropping a request aborts it (runtime/world/http.ts).
  property(
    `${on}: a call replaced by a newer click, or stopped by Cancel or Clear, never writes: its request is aborted, and two requests are never in flight at once`,
    [eventSchedule(clickOrStop, { minEvents: 2, maxEvents: 6, maxGap: 30 })],
    (ctx, events) => {
      const s = followModel(ctx, subject, events, []);
      const net = network(s.app);
      for (const r of net.requests) {
        const c = s.calls[s.sentBy[r.id - 1]! - 1]!;
        if (c.cancelledAt !== undefined) {
          ctx.say(`network: call #${c.n}'s request was ${r.state}${r.endedAt === undefined ? "" : ` at t=${r.endedAt}`}`);
          expect(r.state, `call #${c.n} was cancelled by ${c.cancelledBy} at t=${c.cancelledAt}: its request must be aborted, not ${r.state}`).toBe("aborted");
        } else {
          expect(r.state, `call #${c.n} was never cancelled: its request should be delivered`).toBe("delivered");
        }
      }
      ctx.say(`network: at most ${net.maxInFlight} request(s) in flight at once`);
      expect(net.maxInFlight, "a new call must cancel the running one before its own request goes out: never two requests in flight").toBeLessThanOrEqual(1);
    },
    { numRuns: NUM_RUNS },
  );

  // use_action.rs: the state becomes Pending inside the spawned task, at its first poll; cancel and reset leave it.
  property(
    `${on}: "${FETCHING}" shows exactly while the latest call runs, from its task's first poll to its answer or its cancel${subject.name === "useLatest" ? "; right after call(), pending() and value() have not changed yet" : ""}`,
    [eventSchedule(clickOrStop, { minEvents: 1, maxEvents: 6, maxGap: 30 })],
    (ctx, events) => {
      const say = (x: AroundCall["before"]) => `pending() ${x.pending}, value() ${x.value}`;
      const afterCall = ({ before, after }: AroundCall) => {
        if (after.pending !== before.pending || after.value !== before.value) {
          ctx.say(`  in the handler: before call() ${say(before)}; right after it ${say(after)}`);
        }
      };
      let checked = 0;
      const atEachStep = (s: ReturnType<typeof session>) => {
        for (const a of s.around.slice(checked)) {
          const { before, after } = a;
          expect(after.value, `right after call() (click #${a.click}), value() should still be ${before.value}, as before it: call() only cancels the previous task and spawns the new one; the result is hidden at the new task's first poll`).toBe(before.value);
          if (!before.pending) {
            expect(after.pending, `right after call() (click #${a.click}), pending() should still be false: a call is pending from its task's first poll, not from inside call()`).toBe(false);
          }
        }
        checked = s.around.length;
      };
      followModel(ctx, subject, events, ["fetching"], { afterCall, atEachStep });
    },
    { numRuns: NUM_RUNS },
  );

  // use_action.rs: an Err from the future sets the error and clears the value.
  property(
    `${on}: a fetch that fails, with a 404 or a network failure, shows "${FAILED}", never an image or an older dog`,
    [fc.array(fc.tuple(breed, reply(), fc.nat(10)), { minLength: 1, maxLength: 5 })],
    (ctx, rounds) => {
      // One call at a time: each click comes after the previous answer.
      let t = 0;
      const events: ScheduledEvent<UserAction>[] = rounds.map(([b, response, gap]) => {
        const e = { t, event: { kind: "click" as const, breed: b, response } };
        t += response.latency + 1 + gap;
        return e;
      });
      followModel(ctx, subject, events, ["shows"]);
    },
    { numRuns: NUM_RUNS },
  );

  // DOC≠CODE: use_action.rs's cancel() sets the same state as reset(); its doc comment says it keeps the result.
  property(
    `${on}: Cancel and Clear both hide the result, during a call or after it, and the cancelled call never lands (as Dioxus's code does; its docs say cancel keeps the result)`,
    [
      fc.tuple(breed, mostlyOk(20)),
      fc.option(fc.tuple(breed, mostlyOk(20).filter((r) => r.latency > 0), fc.nat(40)), { nil: undefined }),
      fc.constantFrom<"Cancel" | "Clear">("Cancel", "Clear"),
      fc.nat(10),
    ],
    (ctx, [b1, r1], second, stop, gap) => {
      const events: ScheduledEvent<UserAction>[] = [{ t: 0, event: { kind: "click", breed: b1, response: r1 } }];
      let t = r1.latency + gap;
      if (second !== undefined) {
        const [b2, r2, into] = second;
        events.push({ t, event: { kind: "click", breed: b2, response: r2 } });
        t += into % r2.latency;
      }
      events.push({ t, event: { kind: stop } });
      followModel(ctx, subject, events, ["shows", "fetching"]);
    },
    { numRuns: NUM_RUNS },
  );
}
