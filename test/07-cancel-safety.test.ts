/**
 * Kata 07 · Cancel safety: the properties.
 *
 * A user drives the learner's App at generated virtual times: picks a breed
 * (a restart of the resource), presses Stop (a manual cancel) or hides and
 * shows the browser (an unmount, then a fresh mount). The n-th request sent
 * gets the n-th generated answer (latency and outcome); a successful answer
 * to request #n lists n+1 images, so every answer reads differently on the
 * screen.
 *
 * Requests are named by the network log (their id, URL and fate), never
 * by counting: the story and the messages say "request #3 for pug" only
 * when request #3 was sent for pug. The screen is read at every moment
 * something can happen and compared with the answer delivered last since
 * the browser was shown; the hide/show button is checked to hide and show
 * it; every Stop is checked to abort the requests in flight at that press;
 * and every request sent must have a cause (a mount or a pick): the
 * restart property judges a few extra ones, and a resource that keeps
 * restarting itself ends the run at once (it would never settle). The
 * runtime gets a generated seed, so orders left open at a tie vary.
 *
 * nextLine is checked apart: one or two sockets, each a task sending the
 * text of generated lines (sometimes followed by unfinished text, no "\n"
 * after it) cut into generated chunks (empty ones included),
 * each read by its own reader with its own buffer, which races nextLine
 * against a timer in a loop (a biased select that drops the loser).
 *
 * RESOURCES_RUNNING is watched two ways: its contents at every moment
 * something can happen (each user event and each possible answer), compared
 * with the requests the network has in flight; and, item by item, every
 * add and delete, through an audited Set the test puts in the global signal
 * before the first request (so change the set in place: `update((s) => …)`
 * or a write guard; a copy put back with set() is still checked by its
 * contents, only no longer item by item). One property puts another part of
 * the app's entry in that set first, and checks that it stays.
 */
import { expect } from "./support/expect.ts";
import { App, RESOURCES_RUNNING, breedUrl, nextLine } from "#kata/07-cancel-safety";
import { Poll, channel, future, pollFn, sleep, type Future } from "../runtime/index.ts";
import { LearnerError, network, type App as AppHandle, type RequestRecord } from "../runtime/testing.ts";
import {
  describeResponse,
  eventSchedule,
  fc,
  property,
  response,
  runtimeSeed,
  toAnswer,
  type NetworkResponse,
  type PropertyContext,
  type ScheduledEvent,
} from "./support/index.ts";

type Act = "hound" | "pug" | "husky" | "Stop" | "toggle";
const BREED_NAMES = ["hound", "pug", "husky"];
const NO_DOGS = "No dogs yet";

/** One add, delete or clear on the set, as it happened. */
interface Change {
  readonly t: number;
  readonly op: "add" | "delete" | "clear";
  readonly key: string;
  /** Whether the key was in the set just before. */
  readonly present: boolean;
}

/** A Set that writes down every add and delete (the test puts one in RESOURCES_RUNNING). */
class AuditedSet extends Set<string> {
  onChange: ((c: Change) => void) | undefined;
  now: () => number = () => 0;
  override add(key: string): this {
    this.onChange?.({ t: this.now(), op: "add", key, present: this.has(key) });
    return super.add(key);
  }
  override delete(key: string): boolean {
    this.onChange?.({ t: this.now(), op: "delete", key, present: this.has(key) });
    return super.delete(key);
  }
  override clear(): void {
    this.onChange?.({ t: this.now(), op: "clear", key: [...this].join(", "), present: this.size > 0 });
    super.clear();
  }
}

function breedOf(url: string): string {
  return BREED_NAMES.find((b) => url === breedUrl(b)) ?? url;
}

/** The line a correct browser shows for request #n's answer about `breed`. */
function lineFor(breed: string, r: NetworkResponse, n: number): string {
  return r.outcome === "ok"
    ? `${breed}: ${n + 1} images`
    : r.outcome === "http-error"
      ? `${breed}: error 500`
      : `${breed}: failed to fetch`;
}

/** The browser's line: the paragraph after the Stop button, read from the screen text. */
function shownLine(app: AppHandle): string | undefined {
  const text = app.text();
  const at = text.indexOf("Stop");
  return at < 0 ? undefined : text.slice(at + "Stop".length).trim();
}

