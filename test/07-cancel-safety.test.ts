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
 * RESOURCES_RUNNING is watched two ways: its contents at every moment
 * something can happen (each user event and each possible answer), compared
 * with the requests the network has in flight; and, item by item, every
 * add and delete, through an audited Set the test puts in the global signal
 * before the first request (so change the set in place: `update((s) => …)`
 * or a write guard; a copy put back with set() is still checked by its
 * contents, only no longer item by item).
 */
import { expect } from "vitest";
import { App, RESOURCES_RUNNING, breedUrl } from "#kata/07-cancel-safety";
import { network, type App as AppHandle } from "../runtime/index.ts";
import {
  describeResponse,
  eventSchedule,
  fc,
  property,
  response,
  toAnswer,
  type NetworkResponse,
  type PropertyContext,
  type ScheduledEvent,
} from "./support/index.ts";

type Act = "hound" | "pug" | "husky" | "Stop" | "toggle";
const BREED_NAMES = ["hound", "pug", "husky"];
const NO_DOGS = "No dogs yet";

/** One add or delete on the set, as it happened. */
interface Change {
  readonly t: number;
  readonly op: "add" | "delete";
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
}

function breedOf(url: string): string {
  return BREED_NAMES.find((b) => url === breedUrl(b)) ?? url;
}

