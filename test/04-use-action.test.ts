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
 * Ties: a click (or Cancel, Clear) at the very instant the running call's
 * answer is due may come before or after that answer is read (a generated
 * runtime seed varies the orders Dioxus leaves open). The screen at the end
 * of the instant is the same either way; only the request's end differs
 * (aborted or delivered), and the properties accept both there.
 *
 * The useLatest picker and the action boxes at the end render the hook's
 * value() and pending() in two child components that each read only one of
 * them, so a missing subscription shows; their parent re-renders after every
 * click, so state kept in a plain local variable of the hook shows too.
 */
import { expect } from "./support/expect.ts";
import { DogPicker, useLatest, type Latest } from "#kata/04-use-action";
import {
  button,
  component,
  div,
  future,
  http,
  img,
  p,
  sleep,
  useSignal,
  type ActionResult,
  type Child,
  type Component,
  type Future,
} from "../runtime/index.ts";
import { LearnerError, answer, learnerSiteOf, network, type Answer, type App } from "../runtime/testing.ts";
import {
  eventSchedule,
  fc,
  latency,
  property,
  runtimeSeed,
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

/** The answer the network script holds for a click's request, told before it is sent (it may never be). */
function describeAnswer(r: NetworkResponse): string {
  const what =
    r.outcome === "ok" ? "200 with a dog" : r.outcome === "http-error" ? "404, breed not found" : "connection reset";
  return `scripted answer: ${what} after ${r.latency} ms`;
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

/** The dog's accessible name, what a screen reader says for the image (`img { alt: … }`). */
const DOG_LABEL = "a dog";

function readScreen(app: App): Screen {
  const parts = app
    .queryAllByRole("img")
    .map(
      (el) =>
        describeImage(el.props.src) +
        (el.name === DOG_LABEL ? "" : ` with the label ${JSON.stringify(el.name)} instead of "${DOG_LABEL}"`),
    );
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
        // This component reads none of the hook's signals while rendering: each
        // child below reads just one of them, so a signal the hook forgets to
        // subscribe to leaves that child stale. It re-renders after each click
        // (it counts them), so the hook's body runs again between calls.
        const dog = useLatest(fetchDogForTest);
        const clicks = useSignal(() => 0, "clicks");
        const state = () => ({ pending: dog.pending(), value: describeValue(dog.value()) });
        return div(
          breeds.map((b) =>
            button(
              {
                onclick: () => {
                  clicks.set(clicks.peek() + 1);
                  const before = state();
                  dog.call(b);
                  aroundCall({ before, after: state() });
                },
              },
              b,
            ),
          ),
          p(`breed clicks: ${clicks()}`),
          button({ onclick: () => dog.cancel() }, "Cancel"),
          button({ onclick: () => dog.reset() }, "Clear"),
          component(FetchingLine, { dog }),
          component(DogView, { dog }),
        );
      },
  },
];

/** Reads only pending(). */
function FetchingLine({ dog }: { dog: Latest<[string], string> }): Child {
  return dog.pending() ? p(FETCHING) : null;
}