function running(app: AppHandle): string[] {
  return app.enter(() => [...RESOURCES_RUNNING.peek()]).sort();
}

const _list = (names: readonly string[]) => (names.length ? names.join(", ") : "nothing");

/** One DogBrowser mounted so far, read from the trace: its scope, whether it is gone, and how many requests were sent before it mounted. */
interface Mounted {
  readonly scope: number;
  gone: boolean;
  readonly requestsBefore: number;
}

/** Every DogBrowser mounted so far, in order (a scope id can be used again after an unmount, so they are not keyed by it). */
function browsers(app: AppHandle): Mounted[] {
  const found: Mounted[] = [];
  let requests = 0;
  for (const e of app.rt.trace.entries) {
    if (e.kind === "request") requests++;
    if (e.owner === undefined || !e.detail?.startsWith("DogBrowser")) continue;
    if (e.kind === "mount") found.push({ scope: e.owner, gone: false, requestsBefore: requests });
    else if (e.kind === "unmount") for (const b of found) if (b.scope === e.owner) b.gone = true;
  }
  return found;
}

/** A Stop press while the browser was shown, and the requests in flight just before it. */
interface StopPress {
  readonly t: number;
  readonly inFlight: readonly number[];
}

/** The app under a user, with a story told at each checkpoint. */
function session(
  ctx: PropertyContext,
  answers: readonly NetworkResponse[],
  seed: number,
  others: readonly string[] = [],
) {
  /** What may start a request: the first mount, each pick while shown, each "Show dogs". */
  const starts = { mounts: 0, picks: 0 };
  let mounted: AppHandle | undefined;
  const app = told(() =>
    ctx.render(App, {
      seed,
      network: (req) => {
        starts.mounts = mounted === undefined ? 1 : browsers(mounted).length;
        const { mounts, picks } = starts;
        if (req.index + 1 > mounts + picks + RUNAWAY) {
          throw new ExtraRestart(
            `Request #${req.index + 1} for ${breedOf(req.url)} was sent at t=${req.now}, but only ${mounts} mount${mounts > 1 ? "s" : ""} and ${picks} pick${picks === 1 ? "" : "s"} ` +
              "could start one: the resource keeps restarting by itself. A resource restarts whenever a signal its future READ changes; if the run also writes " +
              "that signal (RESOURCES_RUNNING), each write restarts it once more. Inside the resource, read RESOURCES_RUNNING with peek(), or not at all.",
          );
        }
        const r = answers[req.index % answers.length]!;
        const n = req.index + 1;
        return toAnswer(r, { message: Array.from({ length: n + 1 }, (_, i) => `${req.url}/${i}.jpg`) });
      },
    }),
  );
  mounted = app;
  const log: Change[] = [];
  const toldRequests = new Map<number, string>();
  /** Tells what the network did since it was last asked: requests sent, answered, aborted. */
  const toldBrowsers: boolean[] = [];
  const syncNetwork = () => {
    browsers(app).forEach((b, i) => {
      if (toldBrowsers[i] === b.gone) return;
      if (toldBrowsers[i] === undefined) ctx.say("a browser mounts");
      if (b.gone) ctx.say("the browser unmounts");
      toldBrowsers[i] = b.gone;
    });
    starts.mounts = toldBrowsers.length;
    for (const r of network(app).requests) {
      const state = r.state === "in-flight" ? "sent" : r.state;
      if (toldRequests.get(r.id) === state) continue;
      const a = answers[(r.id - 1) % answers.length]!;
      if (!toldRequests.has(r.id)) ctx.say(`request #${r.id} for ${breedOf(r.url)} sent (${describeResponse(a)})`);
      toldRequests.set(r.id, state);
      if (state === "aborted") ctx.say(`request #${r.id} for ${breedOf(r.url)} aborted (its run was dropped)`);
      else if (state !== "sent")
        ctx.say(`request #${r.id} for ${breedOf(r.url)} ${a.outcome === "failure" ? "fails" : "answers"}`);
    }
  };
  // What other parts of the app have put in the shared set: in it before the first request, and never this browser's to remove.
  const audited = new AuditedSet(others);
  audited.now = () => app.now;
  app.enter(() => RESOURCES_RUNNING.set(audited));
  audited.onChange = (c) => {
    syncNetwork();
    log.push(c);
    ctx.say(
      c.op === "add"
        ? `RESOURCES_RUNNING += ${c.key}${c.present ? " (already there)" : ""}`
        : c.op === "clear"
          ? `RESOURCES_RUNNING cleared (it held {${c.key}})`
          : `RESOURCES_RUNNING −= ${c.key}${c.present ? "" : ` (${c.key} WAS NOT THERE)`}`,
    );
  };
  let replacedToldAt: number | undefined;
  /** Every Stop pressed while the browser was shown. */
  const stops: StopPress[] = [];
  /** What the hide/show button should have done so far: the browser is shown after an even number of presses. */
  /** Every moment something could start a request, and what it was: the first mount, each pick, each press of the hide/show button (Stop starts nothing). */
  const acted: { readonly t: number; readonly what: Act | "mount" }[] = [{ t: 0, what: "mount" }];
  const page = { shown: true, presses: 0, last: undefined as { t: number; label: string } | undefined };

  const act = (t: number, what: Act) =>
    app.at(
      t,
      () => {
        syncNetwork();
        if (what === "toggle") {
          const b = app.queryAllByRole("button").find((x) => /dogs$/.test(x.text.trim()));
          if (b === undefined) return ctx.say('(the page has no "Hide dogs" or "Show dogs" button to press)');
          const label = b.text.trim();
          ctx.say(`press "${label}"`);
          app.click(b);
          page.shown = !page.shown;
          page.presses++;
          page.last = { t: app.now, label };
          acted.push({ t: app.now, what });
        } else {
          if (shownLine(app) === undefined) return ctx.say(`(the browser is hidden: no "${what}" button to press)`);
          if (what === "Stop") {
            const inFlight = network(app)
              .inFlight()
              .map((r) => r.id);
            stops.push({ t: app.now, inFlight });
            ctx.say(
              `press "Stop"${inFlight.length ? ` (in flight: ${inFlight.map((id) => `#${id}`).join(", ")})` : ""}`,
            );
          } else {
            starts.picks++;
            ctx.say(`pick ${what}`);
          }
          acted.push({ t: app.now, what });
          app.click({ role: "button", name: what });
        }
      },
      what,
    );

  /** The line the browser should show now: the answer of the request delivered last since it was mounted. */
  const expectedLine = (): { line: string; why: string } => {
    const current = browsers(app).filter((b) => !b.gone);
    const delivered = network(app)
      .requests.filter(
        (r) => r.state === "delivered" && current.some((b) => r.owner === b.scope && r.id > b.requestsBefore),
      )
      .sort((a, b) => a.endedAt! - b.endedAt! || a.id - b.id);
    const last = delivered[delivered.length - 1];
    if (last === undefined) return { line: NO_DOGS, why: "no request has answered since the browser was shown" };
    const breed = breedOf(last.url);
    return {
      line: lineFor(breed, answers[(last.id - 1) % answers.length]!, last.id),
      why: `the last answer delivered since the browser was shown is request #${last.id}'s, for ${breed} (at t=${last.endedAt})`,
    };
  };

  /** Tells what happened since the last checkpoint, then what the screen shows. */
  const tell = () => {
    syncNetwork();
    const now = app.enter(() => RESOURCES_RUNNING.peek());
    if (now !== audited && replacedToldAt === undefined) {
      replacedToldAt = app.now;
      ctx.say(
        "(RESOURCES_RUNNING now holds a copy of the set: its contents are still checked, but no longer each change)",
      );
    }
    ctx.say(
      `the screen shows "${shownLine(app) ?? "(browser hidden)"}"; RESOURCES_RUNNING = {${running(app).join(", ")}}`,
    );
  };

  const inFlightBreeds = () =>
    network(app)
      .inFlight()
      .map((r) => breedOf(r.url))
      .sort();
  return { app, log, act, tell, inFlightBreeds, stops, starts, expectedLine, page, acted };
}

