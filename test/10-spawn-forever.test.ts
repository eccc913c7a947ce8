/**
 * Kata 10 · spawn_forever: the properties.
 *
 * One scenario drives the learner's App as a user would: it opens the editor
 * at t=0, then at generated times saves edits ("edit 1", "edit 2"…: typed,
 * then Save), closes or reopens the editor and, for one property, clicks
 * "Stop syncing". The events of one instant all happen before the app
 * re-renders (several saves, a save right after a close), and a generated
 * runtime seed orders what Dioxus leaves unspecified. The simulated sync server
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
 * The properties read the "Synced: …" line, the network log (what was
 * posted when, how each post ended: only a 2xx answer is an acceptance) and
 * the trace.
 */
import { App, SYNCED, syncEngine } from "#kata/10-spawn-forever";
import { button, channel, div, p, spawnForever, useHook, type Child, type Task } from "../runtime/index.ts";
import { LearnerError, network, type App as AppHandle, type RequestRecord } from "../runtime/testing.ts";
import { describeResponse, eventSchedule, fc, latency, property, response, runtimeSeed, toAnswer, type NetworkResponse, type PropertyContext } from "./support/index.ts";

// Part of the requirement: the kata's constants and texts.
const SYNC_URL = "https://sync.example.com/api/edits";
const RETRY_MS = 100;
const NOTHING_YET = "Synced: nothing yet";

type Step = "save" | "toggle" | "stop";

interface Run {
  /** The edits saved, in order. */
  readonly saved: string[];
  /** When each of them was saved (the click on Save). */
  readonly savedAt: number[];
  /** Each close: when, and what had been saved by then. */
  readonly closes: { t: number; savedBefore: string[] }[];
  /** The click on "Stop syncing", if any: when, how many requests had been sent by then, which were in flight, what the screen listed. */
  stop?: { t: number; sentBefore: number; inFlight: number[]; synced: string[]; error?: unknown } | undefined;
  /** Each reading of the Synced line: when, its text (undefined without one), the edits it listed, and the requests the server had accepted by then (in the order it answered them). */
  readonly samples: { t: number; line: string | undefined; synced: string[]; accepted: RequestRecord[] }[];
  /** Each look at the editor: when, what had just happened, whether it should be open, its "Save" buttons and its text boxes' values. */
  readonly editorLooks: { t: number; after: string; open: boolean; saves: number; boxes: unknown[] }[];
  /** The first reading that was not a prefix of the saved edits, if any. */
  badSample?: { t: number; synced: string[] } | undefined;
  /** The app's time when the run ended. */
  end: number;
  /** A panic (a "value was dropped" error…) that stopped the app. */
  crash?: unknown;
  readonly app: AppHandle;
}

/** The "Synced: …" line, or undefined without one. */
function syncedLine(app: AppHandle): string | undefined {
  return app.queryAllByText(/^\s*Synced:/)[0]?.text.replace(/\s+/g, " ").trim();
}

/** The edits on the "Synced: …" line ([] for "nothing yet"), or undefined without such a line. */
function syncedOf(app: AppHandle): string[] | undefined {
  const line = syncedLine(app);
  if (line === undefined) return undefined;
  const rest = line.replace(/^Synced:\s*/, "");
  return rest === "" || rest === "nothing yet" ? [] : rest.split(/\s*,\s*/);
}

/** True when the server took the request: it answered, with a 2xx status. */
function accepted(r: RequestRecord): boolean {
  const a = r.answer;
  return r.state === "delivered" && a.failure === undefined && (a.status ?? 200) >= 200 && (a.status ?? 200) < 300;
}

function describeAnswer(r: RequestRecord): string {
  const a = r.answer;
  if (a.failure !== undefined) return `#${r.id} fails (network error)`;
  return a.status === 200 ? `#${r.id} answers ok` : `#${r.id} answers ${a.status}`;
}

/** How request #n ended, for messages: "answered 500 at t=40". */
function howEnded(r: RequestRecord): string {
  if (r.state === "aborted") return `was aborted at t=${r.endedAt}`;
  if (r.state === "in-flight") return "was still in flight";
  const a = r.answer;
  return a.failure !== undefined ? `failed with a network error at t=${r.endedAt}` : `was answered ${a.status} at t=${r.endedAt}`;
}

const list = (edits: readonly string[]) => (edits.length === 0 ? "nothing" : edits.map((e) => `"${e}"`).join(", "));