/** Reads only value(). */
function DogView({ dog }: { dog: Latest<[string], string> }): Child {
  const result = dog.value();
  return result === undefined ? div(PROMPT) : result.ok ? img({ src: result.value, label: DOG_LABEL }) : div(FAILED);
}

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
  seed?: number,
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
    ...(seed === undefined ? {} : { seed }),
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
          firing = c.n;
          const seen = app.rt.trace.entries.length;
          const noted = around.length;
          app.click({ role: "button", name: c.breed });
          const spawned = app.rt.trace.entries.slice(seen).find((e) => e.kind === "spawn");
          if (spawned?.task !== undefined) clickOfTask.set(spawned.task, c.n);
          // Told after the click, from the trace: a click that spawned no task started no call.
          ctx.say(
            `click "${c.breed}" ${spawned === undefined ? "(it spawned no task)" : `→ call #${c.n}`} (${describeAnswer(c.response)})`,
          );
          if (around.length > noted) afterCall(around[around.length - 1]!);
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
  const where = learnerSiteOf(e);
  throw new Error(
    `a click handler threw: ${e instanceof Error ? e.message : String(e)}${where === undefined ? "" : ` (at ${where})`}`,
  );
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
  /** The calls whose answer is due at this instant (told from the network's log, not from this model). */
  readonly due: Call[];
  readonly expect: Screen;
  /** The call that should be running at the end of this instant, if any. */
  readonly running?: Call;
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
    const c: Call = {
      n: calls.length + 1,
      breed: e.event.breed,
      outcome: e.event.response.outcome,
      answerAt: e.t + e.event.response.latency,
    };
    calls.push(c);
    callAt.set(e, c);
  }
  const times = [...new Set([...events.map((e) => e.t), ...calls.map((c) => c.answerAt)])].sort((a, b) => a - b);
  let running: Call | undefined;
  let shows = SHOWS_PROMPT;
  const steps: Step[] = [];
  for (const t of times) {
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
      shows = showsResult(running);
      running = undefined;
    }
    steps.push({
      t,
      due: calls.filter((c) => c.answerAt === t),
      expect: { shows, fetching: running !== undefined },
      ...(running === undefined ? {} : { running }),
    });
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
  options: {
    afterCall?: (seen: AroundCall) => void;
    atEachStep?: (s: ReturnType<typeof session>) => void;
    seed?: number;
  } = {},
) {
  const s = session(ctx, subject, events, options.afterCall, options.seed);
  const { steps, calls } = model(events);
  const check = (shown: Screen, want: Screen, when: string, running?: Call) => {
    if (aspects.includes("shows")) {
      expect(shown.shows, `${when} the screen should show ${want.shows}, not ${shown.shows}`).toBe(want.shows);
    }
    if (aspects.includes("fetching")) {
      const latest =
        running === undefined
          ? "the latest call is running"
          : `call #${running.n}, the latest, is running until its answer at t=${running.answerAt}`;
      const should = want.fetching
        ? `should show "${FETCHING}": ${latest}`
        : `should not show "${FETCHING}": no call is running`;
      expect(shown.fetching, `${when} the screen ${should}`).toBe(want.fetching);
    }
  };
  const first = readScreen(s.app);
  ctx.say(`before any click, ${tell(first)}`);
  check(first, { shows: SHOWS_PROMPT, fetching: false }, "before any click");
  for (const step of steps) {
    s.app.advanceTo(step.t);
    const net = network(s.app);
    for (const c of step.due) {
      const id = s.sentBy.indexOf(c.n) + 1;
      const r = id > 0 ? net.requests[id - 1] : undefined;
      if (r === undefined) ctx.say(`call #${c.n} sent no request`);
      else if (r.state === "delivered" && r.endedAt === step.t)
        ctx.say(
          `call #${c.n}'s answer arrives${c.cancelledBy === undefined ? "" : `, though ${c.cancelledBy} should have cancelled it at t=${c.cancelledAt}`}`,
        );
      else if (r.state === "aborted")
        ctx.say(`call #${c.n} would answer now, but its request was aborted at t=${r.endedAt}`);
    }
    const shown = readScreen(s.app);
    ctx.say(tell(shown));
    options.atEachStep?.(s);
    check(shown, step.expect, `at t=${step.t}`, step.running);
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
const reply = (max = 40) =>
  fc.record({ latency: latency({ max }), outcome: fc.constantFrom<Outcome>("ok", "http-error", "failure") });
/** Mostly successes, for races; errors still come up. */
const mostlyOk = (max = 40) =>
  fc.record({
    latency: latency({ max }),
    outcome: fc.oneof(
      { withCrossShrink: true },
      { arbitrary: fc.constant<Outcome>("ok"), weight: 4 },
      fc.constant<Outcome>("http-error"),
      fc.constant<Outcome>("failure"),
    ),
  });
const click = (r = mostlyOk()): fc.Arbitrary<UserAction> =>
  fc.record({ kind: fc.constant("click" as const), breed, response: r });
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
    [eventSchedule(click(), { minEvents: 1, maxEvents: 5, maxGap: 30 }), runtimeSeed()],
    (ctx, events, seed) => {
      followModel(ctx, subject, events, ["shows"], { seed });
    },
    { numRuns: NUM_RUNS },
  );

  // Cancelling a task drops its future; dropping a request aborts it (runtime/world/http.ts).
  property(
    `${on}: a call replaced by a newer click, or stopped by Cancel or Clear, never writes: its request is aborted, and two requests are never in flight at once`,
    [eventSchedule(clickOrStop, { minEvents: 2, maxEvents: 6, maxGap: 30 }), runtimeSeed()],
    (ctx, events, seed) => {
      const s = followModel(ctx, subject, events, [], { seed });
      const net = network(s.app);
      for (const r of net.requests) {
        const c = s.calls[s.sentBy[r.id - 1]! - 1]!;
        if (c.cancelledAt !== undefined) {
          ctx.say(
            `network: call #${c.n}'s request was ${r.state}${r.endedAt === undefined ? "" : ` at t=${r.endedAt}`}`,
          );
          // Cancelled in the very instant its answer came: the answer may have been read first (the tie's order is open).
          const message = `call #${c.n} was cancelled by ${c.cancelledBy} at t=${c.cancelledAt}: its request must be aborted, not ${r.state}`;
          if (c.cancelledAt === c.answerAt) expect(r.state, message).toBeOneOf(["aborted", "delivered"]);
          else expect(r.state, message).toBe("aborted");
        } else {
          expect(r.state, `call #${c.n} was never cancelled: its request should be delivered`).toBe("delivered");
        }
      }
      ctx.say(`network: at most ${net.maxInFlight} request(s) in flight at once`);
      expect(
        net.maxInFlight,
        "a new call must cancel the running one before its own request goes out: never two requests in flight",
      ).toBeLessThanOrEqual(1);
    },
    { numRuns: NUM_RUNS },
  );

  // use_action.rs: the state becomes Pending inside the spawned task, at its first poll; cancel and reset leave it.
  property(
    `${on}: "${FETCHING}" shows exactly while the latest call runs, from its task's first poll to its answer or its cancel${subject.name === "useLatest" ? "; right after call(), pending() and value() have not changed yet" : ""}`,
    [eventSchedule(clickOrStop, { minEvents: 1, maxEvents: 6, maxGap: 30 }), runtimeSeed()],
    (ctx, events, seed) => {
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
          expect(
            after.value,
            `right after call() (click #${a.click}), value() should still be ${before.value}, as before it: call() only cancels the previous task and spawns the new one; the result is hidden at the new task's first poll`,
          ).toBe(before.value);
          if (!before.pending) {
            expect(
              after.pending,
              `right after call() (click #${a.click}), pending() should still be false: a call is pending from its task's first poll, not from inside call()`,
            ).toBe(false);
          }
        }
        checked = s.around.length;
      };
      followModel(ctx, subject, events, ["fetching"], { afterCall, atEachStep, seed });
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
      // The second click comes after the first answer, or while the first call still runs; the stop often comes in the
      // very instant of the second click, before anything is polled (the new call has not started, the old one still runs).
      fc.option(
        fc.tuple(
          breed,
          mostlyOk(20).filter((r) => r.latency > 0),
          fc.oneof(fc.constant(0), fc.nat(40), fc.nat(40)),
          fc.boolean(),
        ),
        { nil: undefined },
      ),
      fc.constantFrom<"Cancel" | "Clear">("Cancel", "Clear"),
      fc.nat(10),
    ],
    (ctx, [b1, r1], second, stop, gap) => {
      const events: ScheduledEvent<UserAction>[] = [{ t: 0, event: { kind: "click", breed: b1, response: r1 } }];
      let t = r1.latency + gap;
      if (second !== undefined) {
        const [b2, r2, into, whileFirstRuns] = second;
        if (whileFirstRuns && r1.latency > 0) t = gap % r1.latency;
        events.push({ t, event: { kind: "click", breed: b2, response: r2 } });
        t += into % r2.latency;
      }
      events.push({ t, event: { kind: stop } });
      followModel(ctx, subject, events, ["shows", "fetching"]);
    },
    { numRuns: NUM_RUNS },
  );
}

