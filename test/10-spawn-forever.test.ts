/**
 * Kata 10 · spawn_forever: the properties.
 *
 * One scenario drives the learner's App as a user would: it opens the editor
 * at t=0, then at generated times saves edits ("edit 1", "edit 2"…: typed,
 * then Save) and closes or reopens the editor. The simulated sync server
 * answers each POST after a generated latency, with a generated outcome
 * (success, HTTP 500 or a network failure; the script always ends with a
 * success, so a retrying engine gets every edit through).
 *
 * The clock is driven with advanceTo, moment by moment (a user event, a timer
 * of the app, an answer due), never with runToCompletion: the engine waits on
 * its channel forever by design, so runToCompletion would stop with a stall
 * report naming it. That report is expected for a long-lived task; it is not
 * what these properties are about.
 *
 * The properties read the "Synced: …" line, the network log and the trace.
 */
import { App } from "#kata/10-spawn-forever";
import { LearnerError, network, type App as AppHandle, type RequestRecord } from "../runtime/index.ts";
import { describeResponse, eventSchedule, fc, latency, property, response, toAnswer, type NetworkResponse, type PropertyContext } from "./support/index.ts";

type Step = "save" | "toggle";

interface Run {
  /** The edits saved, in order. */
  readonly saved: string[];
  /** Each close: when, and what had been saved by then. */
  readonly closes: { t: number; savedBefore: string[] }[];
  /** Each reading of the Synced line: when, and the edits it listed. */
  readonly samples: { t: number; synced: string[] }[];
  /** The first reading that was not a prefix of the saved edits, if any. */
  badSample?: { t: number; synced: string[] } | undefined;
  /** The app's time when the run ended. */
  end: number;
  /** A panic (a "value was dropped" error…) that stopped the app. */
  crash?: unknown;
  readonly app: AppHandle;
}

/** The edits on the "Synced: …" line ([] for "nothing yet"), or undefined without such a line. */
function syncedOf(app: AppHandle): string[] | undefined {
  const line = app.queryAllByText(/^\s*Synced:/)[0]?.text.replace(/\s+/g, " ").trim();
  if (line === undefined) return undefined;
  const rest = line.replace(/^Synced:\s*/, "");
  return rest === "" || rest === "nothing yet" ? [] : rest.split(/\s*,\s*/);
}

function describeAnswer(r: RequestRecord): string {
  const a = r.answer;
  if (a.failure !== undefined) return `#${r.id} fails (network error)`;
  return a.status === 200 ? `#${r.id} answers ok` : `#${r.id} answers ${a.status}`;
}

const list = (edits: readonly string[]) => (edits.length === 0 ? "nothing" : edits.map((e) => `"${e}"`).join(", "));

/**
 * Renders App, opens the editor at t=0, plays `steps`, lets the server answer
 * with `responses` (the n-th request gets the n-th, the last one for every
 * later request), and runs until nothing more is due. Tells the story.
 */