/** A user's schedule, and every moment something can happen in it: each event, and each possible answer. */
function checkpoints(events: readonly ScheduledEvent<Act>[], answers: readonly NetworkResponse[]): number[] {
  const starts = [0, ...events.map((e) => e.t)];
  const ts = new Set<number>(starts);
  for (const s of starts) for (const a of answers) ts.add(s + a.latency);
  return [...ts].sort((a, b) => a - b);
}

const acts = fc.constantFrom<Act>("pug", "husky", "hound", "Stop", "toggle");
const schedule = eventSchedule(acts, { minEvents: 1, maxEvents: 6, maxGap: 40 });
const answersArb = fc.array(response({ latency: { max: 60 } }), { minLength: 7, maxLength: 7 });

/** Raised by the network script when far more requests are sent than mounts and picks could start: a resource that restarts itself for ever would never let the run end. */
class ExtraRestart extends Error {}
/** How many requests beyond what mounts and picks explain end the run at once (fewer are judged by the restart property). */
const RUNAWAY = 10;

/** Runs `drive` (a render, a clock move); a request sent by a restart nobody asked for ends the run with that story. */
function told<R>(drive: () => R): R {
  try {
    return drive();
  } catch (e) {
    // The script's error escapes the run's poll as a task panic: report it in the app's own terms.
    if (e instanceof LearnerError && e.cause instanceof ExtraRestart) throw new Error(e.cause.message);
    throw e;
  }
}