/**
 * Renders App, opens the editor at t=0, plays `steps`, lets the server answer
 * with `responses` (the n-th request gets the n-th, the last one for every
 * later request), and runs until nothing more is due. Tells the story.
 * The events of one instant all happen before the app re-renders (a Save
 * right after a close in the same instant still reaches the open Editor),
 * except that a second toggle in one instant waits for the button's new label.
 */
function drive(
  ctx: PropertyContext,
  responses: readonly NetworkResponse[],
  steps: readonly { t: number; event: Step }[],
  { closeAtEnd = false, stopFirst = false, seed }: { closeAtEnd?: boolean; stopFirst?: boolean; seed?: number } = {},
): Run {
  ctx.say(`the sync server: ${responses.map((r, i) => `#${i + 1} ${describeResponse(r)}`).join(", ")}${responses.length > 1 ? ", then like the last for every later request" : ", for every request"}`);
  const app = ctx.render(App, { ...(seed === undefined ? {} : { seed }), network: (req) => toAnswer(responses[Math.min(req.index, responses.length - 1)]!) });
  const net = network(app);
  const run: Run = { saved: [], savedAt: [], closes: [], samples: [], editorLooks: [], end: 0, app };
  const trace = app.rt.trace.entries;
  const deadlines = new Set<number>();
  const seen = new Map<number, string>();
  const acceptedLog: RequestRecord[] = [];
  let traced = 0;
  let open = false;
  let screen = "";

  const events = [...(stopFirst ? [{ t: 0, event: "stop" as Step }] : []), { t: 0, event: "toggle" as Step }, ...steps];
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
      if (accepted(r)) acceptedLog.push(r);
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
    const sample = { t, line: syncedLine(app), synced, accepted: [...acceptedLog] };
    run.samples.push(sample);
    const boxes = app.queryAllByRole("textbox").map((h) => h.props.value);
    const saves = app.queryAllByRole("button", { name: "Save" }).length;
    run.editorLooks.push({ t, after: did.length > 0 ? did.join(", ") : `the clock reached t=${t}`, open, saves, boxes });
    if (run.badSample === undefined && (synced.length > run.saved.length || synced.some((e, i) => e !== run.saved[i]))) run.badSample = sample;
  };

  try {
    let next = 0;
    for (let t = 0; t <= last + 5000; ) {
      app.advanceTo(t);
      look(t, []);
      const did: string[] = [];
      let toggled = false;
      while (next < events.length && events[next]!.t <= t) {
        const { event } = events[next++]!;
        if (event === "toggle") {
          // A second toggle in one instant needs the button's new label: let the app re-render first.
          if (toggled) app.runUntilIdle();
          toggled = true;
          const name = open ? "Close editor" : "Open editor";
          app.click({ role: "button", name });
          if (open) run.closes.push({ t, savedBefore: [...run.saved] });
          open = !open;
          did.push(`click "${name}"`);
        } else if (event === "stop") {
          const inFlight = net.inFlight().map((r) => r.id);
          run.stop = { t, sentBefore: net.requests.length, inFlight, synced: syncedOf(app) ?? [] };
          const errorsBefore = app.errors.length;
          try {
            app.click({ role: "button", name: "Stop syncing" });
          } catch (error) {
            run.stop.error = error;
            throw error;
          }
          if (app.errors.length > errorsBefore) run.stop.error = app.errors[errorsBefore];
          did.push(`click "Stop syncing"${inFlight.length > 0 ? ` (request${inFlight.length > 1 ? "s" : ""} ${inFlight.map((id) => `#${id}`).join(", ")} in flight)` : ""}`);
        } else if (app.queryAllByRole("button", { name: "Save" }).length > 0) {
          // The Editor is on the screen (open, or closed in this very instant and not re-rendered yet): type and save.
          const edit = `edit ${run.saved.length + 1}`;
          app.input({ role: "textbox" }, edit);
          app.click({ role: "button", name: "Save" });
          run.saved.push(edit);
          run.savedAt.push(t);
          did.push(`type "${edit}", click "Save"`);
        }
      }
      if (did.length > 0) {
        app.runUntilIdle();
        look(t, did);
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

/** What the posts carried, in the order sent: "edit 1", "" (or "nothing"). */
const posted = (run: Run) => {
  const bodies = network(run.app).requests.map((r) => JSON.stringify(r.body));
  return bodies.length === 0 ? "nothing" : bodies.join(", ");
};

const finalSynced = (run: Run) => run.samples.at(-1)?.synced ?? [];

/** Server answers: a few of any kind, ending with a success (which then answers every later request). */
const responses = fc
  .tuple(fc.array(response(), { maxLength: 4 }), latency())
  .map(([rs, l]): NetworkResponse[] => [...rs, { latency: l, outcome: "ok" }]);
const steps = (minEvents: number, saves: number) =>
  eventSchedule(fc.constantFrom<Step>(...Array<Step>(saves).fill("save"), "toggle"), { minEvents, maxEvents: 8, maxGap: 60 });

property(
  "closing the editor does not stop syncing: every edit saved before a close is synced after it, whatever the latencies and failures",
  [responses, steps(1, 3), runtimeSeed()],
  (ctx, rs, ss, seed) => {
    const run = drive(ctx, rs, ss, { closeAtEnd: true, seed });
    const synced = finalSynced(run);
    const close = run.closes.find((c) => c.savedBefore.some((e) => !synced.includes(e)));
    const problem =
      close === undefined
        ? undefined
        : `At t=${close.t} the editor was closed with ${list(close.savedBefore)} saved, but when everything had settled (t=${run.end}) ` +
          `the screen listed ${list(synced)} as synced: ${list(close.savedBefore.filter((e) => !synced.includes(e)))} never made it ` +
          `(the server was sent ${posted(run)}). The engine must outlive the editor that started it, and every saved text must reach it.`;
    verdict(run, problem);
  },
  { numRuns: 60 },
);

property(
  "every edit is synced exactly once and in the order it was saved, across any closes and reopens: none lost, none twice",
  [responses, steps(2, 2), runtimeSeed()],
  (ctx, rs, ss, seed) => {
    const run = drive(ctx, rs, ss, { seed });
    const synced = finalSynced(run);
    let problem: string | undefined;
    if (run.badSample !== undefined) {
      const s = run.badSample;
      problem = `At t=${s.t} the screen listed ${list(s.synced)} as synced, but the edits saved by then were ${list(run.saved)}, in that order: the synced list must only ever be the saved edits, in order, each once.`;
    } else if (synced.length !== run.saved.length) {
      problem = `When everything had settled (t=${run.end}), the saved edits were ${list(run.saved)} but the screen listed ${list(synced)} as synced: ${list(run.saved.slice(synced.length))} got lost (the server was sent ${posted(run)}).`;
    }
    verdict(run, problem);
  },
  { numRuns: 60 },
);

property(
  'the engine never touches a dropped signal: however the editor is closed and reopened, no "value was dropped" error ever happens',
  [responses, steps(3, 1), runtimeSeed()],
  (ctx, rs, ss, seed) => {
    const run = drive(ctx, rs, ss, { seed });
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
  [responses, steps(3, 1), runtimeSeed()],
  (ctx, rs, ss, seed) => {
    const run = drive(ctx, rs, ss, { seed });
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

property(
  `the engine posts each edit to SYNC_URL as soon as it can take it, and after a failed post (a network error or an error status) posts the same edit again exactly ${RETRY_MS} ms after the failure arrived`,
  [responses, steps(1, 3), runtimeSeed()],
  (ctx, rs, ss, seed) => {
    const run = drive(ctx, rs, ss, { seed });
    const sent = network(run.app).requests;
    let problem: string | undefined;
    // Walk the network log as a correct engine would have filled it: edit by edit, a retry after each failure.
    let e = 0;
    for (let k = 0; k < sent.length && problem === undefined; k++) {
      const r = sent[k]!;
      if (r.method !== "POST" || r.url !== SYNC_URL) {
        problem = `Request #${r.id} (${JSON.stringify(r.body)}) was a ${r.method} to ${JSON.stringify(r.url)}: the engine should POST each edit to SYNC_URL, ${JSON.stringify(SYNC_URL)}.`;
        break;
      }
      const prev = sent[k - 1];
      const retry = prev !== undefined && !accepted(prev);
      const edit = run.saved[e];
      if (edit === undefined) {
        problem = `Request #${r.id} posted ${JSON.stringify(r.body)} at t=${r.sentAt}, but every saved edit (${list(run.saved)}) had already been accepted by then: nothing was left to post.`;
        break;
      }
      const due = retry ? prev.endedAt! + RETRY_MS : Math.max(run.savedAt[e]!, prev?.endedAt ?? 0);
      const why = retry
        ? `request #${prev.id} (${JSON.stringify(prev.body)}) ${howEnded(prev)}, so the engine should post "${edit}" again ${RETRY_MS} ms later, at t=${due}`
        : `"${edit}" was saved at t=${run.savedAt[e]}${prev ? ` and the server accepted ${JSON.stringify(prev.body)} (request #${prev.id}) at t=${prev.endedAt}` : ""}, so the engine should post it at t=${due}`;
      if (r.body !== edit) problem = `Request #${r.id} posted ${JSON.stringify(r.body)} at t=${r.sentAt}, but ${why}: one edit at a time, each until the server takes it.`;
      else if (r.sentAt !== due) problem = `Request #${r.id} posted "${edit}" at t=${r.sentAt}, but ${why}.`;
      if (accepted(r)) e++;
    }
    const lastReq = sent.at(-1);
    if (problem === undefined && lastReq !== undefined && !accepted(lastReq) && lastReq.state === "delivered") {
      problem = `Request #${lastReq.id} (${JSON.stringify(lastReq.body)}) ${howEnded(lastReq)}, and nothing was posted after it: the engine should have posted it again at t=${lastReq.endedAt! + RETRY_MS}.`;
    }
    verdict(run, problem);
  },
  { numRuns: 60 },
);

property(
  'the Synced line lists exactly what the server has accepted (a 2xx answer), in order, from the moment it accepts it ("Synced: nothing yet" until then): an edit answered 500 or lost to a network error is not synced',
  [responses, steps(1, 3), runtimeSeed()],
  (ctx, rs, ss, seed) => {
    const run = drive(ctx, rs, ss, { seed });
    const sent = network(run.app).requests;
    let problem: string | undefined;
    for (const sample of run.samples) {
      const took = sample.accepted.map((r) => String(r.body));
      if (took.length === 0 && sample.line !== NOTHING_YET) {
        problem = `At t=${sample.t} the server had accepted nothing yet, and the screen showed ${sample.line === undefined ? "no Synced line" : JSON.stringify(sample.line)}: it should read ${JSON.stringify(NOTHING_YET)}.`;
        break;
      }
      if (took.length === sample.synced.length && took.every((b, i) => b === sample.synced[i])) continue;
      const lag = sample.synced.length < took.length && sample.synced.every((e, i) => e === took[i]);
      if (lag) {
        const first = sample.accepted[sample.synced.length]!;
        problem =
          `At t=${sample.t} the screen listed ${list(sample.synced)} as synced, but the server had already accepted ${JSON.stringify(first.body)} at t=${first.endedAt} (request #${first.id}): ` +
          "record an edit as synced as soon as its post succeeds, before anything else.";
        break;
      }
      const refused = sent.filter((r) => r.state !== "in-flight" && r.endedAt! <= sample.t && !accepted(r) && sample.synced.includes(String(r.body)) && !took.includes(String(r.body)));
      problem =
        `At t=${sample.t} the screen listed ${list(sample.synced)} as synced, but by then the server had accepted ${list(took)}` +
        (refused.length > 0 ? ` (${refused.map((r) => `request #${r.id} with ${JSON.stringify(r.body)} ${howEnded(r)}`).join("; ")}: that is not an acceptance)` : "") +
        ". An edit is synced when the server answers its post with a success status, not when the post was sent or answered with an error.";
      break;
    }
    verdict(run, problem);
  },
  { numRuns: 40 },
);

property(
  'while the editor is open it shows a text box and a "Save" button (closed, neither), and the box is empty each time the editor opens and after each Save',
  [responses, steps(2, 2), runtimeSeed()],
  (ctx, rs, ss, seed) => {
    const run = drive(ctx, rs, ss, { seed });
    let problem: string | undefined;
    for (const look of run.editorLooks) {
      const shows = `${look.saves} "Save" button(s) and ${look.boxes.length} text box(es)`;
      if (look.open && (look.saves !== 1 || look.boxes.length !== 1)) {
        problem = `At t=${look.t}, after ${look.after}, the editor is open but the screen shows ${shows}: an open editor shows one text input and one "Save" button.`;
      } else if (!look.open && (look.saves !== 0 || look.boxes.length !== 0)) {
        problem = `At t=${look.t}, after ${look.after}, the editor is closed but the screen still shows ${shows}: a closed editor shows neither.`;
      } else if (look.open && look.boxes[0] !== "") {
        const v = look.boxes[0];
        problem =
          `At t=${look.t}, after ${look.after}, the editor's text box holds ${v === undefined ? "no value: it is not bound to the draft, so setting the draft to \"\" cannot empty it" : JSON.stringify(v)}. ` +
          "The box is empty when the editor opens, and Save empties it: give the input the draft as its value, and set the draft to \"\" after sending it.";
      }
      if (problem !== undefined) break;
    }
    verdict(run, problem);
  },
  { numRuns: 30 },
);

property(
  '"Stop syncing" clicked before the engine was ever started does nothing: no error, and every edit saved afterwards is synced',
  [responses, steps(1, 3), runtimeSeed()],
  (ctx, rs, ss, seed) => {
    const run = drive(ctx, rs, ss, { stopFirst: true, seed });
    const error = run.stop?.error;
    if (error !== undefined) {
      const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
      throw new Error(
        `"Stop syncing" was clicked at t=0, before any editor had started the engine, and the app failed (${why}). ` +
          "With no engine yet, ENGINE_TASK is still undefined and stopSyncing has nothing to cancel: it must do nothing.",
        { cause: error },
      );
    }
    const synced = finalSynced(run);
    const problem =
      synced.length === run.saved.length && synced.every((e, i) => e === run.saved[i])
        ? undefined
        : `"Stop syncing" was clicked at t=0, before the editor first opened, and ${list(run.saved)} were saved afterwards, but when everything had settled (t=${run.end}) ` +
          `the screen listed ${list(synced)} as synced (the server was sent ${posted(run)}): a click with no engine to stop must not stop the engine started later.`;
    verdict(run, problem);
  },
  { numRuns: 20 },
);

/**
 * Saves and toggles, and a click on "Stop syncing" at a generated time from
 * t=1 on: the editor opened at t=0 has started the engine by then, so there
 * is always an engine to stop.
 */
const withStop = fc
  .tuple(steps(1, 3), fc.integer({ min: 1, max: 250 }))
  .map(([ss, at]) => [...ss.filter((s) => s.t <= at), { t: at, event: "stop" as Step }, ...ss.filter((s) => s.t > at)]);

property(
  '"Stop syncing" stops the engine for good: a post in flight is aborted, nothing is posted after the click, and the Synced line never changes again',
  [responses, withStop, runtimeSeed()],
  (ctx, rs, ss, seed) => {
    const run = drive(ctx, rs, ss, { seed });
    const stop = run.stop!;
    const sent = network(run.app).requests;
    let problem: string | undefined;
    const still = stop.inFlight.map((id) => sent[id - 1]!).find((r) => r.state !== "aborted" || r.endedAt !== stop.t);
    const after = sent.slice(stop.sentBefore)[0];
    const changed = run.samples.find((s) => s.t >= stop.t && (s.synced.length !== stop.synced.length || s.synced.some((e, i) => e !== stop.synced[i])));
    if (still !== undefined) {
      problem = `"Stop syncing" was clicked at t=${stop.t} while request #${still.id} (${JSON.stringify(still.body)}) was in flight, and it ${howEnded(still)}: cancelling the engine's task drops the post it is awaiting, which aborts the request at once.`;
    } else if (after !== undefined) {
      problem = `"Stop syncing" was clicked at t=${stop.t}, but request #${after.id} (${JSON.stringify(after.body)}) was still posted at t=${after.sentAt}: the engine kept running. Cancel the Task that spawnForever returned; a cancelled task never runs again, while forgetting its handle or closing its channel leaves it running.`;
    } else if (changed !== undefined) {
      problem = `"Stop syncing" was clicked at t=${stop.t} with ${list(stop.synced)} synced, but at t=${changed.t} the screen listed ${list(changed.synced)}: once stopped, the engine syncs nothing more.`;
    }
    verdict(run, problem);
  },
  { numRuns: 40 },
);

/**
 * A page that runs the kata's syncEngine on a channel of its own, as any
 * other caller could: "Send" sends the next edit ("edit 1", "edit 2"…),
 * "Close channel" closes the one sender. `started` receives the engine's task.
 */
function enginePage(started: (task: Task<void>) => void): () => Child {
  return function EnginePage(): Child {
    const engine = useHook(() => {
      const [tx, rx] = channel<string>("edits");
      started(spawnForever(syncEngine(rx)));
      return { tx, sent: 0 };
    });
    return div(
      button({ onclick: () => void engine.tx.send(`edit ${++engine.sent}`) }, "Send"),
      button({ onclick: () => engine.tx.close() }, "Close channel"),
      p(`Synced: ${SYNCED().join(", ")}`),
    );
  };
}

/** Server answers that take at least 1 ms: a few of any kind, then a success for every later request. */
const slowResponses = fc
  .tuple(fc.array(response({ latency: { min: 1, max: 60 } }), { maxLength: 3 }), latency({ min: 1, max: 60 }))
  .map(([rs, l]): NetworkResponse[] => [...rs, { latency: l, outcome: "ok" }]);

property(
  "closing the engine's channel lets it drain: every edit sent before the close is still synced, then the engine's task ends and posts nothing more",
  [slowResponses, fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 3 }), fc.nat({ max: 60 }), runtimeSeed()],
  (ctx, rs, gaps, closeGap, seed) => {
    ctx.say(`the sync server: ${rs.map((r, i) => `#${i + 1} ${describeResponse(r)}`).join(", ")}, then like the last for every later request`);
    let engine: Task<void> | undefined;
    const app = ctx.render(enginePage((task) => (engine = task)), { seed, network: (req) => toAnswer(rs[Math.min(req.index, rs.length - 1)]!) });
    const net = network(app);
    const sendAt = gaps.map((_, i) => gaps.slice(0, i + 1).reduce((a, b) => a + b, 0));
    const closeAt = sendAt.at(-1)! + closeGap;
    const edits = sendAt.map((_, i) => `edit ${i + 1}`);
    let told = 0;
    const answered = new Set<number>();
    /** Tells what the user did, then what was answered and posted since the last look (read from the network log; "; " where the log does not order them). */
    const tell = (what: string[]) => {
      const net_: string[] = [];
      for (const r of net.requests) if (r.state !== "in-flight" && !answered.has(r.id)) (answered.add(r.id), net_.push(r.state === "aborted" ? `#${r.id} aborted` : describeAnswer(r)));
      for (const r of net.requests.slice(told)) net_.push(`request #${r.id} POST ${JSON.stringify(r.body)}`);
      told = net.requests.length;
      const news = [...(what.length > 0 ? [what.join(" → ")] : []), ...(net_.length > 0 ? [net_.join("; ")] : [])];
      if (news.length > 0) ctx.say(news.join(" → "));
    };
    // Past the drain, a correct engine has ended; stop early at the first post that is not one of the edits sent.
    const stray = () => net.requests.find((r) => !edits.includes(String(r.body)) || r.body === undefined);
    for (let t = 0; t <= closeAt + 3000 && stray() === undefined && !(t > closeAt && engine?.finished() && net.inFlight().length === 0); t++) {
      app.advanceTo(t);
      const did: string[] = [];
      sendAt.forEach((at, i) => {
        if (at !== t) return;
        app.click({ role: "button", name: "Send" });
        did.push(`send "${edits[i]}"`);
      });
      if (t === closeAt) {
        app.click({ role: "button", name: "Close channel" });
        did.push("close the channel");
      }
      app.runUntilIdle();
      tell(did);
    }
    const acceptedBodies = net.requests.filter(accepted).map((r) => String(r.body));
    const lastAccept = Math.max(...net.requests.filter(accepted).map((r) => r.endedAt!));
    const late = stray() ?? net.requests.find((r) => r.sentAt > lastAccept && acceptedBodies.length === edits.length);
    let problem: string | undefined;
    if (late !== undefined) {
      const by = net.requests.filter((r) => accepted(r) && r.endedAt! <= late.sentAt).map((r) => String(r.body));
      problem =
        `Request #${late.id} posted ${JSON.stringify(late.body)} at t=${late.sentAt}, ${late.sentAt >= closeAt ? "after" : "before"} the channel was closed (t=${closeAt}), when the server had accepted ${list(by)} of ${list(edits)}: ` +
        (late.body === undefined
          ? "once every sender is closed and the queue is empty, recv() gives undefined, and the engine must end there instead of posting it."
          : "the engine posts only the edits it was sent, each until the server accepts it, and nothing once they are all synced.");
    } else if (acceptedBodies.join("\n") !== edits.join("\n")) {
      problem = `The channel was closed at t=${closeAt} after ${list(edits)} had been sent, but the server accepted ${list(acceptedBodies)} (it was sent ${net.requests.length === 0 ? "nothing" : net.requests.map((r) => JSON.stringify(r.body)).join(", ")}): closing the channel ends the engine only after the queued edits are synced.`;
    } else if (engine === undefined || !engine.finished()) {
      problem = `Every edit was accepted by t=${lastAccept} and the channel was closed at t=${closeAt}, but at t=${app.now} the engine's task was still running: with its channel closed and drained, it must end.`;
    }
    if (problem !== undefined) throw new Error(problem);
    if (app.errors.length > 0) throw app.errors[0];
  },
  { numRuns: 30 },
);