function drive(ctx: PropertyContext, responses: readonly NetworkResponse[], steps: readonly { t: number; event: Step }[], closeAtEnd = false): Run {
  ctx.say(`the sync server: ${responses.map((r, i) => `#${i + 1} ${describeResponse(r)}`).join(", ")}${responses.length > 1 ? ", then like the last for every later request" : ", for every request"}`);
  const app = ctx.render(App, { network: (req) => toAnswer(responses[Math.min(req.index, responses.length - 1)]!) });
  const net = network(app);
  const run: Run = { saved: [], closes: [], samples: [], end: 0, app };
  const trace = app.rt.trace.entries;
  const deadlines = new Set<number>();
  const seen = new Map<number, string>();
  let traced = 0;
  let open = false;
  let screen = "";

  const events = [{ t: 0, event: "toggle" as Step }, ...steps];
  const last = events.at(-1)!.t;
  if (closeAtEnd && events.filter((e) => e.event === "toggle").length % 2 === 1) events.push({ t: last, event: "toggle" });

  const scan = () => {
    for (; traced < trace.length; traced++) {
      const at = trace[traced]!.kind === "timer-set" ? /fires at t=(\d+)$/.exec(trace[traced]!.detail ?? "") : null;
      if (at) deadlines.add(Number(at[1]));
    }
    for (const r of net.inFlight()) deadlines.add(r.answerAt);
  };

  const look = (t: number, did: string[]) => {
    scan();
    const news = [...did];
    for (const r of net.requests) {
      if (seen.get(r.id) === r.state) continue;
      if (!seen.has(r.id)) news.push(`request #${r.id} POST ${JSON.stringify(r.body)}`);
      if (r.state === "delivered") news.push(describeAnswer(r));
      if (r.state === "aborted") news.push(`#${r.id} aborted`);
      seen.set(r.id, r.state);
    }
    const synced = syncedOf(app) ?? [];
    const now = `Synced: ${synced.length === 0 ? "nothing yet" : synced.join(", ")}`;
    if (now !== screen) news.push(`screen: ${now}`);
    screen = now;
    if (news.length > 0) ctx.say(news.join(" → "));
    const sample = { t, synced };
    run.samples.push(sample);
    if (run.badSample === undefined && (synced.length > run.saved.length || synced.some((e, i) => e !== run.saved[i]))) run.badSample = sample;
  };

  try {
    let next = 0;
    for (let t = 0; t <= last + 5000; ) {
      app.advanceTo(t);
      look(t, []);
      while (next < events.length && events[next]!.t <= t) {
        const { event } = events[next++]!;
        if (event === "toggle") {
          const name = open ? "Close editor" : "Open editor";
          app.click({ role: "button", name });
          if (open) run.closes.push({ t, savedBefore: [...run.saved] });
          open = !open;
          app.runUntilIdle();
          look(t, [`click "${name}"`]);
        } else if (open) {
          const edit = `edit ${run.saved.length + 1}`;
          app.input({ role: "textbox" }, edit);
          app.click({ role: "button", name: "Save" });
          run.saved.push(edit);
          app.runUntilIdle();
          look(t, [`type "${edit}", click "Save"`]);
        }
      }
      // On to the next moment where something can happen: a user event, a timer of the app, an answer due.
      let after = Infinity;
      for (const d of [events[next]?.t, ...deadlines]) if (d !== undefined && d > t && d < after) after = d;
      for (const d of deadlines) if (d <= t) deadlines.delete(d);
      if (after === Infinity) break;
      t = after;
    }
  } catch (error) {
    // A todo() still in the kata: the board says "not started", not a failure.
    if (error instanceof LearnerError && error.kind === "NotStarted") throw error;
    run.crash = error;
    ctx.say(`the app stopped: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  run.end = app.now;
  if (run.crash === undefined && app.errors.length > 0) {
    run.crash = app.errors[0];
    ctx.say(`the app reported an error: ${String(app.errors[0]).split("\n")[0]}`);
  }
  return run;
}

/**
 * Fails with the crash if the app crashed (what the screen showed after a
 * panic proves nothing: the app stopped before it could re-render), else
 * with `problem`, if any.
 */
function verdict(run: Run, problem: string | undefined): void {
  if (run.crash !== undefined) throw run.crash;
  if (problem !== undefined) throw new Error(problem);
}

const finalSynced = (run: Run) => run.samples.at(-1)?.synced ?? [];

/** Server answers: a few of any kind, ending with a success (which then answers every later request). */
const responses = fc
  .tuple(fc.array(response(), { maxLength: 4 }), latency())
  .map(([rs, l]): NetworkResponse[] => [...rs, { latency: l, outcome: "ok" }]);
const steps = (minEvents: number, saves: number) =>
  eventSchedule(fc.constantFrom<Step>(...Array<Step>(saves).fill("save"), "toggle"), { minEvents, maxEvents: 8, maxGap: 60 });

property(
  "closing the editor does not stop syncing: every edit saved before a close is synced after it, whatever the latencies and failures",
  [responses, steps(1, 3)],
  (ctx, rs, ss) => {
    const run = drive(ctx, rs, ss, true);
    const synced = finalSynced(run);
    const close = run.closes.find((c) => c.savedBefore.some((e) => !synced.includes(e)));
    const problem =
      close === undefined
        ? undefined
        : `At t=${close.t} the editor was closed with ${list(close.savedBefore)} saved, but when everything had settled (t=${run.end}) ` +
          `the screen listed ${list(synced)} as synced: ${list(close.savedBefore.filter((e) => !synced.includes(e)))} never made it. ` +
          "The engine must outlive the editor that started it.";
    verdict(run, problem);
  },
  { numRuns: 60 },
);

property(
  "every edit is synced exactly once and in the order it was saved, across any closes and reopens: none lost, none twice",
  [responses, steps(2, 2)],
  (ctx, rs, ss) => {
    const run = drive(ctx, rs, ss);
    const synced = finalSynced(run);
    let problem: string | undefined;
    if (run.badSample !== undefined) {
      const s = run.badSample;
      problem = `At t=${s.t} the screen listed ${list(s.synced)} as synced, but the edits saved by then were ${list(run.saved)}, in that order: the synced list must only ever be the saved edits, in order, each once.`;
    } else if (synced.length !== run.saved.length) {
      problem = `When everything had settled (t=${run.end}), the saved edits were ${list(run.saved)} but the screen listed ${list(synced)} as synced: ${list(run.saved.slice(synced.length))} got lost.`;
    }
    verdict(run, problem);
  },
  { numRuns: 60 },
);

property(
  'the engine never touches a dropped signal: however the editor is closed and reopened, no "value was dropped" error ever happens',
  [responses, steps(3, 1)],
  (ctx, rs, ss) => {
    const run = drive(ctx, rs, ss);
    const dropped = run.app.rt.trace.of("borrow-error").filter((e) => e.detail?.startsWith("Dropped"));
    if (dropped.length === 0) return verdict(run, undefined);
    const e = dropped[0]!;
    const who = e.task === undefined ? "" : ` by task #${e.task} "${e.label}"`;
    const crash = run.crash instanceof Error ? `\n\n${run.crash.message}` : "";
    throw new Error(
      `At t=${e.t}, a signal that had already been dropped was used${who} (${e.detail}). ` +
        "The engine lives on the root and outlives every Editor: anything it touches must live as long as it does " +
        `(a global signal, or state the engine owns), never a signal of a component.${crash}`,
    );
  },
  { numRuns: 60 },
);

property(
  "there is only ever one sync engine: opening the editor again reuses the running one, and every edit is posted by that one long-lived task",
  [responses, steps(3, 1)],
  (ctx, rs, ss) => {
    const run = drive(ctx, rs, ss);
    const rootSpawns = run.app.rt.trace.of("spawn").filter((e) => e.owner === 0);
    const posters = [...new Set(network(run.app).requests.map((r) => r.task))];
    let problem: string | undefined;
    if (rootSpawns.length > 1) {
      const [first, second] = rootSpawns;
      problem =
        `At t=${first!.t} a long-lived task #${first!.task} "${first!.label}" was started, and at t=${second!.t} another one, #${second!.task} "${second!.label}" ` +
        `(${rootSpawns.length} in all): start the engine once, and let every later mount find its sender.`;
    } else if (posters.length > 1 || (posters.length === 1 && posters[0] !== rootSpawns[0]?.task)) {
      const owners = new Map(network(run.app).requests.map((r) => [r.task, r.owner]));
      const by = posters.map((p) => (p === undefined ? "an event handler" : `task #${p} (owned by scope ${owners.get(p)}${owners.get(p) === 0 ? ", the root" : ", not the root"})`)).join(", ");
      problem = `The edits were posted by ${by}, but they must all be posted by the one engine${rootSpawns[0] ? `, task #${rootSpawns[0].task} on the root` : ", started with spawnForever so that it belongs to the root"}.`;
    }
    verdict(run, problem);
  },
  { numRuns: 60 },
);