function play(
  ctx: PropertyContext,
  events: readonly ScheduledEvent<Act>[],
  answers: readonly NetworkResponse[],
  seed: number,
  each?: (s: ReturnType<typeof session>) => void,
  others: readonly string[] = [],
) {
  const s = session(ctx, answers, seed, others);
  for (const e of events) s.act(e.t, e.event);
  for (const t of checkpoints(events, answers)) {
    told(() => s.app.advanceTo(t));
    s.tell();
    each?.(s);
  }
  try {
    told(() => s.app.runToCompletion());
  } catch (e) {
    // A run left waiting for ever (paused, say) is judged by the properties, in the app's terms.
    if (!(e instanceof LearnerError && e.kind === "Stall")) throw e;
    ctx.say("the app stalls: a run is still pending and nothing will ever poll or wake it");
  }
  return s;
}

// Dioxus docs, "Cancel Safety": a future may be dropped at any await (unmount, Task::cancel, a resource restart).
property(
  "whatever cancels a run (a breed change, Stop, hiding the browser), RESOURCES_RUNNING is empty once everything has settled",
  [schedule, answersArb, runtimeSeed()],
  (ctx, events, answers, seed) => {
    const s = play(ctx, events, answers, seed);
    ctx.say(`everything has settled; RESOURCES_RUNNING = {${running(s.app).join(", ")}}`);
    expect(
      network(s.app)
        .inFlight()
        .map((r) => `request #${r.id} for ${breedOf(r.url)}`),
      "once everything has settled, no request should still be running: a run that is only paused, or never dropped, keeps its request and its entry in RESOURCES_RUNNING",
    ).toEqual([]);
    expect(
      running(s.app),
      "nothing is running any more, so RESOURCES_RUNNING must be empty: a run dropped at its await never runs the code after it, only its drop guard",
    ).toEqual([]);
    expect(s.app.text(), 'the page should say "Requests running: none"').toContain("Requests running: none");
  },
  { numRuns: 40 },
);

property(
  "at every moment, RESOURCES_RUNNING names exactly the breeds whose request is in flight, and the page lists them",
  [schedule, answersArb, runtimeSeed()],
  (ctx, events, answers, seed) => {
    play(ctx, events, answers, seed, (s) => {
      const names = running(s.app);
      expect(names, `at t=${s.app.now} RESOURCES_RUNNING should hold the breeds of the requests in flight`).toEqual(
        s.inFlightBreeds(),
      );
      const line = `Requests running: ${names.length > 0 ? names.join(", ") : "none"}`;
      expect(
        s.app.text(),
        `at t=${s.app.now} RESOURCES_RUNNING holds {${names.join(", ")}}: the page, which reads it with (), should say "${line}"`,
      ).toContain(line);
    });
  },
  { numRuns: 40 },
);