// ── several actions in one component, and results that are falsy ────────

/** What one call's future does: wait `latency` ms, then return `value` or throw. */
interface Job {
  readonly latency: number;
  readonly fails: boolean;
  readonly value: unknown;
}

type BoxEvent = { kind: "call"; box: number; job: Job } | { kind: "Cancel" | "Clear"; box: number };

const BOX = ["A", "B"] as const;

/** How a value reads on the screen and in the story: 0, "", false, null, undefined, "dog"… */
function show(v: unknown): string {
  return v === undefined ? "undefined" : JSON.stringify(v);
}

/** What each box renders, and what value() returned for it at that render (to compare identities). */
interface Seen {
  result: ActionResult<unknown> | undefined;
}

/**
 * A component with `n` useLatest actions. Each box has its own buttons, and
 * two children that each read one of its signals: "A: fetching…" reads only
 * pending(); "A: value: 0" / "A: error: …" / "A: no value yet" reads only value().
 */
/** What became of one call's future, as it ran: when it returned or threw, or when it was dropped before that. */
type JobEnd = { call: number; at: number; how: "returned" | "threw" | "dropped" };

function boxesOf(
  n: number,
  jobs: Map<number, { job: Job; error: Error }>,
  nextCall: (box: number) => number,
  seen: Seen[],
  ends: JobEnd[],
  now: () => number,
) {
  const run = (call: number) =>
    future(function* job() {
      const j = jobs.get(call)!;
      let ended = false;
      try {
        yield* sleep(j.job.latency);
        ended = true;
        ends.push({ call, at: now(), how: j.job.fails ? "threw" : "returned" });
      } finally {
        if (!ended) ends.push({ call, at: now(), how: "dropped" });
      }
      if (j.job.fails) throw j.error;
      return j.job.value;
    });
  function Fetching({ box, action }: { box: number; action: Latest<[number], unknown> }): Child {
    return action.pending() ? p(`${BOX[box]}: fetching…`) : null;
  }
  function Value({ box, action }: { box: number; action: Latest<[number], unknown> }): Child {
    const r = action.value();
    seen[box] = { result: r };
    const error = (e: unknown) => (e instanceof Error ? e.message : `${show(e)} (not an Error object)`);
    return p(
      `${BOX[box]}: ${r === undefined ? "no value yet" : r.ok ? `value: ${show(r.value)}` : `error: ${error(r.error)}`}`,
    );
  }
  return function Boxes(): Child {
    const actions: Latest<[number], unknown>[] = [];
    for (let k = 0; k < n; k++) actions.push(useLatest(run));
    // Read here so that this component (and the hooks' bodies) render again after every call.
    const count = useSignal(() => 0, "calls");
    return div(
      p(`calls so far: ${count()}`),
      actions.map((a, k) =>
        div(
          button(
            {
              onclick: () => {
                count.set(count.peek() + 1);
                a.call(nextCall(k));
              },
            },
            `call ${BOX[k]}`,
          ),
          button({ onclick: () => a.cancel() }, `Cancel ${BOX[k]}`),
          button({ onclick: () => a.reset() }, `Clear ${BOX[k]}`),
          component(Fetching, { box: k, action: a }),
          component(Value, { box: k, action: a }),
        ),
      ),
    );
  };
}