/** The line a correct browser shows for request #n's answer about `breed`. */
function lineFor(breed: string, r: NetworkResponse, n: number): string {
  return r.outcome === "ok" ? `${breed}: ${n + 1} images` : r.outcome === "http-error" ? `${breed}: error 500` : `${breed}: failed to fetch`;
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

const list = (names: readonly string[]) => (names.length ? names.join(", ") : "nothing");

/** The app under a user, with a story told at each checkpoint. */
function session(ctx: PropertyContext, answers: readonly NetworkResponse[]) {
  const app = ctx.render(App, {
    network: (req) => {
      const r = answers[req.index % answers.length]!;
      const n = req.index + 1;
      return toAnswer(r, { message: Array.from({ length: n + 1 }, (_, i) => `${req.url}/${i}.jpg`) });
    },
  });
  const log: Change[] = [];
  const toldRequests = new Map<number, string>();
  /** Tells what the network did since it was last asked: requests sent, answered, aborted. */
  const syncNetwork = () => {
    for (const r of network(app).requests) {
      const state = r.state === "in-flight" ? "sent" : r.state;
      if (toldRequests.get(r.id) === state) continue;
      const a = answers[(r.id - 1) % answers.length]!;
      if (!toldRequests.has(r.id)) ctx.say(`request #${r.id} for ${breedOf(r.url)} sent (${describeResponse(a)})`);
      toldRequests.set(r.id, state);
      if (state === "aborted") ctx.say(`request #${r.id} for ${breedOf(r.url)} aborted (its run was dropped)`);
      else if (state !== "sent") ctx.say(`request #${r.id} for ${breedOf(r.url)} ${a.outcome === "failure" ? "fails" : "answers"}`);
    }
  };
  const audited = new AuditedSet();
  audited.now = () => app.now;
  app.enter(() => RESOURCES_RUNNING.set(audited));
  audited.onChange = (c) => {
    syncNetwork();
    log.push(c);
    ctx.say(
      c.op === "add" ? `RESOURCES_RUNNING += ${c.key}${c.present ? " (already there)" : ""}`
      : `RESOURCES_RUNNING −= ${c.key}${c.present ? "" : ` (${c.key} WAS NOT THERE)`}`,
    );
  };
  let replacedToldAt: number | undefined;

  const act = (t: number, what: Act) =>
    app.at(
      t,
      () => {
        syncNetwork();
        if (what === "toggle") {
          const b = app.queryAllByRole("button").find((x) => /dogs$/.test(x.text.trim()));
          ctx.say(`press "${b?.text.trim()}"${b?.text.trim() === "Hide dogs" ? " (the browser unmounts)" : ""}`);
          if (b) app.click(b);
        } else {
          if (shownLine(app) === undefined) return ctx.say(`(the browser is hidden: no "${what}" button to press)`);
          ctx.say(what === "Stop" ? `press "Stop" (cancels the resource)` : `pick ${what}`);
          app.click({ role: "button", name: what });
        }
      },
      what,
    );

  /** Tells what happened since the last checkpoint, then what the screen shows. */
  const tell = () => {
    syncNetwork();
    const now = app.enter(() => RESOURCES_RUNNING.peek());
    if (now !== audited && replacedToldAt === undefined) {
      replacedToldAt = app.now;
      ctx.say("(RESOURCES_RUNNING now holds a copy of the set: its contents are still checked, but no longer each change)");
    }
    ctx.say(`the screen shows "${shownLine(app) ?? "(browser hidden)"}"; RESOURCES_RUNNING = {${running(app).join(", ")}}`);
  };

  const inFlightBreeds = () => network(app).inFlight().map((r) => breedOf(r.url)).sort();
  return { app, log, act, tell, inFlightBreeds };
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

function play(ctx: PropertyContext, events: readonly ScheduledEvent<Act>[], answers: readonly NetworkResponse[], each?: (s: ReturnType<typeof session>) => void) {
  const s = session(ctx, answers);
  for (const e of events) s.act(e.t, e.event);
  for (const t of checkpoints(events, answers)) {
    s.app.advanceTo(t);
    s.tell();
    each?.(s);
  }
  s.app.runToCompletion();
  return s;
}

// Dioxus docs, "Cancel Safety": a future may be dropped at any await (unmount, Task::cancel, a resource restart).
property(
  "whatever cancels a run (a breed change, Stop, hiding the browser), RESOURCES_RUNNING is empty once everything has settled",
  [schedule, answersArb],
  (ctx, events, answers) => {
    const s = play(ctx, events, answers);
    ctx.say(`everything has settled; RESOURCES_RUNNING = {${running(s.app).join(", ")}}`);
    expect(network(s.app).inFlight(), "no request should still be running").toEqual([]);
    expect(
      running(s.app),
      "nothing is running any more, so RESOURCES_RUNNING must be empty: a run dropped at its await never runs the code after it, only its drop guard",
    ).toEqual([]);
    expect(s.app.text()).toContain("Requests running: none");
  },
  { numRuns: 40 },
);

property(
  "at every moment, RESOURCES_RUNNING names exactly the breeds whose request is in flight",
  [schedule, answersArb],
  (ctx, events, answers) => {
    play(ctx, events, answers, (s) => {
      expect(running(s.app), `at t=${s.app.now} RESOURCES_RUNNING should hold the breeds of the requests in flight`).toEqual(s.inFlightBreeds());
    });
  },
  { numRuns: 40 },
);

property(
  "no entry is ever removed from RESOURCES_RUNNING twice, or removed when it is not there",
  [schedule, answersArb],
  (ctx, events, answers) => {
    play(ctx, events, answers, (s) => {
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
  "once the answers are in, the browser shows the latest picked breed's data, whatever order the answers came in",
  [eventSchedule(fc.constantFrom("pug", "husky", "hound"), { minEvents: 1, maxEvents: 4, maxGap: 40 }), answersArb],
  (ctx, events, answers) => {
    const s = play(ctx, events, answers);
    const latest = events[events.length - 1]!.event;
    const sent = network(s.app).requests.filter((r) => r.url === breedUrl(latest));
    const last = sent[sent.length - 1];
    ctx.say(`everything has settled; the last breed picked was ${latest}`);
    expect(last, `picking ${latest} should restart the resource and send a request for ${latest}: read the breed so the resource tracks it`).toBeDefined();
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
    fc.array(fc.tuple(fc.constantFrom("pug", "husky", "hound"), fc.nat(30), response({ latency: { min: 1, max: 40 } })), { minLength: 1, maxLength: 3 }),
  ],
  (ctx, first, rounds) => {
    const answers = [first, ...rounds.map(([, , r]) => r)];
    const s = session(ctx, answers);
    let t = first.latency;
    s.app.advanceTo(t);
    s.tell();
    let previous = lineFor("hound", first, 1);
    expect(shownLine(s.app), "request #1 for hound has answered").toBe(previous);
    rounds.forEach(([breed, gap, r], i) => {
      t += gap;
      s.act(t, breed);
      s.app.advanceTo(t);
      s.tell();
      expect(shownLine(s.app), `right after picking ${breed}, the previous data stays on screen while the new request runs`).toBe(previous);
      s.app.advanceTo(t + r.latency - 1);
      s.tell();
      expect(shownLine(s.app), `until request #${i + 2} answers, the previous data stays on screen`).toBe(previous);
      t += r.latency;
      s.app.advanceTo(t);
      s.tell();
      previous = lineFor(breed, r, i + 2);
      expect(shownLine(s.app), `request #${i + 2} for ${breed} has answered`).toBe(previous);
    });
  },
  { numRuns: 40 },
);