property(
  "no entry is ever removed from RESOURCES_RUNNING twice, or removed when it is not there",
  [schedule, answersArb, runtimeSeed()],
  (ctx, events, answers, seed) => {
    play(ctx, events, answers, seed, (s) => {
      const bad = s.log.find((c) => c.op === "delete" && !c.present);
      expect(
        bad && `t=${bad.t} RESOURCES_RUNNING −= ${bad.key}, but ${bad.key} was not in it`,
        "each run must remove its entry exactly once, and only its own: one drop guard, no extra cleanup, the breed it added",
      ).toBeUndefined();
    });
  },
  { numRuns: 40 },
);

property(
  "RESOURCES_RUNNING is shared by the whole app: an entry another part of it put there stays through every run, restart, Stop and unmount",
  [schedule, answersArb, fc.constantFrom("poodle", "beagle", "corgi"), runtimeSeed()],
  (ctx, events, answers, other, seed) => {
    ctx.say(
      `another part of the app has a request for ${other} running: ${other} is in RESOURCES_RUNNING from the start`,
    );
    play(
      ctx,
      events,
      answers,
      seed,
      (s) => {
        const names = running(s.app);
        if (names.includes(other)) return;
        // Who took it out, as the audited set saw it (a set put back with set() is seen only by its contents).
        const gone = s.log.find((c) => (c.op === "delete" && c.key === other) || (c.op === "clear" && c.present));
        const how =
          gone === undefined
            ? `RESOURCES_RUNNING was replaced by a set without it (now {${names.join(", ")}})`
            : gone.op === "clear"
              ? `RESOURCES_RUNNING was cleared at t=${gone.t}`
              : `${other} was deleted at t=${gone.t}`;
        expect(
          names,
          `at t=${s.app.now}, ${other} is no longer in RESOURCES_RUNNING: ${how}. It belongs to another part of the app, and this browser never added it. ` +
            "A run must remove only the breed it added (delete that breed, in place), never clear the set or put a set of its own in its place",
        ).toContain(other);
      },
      [other],
    );
  },
  { numRuns: 30 },
);

// Dioxus use_resource.rs: cancel() cancels the task, which drops the run's future (and the request it awaits) at once.
property(
  '"Stop" stops: every request in flight when Stop is pressed is aborted in that instant, so its answer never reaches the screen',
  [schedule, answersArb, runtimeSeed()],
  (ctx, events, answers, seed) => {
    const s = play(ctx, events, answers, seed);
    const net = network(s.app);
    for (const stop of s.stops) {
      for (const id of stop.inFlight) {
        const r = net.requests.find((x) => x.id === id)!;
        const what = `request #${id} for ${breedOf(r.url)} was in flight when Stop was pressed at t=${stop.t}`;
        const fate =
          r.state === "delivered"
            ? `answered at t=${r.endedAt}, so its answer could reach the screen`
            : r.state === "in-flight"
              ? "still running"
              : r.endedAt === stop.t
                ? "aborted at the press"
                : `aborted only at t=${r.endedAt}`;
        expect(
          fate,
          `${what}. Stop must cancel the resource (dogs.cancel()): that drops the run at its await and aborts its request at once; hiding or ignoring the answer is not stopping`,
        ).toBe("aborted at the press");
      }
    }
  },
  { numRuns: 40 },
);

property(
  'between any two events, the browser is shown unless "Hide dogs" hid it, and shows the answer delivered last since it was shown, or "No dogs yet" before any',
  [schedule, answersArb, runtimeSeed()],
  (ctx, events, answers, seed) => {
    play(ctx, events, answers, seed, (s) => {
      const shown = shownLine(s.app);
      const { page } = s;
      const pressed = page.last
        ? `the hide/show button was pressed ${page.presses} time${page.presses > 1 ? "s" : ""}, last as "${page.last.label}" at t=${page.last.t}`
        : "the hide/show button was never pressed";
      expect(
        shown === undefined ? "hidden" : "shown",
        `at t=${s.app.now} the browser should be ${page.shown ? "shown" : "hidden"}: ${pressed}`,
      ).toBe(page.shown ? "shown" : "hidden");
      const toggle = s.app.queryAllByRole("button").find((x) => /dogs$/.test(x.text.trim()));
      expect(
        toggle?.text.trim(),
        `while the browser is ${page.shown ? "shown" : "hidden"}, the page's button should offer to ${page.shown ? "hide" : "show"} it`,
      ).toBe(page.shown ? "Hide dogs" : "Show dogs");
      if (shown === undefined) return;
      const { line, why } = s.expectedLine();
      expect(
        shown,
        `at t=${s.app.now} the browser should show "${line}": ${why}. A restart keeps the last value, Stop keeps it too, an aborted request never changes it`,
      ).toBe(line);
    });
  },
  { numRuns: 40 },
);