/**
 * Runs the boxes under scheduled clicks and checks every box after every
 * instant: a call shows "no value yet" and "fetching…" until its answer, then
 * its value or error; Cancel and Clear show "no value yet"; nothing another
 * box does changes it. With `identity`, also that value() hands back the very
 * value (Object.is) or error object the future produced.
 */
function runBoxes(
  ctx: PropertyContext,
  n: number,
  events: readonly ScheduledEvent<BoxEvent>[],
  seed: number,
  identity: boolean,
) {
  const jobs = new Map<number, { job: Job; error: Error }>();
  let calls = 0;
  let firing: Job | undefined;
  const seen: Seen[] = [];
  const nextCall = () => {
    calls++;
    jobs.set(calls, { job: firing!, error: new Error(`call #${calls} failed`) });
    return calls;
  };
  const ends: JobEnd[] = [];
  let app!: App;
  app = ctx.render(
    boxesOf(n, jobs, nextCall, seen, ends, () => app.now),
    { seed },
  );
  const name = (k: number) => (n === 1 ? "the action" : `action ${BOX[k]}`);
  type Running = { call: number; box: number; job: Job; answerAt: number };
  const running = new Map<number, Running>();
  const expected = new Map<
    number,
    { text: string; fetching: boolean; result?: { call: number; job: Job }; stopped?: string }
  >();
  for (let k = 0; k < n; k++) expected.set(k, { text: "no value yet", fetching: false });
  /** Which box and click each call belongs to, and what replaced or stopped it (for the story). */
  const callInfo = new Map<number, { box: number; replacedBy?: string; at?: number }>();
  for (const { t, event } of events) {
    app.at(t, () => {
      const k = event.box;
      if (event.kind === "call") {
        firing = event.job;
        app.click({ role: "button", name: `call ${BOX[k]}` });
        firing = undefined;
        const call = calls;
        ctx.say(
          `click "call ${BOX[k]}" → call #${call} of ${name(k)} (its future ${event.job.fails ? "throws an error" : `returns ${show(event.job.value)}`} after ${event.job.latency} ms)`,
        );
        const before = running.get(k);
        if (before !== undefined) callInfo.set(before.call, { box: k, replacedBy: `call #${call} replaced it`, at: t });
        callInfo.set(call, { box: k });
        running.set(k, { call, box: k, job: event.job, answerAt: t + event.job.latency });
        expected.set(k, { text: "no value yet", fetching: true });
      } else {
        ctx.say(`click "${event.kind} ${BOX[k]}"`);
        app.click({ role: "button", name: `${event.kind} ${BOX[k]}` });
        const before = running.get(k);
        if (before !== undefined)
          callInfo.set(before.call, { box: k, replacedBy: `"${event.kind} ${BOX[k]}" stopped it`, at: t });
        running.delete(k);
        expected.set(k, {
          text: "no value yet",
          fetching: false,
          stopped:
            before === undefined
              ? `"${event.kind} ${BOX[k]}" at t=${t} hides any earlier result`
              : `"${event.kind} ${BOX[k]}" stopped its call #${before.call} at t=${t}`,
        });
      }
    });
  }
  const times = [
    ...new Set([
      ...events.map((e) => e.t),
      ...events.flatMap((e) => (e.event.kind === "call" ? [e.t + e.event.job.latency] : [])),
    ]),
  ].sort((a, b) => a - b);
  const lineOf = (k: number) =>
    app
      .queryAllByText(new RegExp(`^${BOX[k]}: (?!fetching)`))[0]
      ?.text.trim()
      .slice(3) ?? "(nothing)";
  const fetchingOf = (k: number) => app.queryAllByText(`${BOX[k]}: fetching…`).length > 0;
  const check = (when: string) => {
    for (let k = 0; k < n; k++) {
      const want = expected.get(k)!;
      const line = lineOf(k);
      const fetching = fetchingOf(k);
      ctx.say(`${name(k)} shows "${line}"${fetching ? ', "fetching…"' : ""}`);
      const why =
        want.result !== undefined
          ? `its latest call #${want.result.call} has finished`
          : want.fetching
            ? `its call #${running.get(k)?.call} is running`
            : want.stopped !== undefined
              ? want.stopped
              : "no call of it has started yet";
      expect(
        line,
        `${when}, ${name(k)} should show "${want.text}": ${why}${n > 1 ? ", whatever the other action does" : ""}`,
      ).toBe(want.text);
      expect(
        fetching,
        `${when}, ${name(k)} should ${want.fetching ? "" : "not "}show "fetching…": ${why}${n > 1 ? ", whatever the other action does" : ""}`,
      ).toBe(want.fetching);
      if (identity && want.result !== undefined) {
        const r = seen[k]?.result;
        const job = want.result.job;
        if (job.fails) {
          expect(
            r !== undefined && !r.ok && r.error === jobs.get(want.result.call)!.error,
            `${when}, value() of ${name(k)} should be { ok: false, error } with the very Error object call #${want.result.call} threw (Rust keeps it as a CapturedError), not a copy or its text`,
          ).toBe(true);
        } else {
          expect(
            r?.ok && Object.is(r.value, job.value),
            `${when}, value() of ${name(k)} should be { ok: true, value: ${show(job.value)} }: the value call #${want.result.call} returned, falsy or not`,
          ).toBe(true);
        }
      }
    }
  };
  let told = 0;
  /** Tells what the calls' futures really did since the last instant told (from their own records, not from the schedule). */
  const tellEnds = (t: number) => {
    for (const e of ends.slice(told)) {
      const info = callInfo.get(e.call);
      const who = `the future of call #${e.call}${info === undefined ? "" : ` (${name(info.box)})`}`;
      const late = info?.replacedBy === undefined ? "" : `, though ${info.replacedBy} at t=${info.at}`;
      const when = e.at === t ? "" : ` (at t=${e.at})`;
      if (e.how === "dropped") ctx.say(`${who} is dropped before it finished${when}`);
      else
        ctx.say(
          `${who} ${e.how === "threw" ? "throws" : `returns ${show(jobs.get(e.call)!.job.value)}`}${when}${late}`,
        );
    }
    told = ends.length;
  };
  for (const t of times) {
    app.advanceTo(t);
    tellEnds(t);
    for (const [k, r] of [...running]) {
      if (r.answerAt !== t) continue;
      running.delete(k);
      expected.set(k, {
        text: r.job.fails ? `error: call #${r.call} failed` : `value: ${show(r.job.value)}`,
        fetching: false,
        result: { call: r.call, job: r.job },
      });
    }
    check(`at t=${t}`);
  }
  app.advance(50);
  tellEnds(app.now);
  check("once everything is over");
}