// Dioxus reactive_context.rs: a resource restarts when a signal read by its future changes, including one it writes itself.
property(
  "the resource restarts only when a breed is picked: never more requests than mounts and picks (reading a signal it writes would restart it again)",
  [schedule, answersArb, runtimeSeed()],
  (ctx, events, answers, seed) => {
    play(ctx, events, answers, seed, (s) => {
      const requests = network(s.app).requests;
      const sent = requests.length;
      const { mounts, picks } = s.starts;
      if (sent <= mounts + picks) return;
      // A request sent in an instant when Stop was pressed and nothing that starts a request happened.
      const byStop = requests.find(
        (r) =>
          s.acted.some((a) => a.t === r.sentAt && a.what === "Stop") &&
          !s.acted.some((a) => a.t === r.sentAt && a.what !== "Stop"),
      );
      expect(
        sent,
        `by t=${s.app.now}, ${sent} requests were sent, but only ${mounts} mount${mounts > 1 ? "s" : ""} and ${picks} pick${picks === 1 ? "" : "s"} could start one: ` +
          (byStop
            ? `request #${byStop.id} for ${breedOf(byStop.url)} was sent at t=${byStop.sentAt}, when Stop was pressed and nothing else happened. ` +
              "Stop must cancel the resource (dogs.cancel()); restart() drops the run too, but then starts a new one"
            : "something other than a pick restarts the resource. It restarts whenever a signal its future READ changes: read RESOURCES_RUNNING with peek() (or not at all) in it, since the run writes it"),
      ).toBeLessThanOrEqual(mounts + picks);
    });
  },
  { numRuns: 40 },
);

property(
  "once the answers are in, the browser shows the latest picked breed's data, whatever order the answers came in",
  [
    eventSchedule(fc.constantFrom("pug", "husky", "hound"), { minEvents: 1, maxEvents: 4, maxGap: 40 }),
    answersArb,
    runtimeSeed(),
  ],
  (ctx, events, answers, seed) => {
    const s = play(ctx, events, answers, seed);
    const latest = events[events.length - 1]!.event;
    const sent = network(s.app).requests.filter((r) => r.url === breedUrl(latest));
    const last = sent[sent.length - 1];
    ctx.say(`everything has settled; the last breed picked was ${latest}`);
    expect(
      last,
      `picking ${latest} should restart the resource and send a request for ${latest}: read the breed so the resource tracks it`,
    ).toBeDefined();
    const expected = lineFor(latest, answers[(last!.id - 1) % answers.length]!, last!.id);
    expect(shownLine(s.app), `the screen should show the answer to request #${last!.id}, for ${latest}`).toBe(expected);
  },
  { numRuns: 40 },
);

// DOC≠CODE (Dioxus issue #4214): use_resource keeps the old value during a restart.
property(
  "while a new breed loads, the browser keeps showing the previous breed's data (as Dioxus's useResource does), then the new one",
  [
    response({ latency: { max: 40 } }),
    // Each round picks another breed than the one shown: 1 or 2 places on in the list of breeds.
    fc.array(fc.tuple(fc.integer({ min: 1, max: 2 }), fc.nat(30), response({ latency: { min: 1, max: 40 } })), {
      minLength: 1,
      maxLength: 3,
    }),
    runtimeSeed(),
  ],
  (ctx, first, rounds, seed) => {
    const answers = [first, ...rounds.map(([, , r]) => r)];
    const s = session(ctx, answers, seed);
    const net = network(s.app);
    // Each request is named by the network log: its id, its URL, when its answer is due.
    const lineOf = (rec: RequestRecord) => lineFor(breedOf(rec.url), answers[(rec.id - 1) % answers.length]!, rec.id);
    told(() => s.app.runUntilIdle());
    const opening = net.requests[0];
    expect(opening && `#${opening.id}`, "mounting the browser should send a request for hound at once").toBeDefined();
    s.app.advanceTo(opening!.answerAt);
    s.tell();
    let previous = lineOf(opening!);
    expect(
      shownLine(s.app),
      `request #${opening!.id} for hound has answered (t=${opening!.answerAt}): its line should be on screen`,
    ).toBe(previous);
    let t = s.app.now;
    let shownBreed = "hound";
    for (const [step, gap] of rounds) {
      const breed = BREED_NAMES[(BREED_NAMES.indexOf(shownBreed) + step) % BREED_NAMES.length] as Act;
      shownBreed = breed;
      t += gap;
      const before = net.requests.length;
      s.act(t, breed);
      s.app.advanceTo(t);
      s.tell();
      expect(
        shownLine(s.app),
        `right after picking ${breed}, the previous data stays on screen while the new request runs`,
      ).toBe(previous);
      const rec = net.requests.slice(before).find((r) => r.url === breedUrl(breed));
      expect(
        rec && `#${rec.id}`,
        `picking ${breed} at t=${t} should send a request for ${breed} at once: read the breed with breed() inside the resource, so it restarts`,
      ).toBeDefined();
      s.app.advanceTo(rec!.answerAt - 1);
      s.tell();
      expect(
        shownLine(s.app),
        `until request #${rec!.id} for ${breed} answers (at t=${rec!.answerAt}), the previous data stays on screen`,
      ).toBe(previous);
      s.app.advanceTo(rec!.answerAt);
      s.tell();
      previous = lineOf(rec!);
      expect(
        shownLine(s.app),
        `request #${rec!.id} for ${breed} has answered (t=${rec!.answerAt}): its line should be on screen`,
      ).toBe(previous);
      t = rec!.answerAt;
    }
  },
  { numRuns: 40 },
);

// ── nextLine: cancel safe reading from a channel ─────────────────────────

/** `select!` over a line and a timer, biased to the line: the loser is dropped at once (as tokio::select! drops its other branches). */
type Raced<T> = { readonly won: "line"; readonly value: T } | { readonly won: "tick" };
function lineOrTick<T>(line: Future<T>, tick: Future<void>): Future<Raced<T>> {
  return pollFn<Raced<T>>(
    (cx) => {
      const l = line.poll(cx);
      if (l.ready) {
        tick[Symbol.dispose]();
        return Poll.Ready({ won: "line" as const, value: l.value });
      }
      if (!tick.poll(cx).ready) return Poll.Pending;
      line[Symbol.dispose]();
      return Poll.Ready({ won: "tick" as const });
    },
    {
      label: "nextLine or the timer",
      onDrop: () => {
        line[Symbol.dispose]();
        tick[Symbol.dispose]();
      },
    },
  );
}

/** Lines of 0 to 3 letters (empty lines included), and where the socket cuts their text into chunks, with the wait before each chunk. */
const streamArb = fc.record({
  lines: fc.array(fc.string({ unit: fc.constantFrom("a", "b", "c"), maxLength: 3 }), { minLength: 1, maxLength: 5 }),
  cuts: fc.array(fc.nat(20), { maxLength: 8 }),
  gaps: fc.array(fc.oneof(fc.constant(0), fc.nat(15)), { maxLength: 9 }),
  tick: fc.integer({ min: 4, max: 12 }),
  /** Text after the last "\n" when the channel ends (often none): no whole line. */
  tail: fc.oneof(fc.constant(""), fc.string({ unit: fc.constantFrom("a", "b", "c"), minLength: 1, maxLength: 3 })),
});