const job = (values: fc.Arbitrary<unknown>) =>
  fc.record({
    latency: fc.integer({ min: 1, max: 20 }),
    fails: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
    value: values,
  });
const boxEvent = (boxes: number, values: fc.Arbitrary<unknown>): fc.Arbitrary<BoxEvent> =>
  fc.oneof(
    {
      arbitrary: fc.record({ kind: fc.constant("call" as const), box: fc.nat(boxes - 1), job: job(values) }),
      weight: 3,
    },
    {
      arbitrary: fc.record({ kind: fc.constantFrom("Cancel" as const, "Clear" as const), box: fc.nat(boxes - 1) }),
      weight: 1,
    },
  );

property(
  "your useLatest: two actions in one component keep their own calls and results: calling, cancelling or clearing one never touches the other",
  [
    eventSchedule(boxEvent(2, fc.constantFrom("hound", "pug", 7)), { minEvents: 2, maxEvents: 6, maxGap: 15 }),
    runtimeSeed(),
  ],
  (ctx, events, seed) => runBoxes(ctx, 2, events, seed, false),
  { numRuns: NUM_RUNS },
);

// use_action.rs: value() is Option<Result<ReadSignal<T>, CapturedError>>: Some(Ok) for any T, and the Err the future returned.
property(
  'your useLatest: a finished call shows its value even when it is 0, "", false, null or undefined (never "no value yet"), and a failed call\'s error is the very error its future threw',
  [
    eventSchedule(boxEvent(1, fc.constantFrom(0, "", false, null, undefined, "pug")), {
      minEvents: 1,
      maxEvents: 4,
      maxGap: 25,
    }),
    runtimeSeed(),
  ],
  (ctx, events, seed) => runBoxes(ctx, 1, events, seed, true),
  { numRuns: NUM_RUNS },
);