// tokio documents mpsc Receiver::recv as cancel safe (a message leaves the queue only when recv returns it); runtime/world/channel.ts models the same.
property(
  "nextLine, raced against a timer in a loop and dropped whenever the timer wins, still returns every line sent, whole, in order, once each, then undefined " +
    '(unfinished text after the last "\\n" is no line), ' +
    "for each of one or two sockets read at the same time",
  [fc.array(streamArb, { minLength: 1, maxLength: 2 }), runtimeSeed()],
  (ctx, streams, seed) => {
    const rt = ctx.runtime({ seed });
    const readers = streams.map(({ lines, cuts, gaps, tick, tail }, k) => {
      const name = streams.length === 1 ? "the socket" : `socket ${"AB"[k]}`;
      const text = lines.map((l) => `${l}\n`).join("") + tail;
      const at = [...cuts.map((c) => c % (text.length + 1)), text.length].sort((a, b) => a - b);
      const chunks = at.map((end, i) => text.slice(i === 0 ? 0 : at[i - 1], end));
      const [tx, rx] = channel<string>(name);
      const pending = { text: "" };
      const reader = {
        name,
        lines,
        tail,
        got: [] as string[],
        ended: false,
        lastAt: gaps.slice(0, chunks.length).reduce((a, b) => a + b, 0) + 5 * tick,
      };
      ctx.say(
        `${name}: the lines ${JSON.stringify(lines)}${tail ? ` and, after the last "\\n", the unfinished ${JSON.stringify(tail)}` : ""} come as the chunks ${JSON.stringify(chunks)}; ` +
          `its reader's timer fires every ${tick} ms`,
      );
      rt.spawn(
        future(function* () {
          for (const [i, chunk] of chunks.entries()) {
            yield* sleep(gaps[i] ?? 0);
            tx.send(chunk);
            ctx.say(`${name} sends ${JSON.stringify(chunk)}`);
          }
          tx.close();
          ctx.say(`${name} closes its channel`);
        }),
        { label: name },
      );
      rt.spawn(
        future(function* () {
          for (;;) {
            const r = yield* lineOrTick(nextLine(rx, pending), sleep(tick));
            if (r.won === "tick") {
              ctx.say(
                `${name}'s timer wins: its nextLine is dropped (its pending.text is ${JSON.stringify(pending.text)})`,
              );
              continue;
            }
            if (r.value === undefined) {
              reader.ended = true;
              ctx.say(`${name}'s nextLine returns undefined: the channel has ended`);
              return;
            }
            reader.got.push(r.value);
            ctx.say(`${name}'s nextLine returns ${JSON.stringify(r.value)}`);
            if (reader.got.length > lines.length) return;
          }
        }),
        { label: `reader of ${name}` },
      );
      return reader;
    });
    rt.advanceTo(Math.max(...readers.map((r) => r.lastAt)));
    for (const { name, lines, tail, got, ended } of readers) {
      const why =
        // Every line right, then the unfinished text returned as one more line.
        tail && got.length === lines.length + 1 && got.every((l, i) => l === (i < lines.length ? lines[i] : tail))
          ? `nextLine returned ${JSON.stringify(tail)}, the text after the last "\\n", as a line once the channel had ended: it is no whole line, so nextLine should return undefined then (and may leave it in pending.text)`
          : // Every line so far right, then undefined too soon: the end was taken too early, nothing was lost.
            ended && got.length < lines.length && got.every((l, i) => l === lines[i])
            ? `nextLine returned undefined after ${got.length} line${got.length === 1 ? "" : "s"}, while whole lines were still to come (in pending.text or in the channel): ` +
              'return a line already in pending.text first, and take the end only from recv() returning undefined (an empty chunk "" or an empty line is not the end)'
            : readers.length > 1
              ? "each call must keep the text it took from the channel in the buffer it is given (pending.text) before its next await: " +
                "a local variable is lost when the future is dropped, and state shared by every call mixes the two sockets"
              : "a chunk that nextLine took from the channel must be in pending.text before its next await, or it is lost when the future is dropped there";
      expect(
        got,
        `the reader of ${name} should have received every whole line sent, in order: ${JSON.stringify(lines)}; ${why}`,
      ).toEqual(lines);
      expect(
        ended,
        `once ${name}'s channel has ended and every line was returned, nextLine should return undefined (an empty chunk or an empty line is not the end)`,
      ).toBe(true);
    }
  },
  { numRuns: 60 },
);
