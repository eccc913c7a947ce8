/**
 * The timeline: a trace drawn as swimlanes for failure messages. It must fit
 * a terminal, give each task its own lane, keep a poll and its outcome in one
 * cell, draw clock moves across every lane, and elide the middle of long runs.
 */
import { describe, expect, it } from "vitest";
import { Poll, future, pollFn, sleep, spawn } from "../../runtime/index.ts";
import { Runtime, Trace, renderTimeline, type TraceKind } from "../../runtime/testing.ts";
import { fc, prop } from "./support/prop.ts";
import { programArb, runProgram } from "./support/program.ts";

const KINDS: TraceKind[] = [
  "spawn",
  "poll",
  "pending",
  "wake",
  "ready",
  "cancel",
  "drop",
  "finalizer",
  "pause",
  "resume",
  "timer-set",
  "timer-fired",
  "clock",
  "jump",
  "panic",
  "note",
  "stall",
  "render",
];

/** Text without line breaks or the lane separator: labels and details as the runtime writes them. */
const text = fc.string({ unit: fc.constantFrom(..."abcdefghij XYZ0123456789-_.,:()#\"'→éü…✔◷"), maxLength: 70 });

interface Raw {
  dt: number;
  kind: TraceKind;
  task: number | undefined;
  label: string;
  detail: string | undefined;
}

const rawEntry: fc.Arbitrary<Raw> = fc.record({
  dt: fc.oneof(fc.constant(0), fc.constant(0), fc.nat(50), fc.nat(5_000)),
  kind: fc.constantFrom(...KINDS),
  task: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined, freq: 4 }),
  label: text,
  detail: fc.option(text, { nil: undefined }),
});

function traceOf(raws: readonly Raw[], limit?: number): Trace {
  const trace = new Trace(true, limit);
  let t = 0;
  for (const r of raws) {
    t += r.dt;
    trace.record(t, r.kind, r.task, r.label, r.detail);
  }
  return trace;
}

const columns = (line: string) => [...line].length;

/** The rows a timeline must draw: one per entry, except that a poll and its immediate outcome share one. */
function expectedRows(trace: Trace) {
  const rows: { t: number; task: number | undefined; kind: string }[] = [];
  const es = trace.entries;
  for (let i = 0; i < es.length; i++) {
    const e = es[i]!;
    const next = es[i + 1];
    if (
      e.kind === "poll" &&
      next !== undefined &&
      next.task === e.task &&
      (next.kind === "pending" || next.kind === "ready")
    ) {
      rows.push({ t: e.t, task: e.task, kind: `poll→${next.kind}` });
      i++;
    } else rows.push({ t: e.t, task: e.task, kind: e.kind });
  }
  return rows;
}

const GLYPH: Record<string, string> = {
  spawn: "● spawned",
  poll: "▶ poll",
  pending: "◌ pending",
  ready: "✔ ready",
  wake: "↻ woken",
  cancel: "✘ cancelled",
  drop: "† dropped",
  finalizer: "⚑",
  pause: "‖ paused",
  resume: "▷ resumed",
  "timer-set": "◷",
  "timer-fired": "◷ fired:",
  panic: "! panic:",
  jump: "clock jumps",
  clock: "clock moves",
  "poll→pending": "▶ poll → pending",
  "poll→ready": "▶ poll → ready",
  render: "⟳ render",
  mount: "+ mount",
  unmount: "− unmount",
  event: "☞",
  "signal-write": "✎ write",
  request: "→ request",
  response: "← response",
  abort: "⨯ abort",
  block: "■",
  error: "! error:",
  diagnostic: "⚠",
  "lock-wait": "… wait",
  "lock-acquired": "◆ locked",
  "lock-released": "◇ unlocked",
};

describe("the timeline fits an 80-column terminal", () => {
  prop([fc.array(rawEntry, { maxLength: 80 })], { numRuns: 150 })(
    "every line of any trace's timeline is at most 80 columns",
    (raws) => {
      for (const line of renderTimeline(traceOf(raws)).split("\n")) expect(columns(line)).toBeLessThanOrEqual(80);
    },
  );

  prop([fc.array(rawEntry, { maxLength: 40 }), fc.integer({ min: 40, max: 160 }), fc.integer({ min: 2, max: 40 })], {
    numRuns: 100,
  })("every line fits the width asked for, whatever the width and row limit", (raws, width, maxRows) => {
    for (const line of renderTimeline(traceOf(raws), { width, maxRows }).split("\n"))
      expect(columns(line)).toBeLessThanOrEqual(width);
  });

  prop([programArb], { numRuns: 25 })("the timeline of any generated program's run fits in 80 columns", (program) => {
    const { rt } = runProgram(program, { sites: false });
    const lines = renderTimeline(rt.trace).split("\n");
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(columns(line)).toBeLessThanOrEqual(80);
  });
});

describe("one lane per task, a poll and its outcome in one cell, clock moves across", () => {
  /** Traces with at most 4 tasks: what fits in 80 columns without folding. */
  const fewTasks = fc.array(
    rawEntry.map((r) => ({ ...r, task: r.task === undefined ? undefined : ((r.task - 1) % 4) + 1 })),
    { minLength: 1, maxLength: 60 },
  );

  prop([fewTasks], { numRuns: 100 })(
    "each task's events are in its own lane, tasks in order of first appearance; events of no task span the width",
    (raws) => {
      const trace = traceOf(raws);
      const lines = renderTimeline(trace, { maxRows: 1000 }).split("\n");
      const tasks: number[] = [];
      for (const e of trace.entries) if (e.task !== undefined && !tasks.includes(e.task)) tasks.push(e.task);
      const header = lines[0]!
        .split("│")
        .slice(1)
        .map((c) => c.trim());
      expect(header).toEqual(
        tasks.length === 0 ? [""] : tasks.map((id) => expect.stringMatching(new RegExp(`^#${id}( |$)`))),
      );

      const rows = expectedRows(trace);
      const body = lines.slice(2);
      expect(body).toHaveLength(rows.length);
      let lastT: number | undefined;
      rows.forEach((row, i) => {
        const line = body[i]!;
        const time = line.slice(0, 6).trim();
        expect(time).toBe(row.t === lastT ? "" : String(row.t));
        lastT = row.t;
        if (row.task === undefined) {
          expect(line.slice(6, 9)).toBe("├╌ ");
          return;
        }
        const cells = line.slice(7).split("│");
        const lane = tasks.indexOf(row.task);
        cells.forEach((cell, j) => {
          if (j !== lane) expect(cell.trim()).toBe("");
        });
        const glyph = GLYPH[row.kind];
        expect(cells[lane]!.trim().startsWith(glyph ?? row.kind)).toBe(true);
      });
    },
  );

  it("draws a small run exactly: merged polls, a timer, a clock jump across the lanes, ready with its value", () => {
    const rt = new Runtime({ sites: false });
    const inner = future(function* inner() {
      yield* sleep(100);
      return 42;
    });
    rt.spawn(
      future(function* outer() {
        spawn(
          future(function* child() {
            yield* sleep(250);
          }),
        );
        return yield* inner;
      }),
    );
    rt.runToCompletion();
    expect(renderTimeline(rt.trace, { quiet: true })).toBe(
      [
        "  t ms│ #1 outer                          │ #2 child",
        "──────┼───────────────────────────────────┼───────────────────────────────────",
        "     0│ ● spawned                         │",
        "      │ ▶ poll                            │",
        "      │                                   │ ● spawned",
        "      │ ◌ pending                         │",
        "      │                                   │ ▶ poll → pending",
        "   100├╌ clock jumps 0 → 100 ms (every task idle)",
        "      │ ◷ fired: sleep(100)               │",
        "      │ ▶ poll → ready 42                 │",
        "   250├╌ clock jumps 100 → 250 ms (every task idle)",
        "      │                                   │ ◷ fired: sleep(250)",
        "      │                                   │ ▶ poll → ready",
      ].join("\n"),
    );
  });

  it("without quiet, timer-set and wake rows are drawn, and a poll with an event in between keeps its outcome on its own row", () => {
    const rt = new Runtime({ sites: false });
    const task = rt.spawn(
      future(function* nap() {
        yield* sleep(5);
      }),
    );
    rt.runUntilIdle();
    task.wake();
    task.cancel();
    expect(renderTimeline(rt.trace).split("\n").slice(2)).toEqual([
      "     0│ ● spawned",
      "      │ ▶ poll",
      "      │ ◷ sleep(5), fires at t=5",
      "      │ ◌ pending",
      "      │ ↻ woken",
      "      │ ✘ cancelled",
      "      │ † dropped",
    ]);
  });

  it("an empty trace says so", () => {
    expect(renderTimeline(new Runtime().trace)).toBe("(no events recorded)");
  });
});

describe("long runs and many tasks", () => {
  prop([fc.array(rawEntry, { minLength: 1, maxLength: 120 }), fc.integer({ min: 2, max: 40 })], { numRuns: 100 })(
    "a run longer than maxRows keeps its first and last rows and says how many were left out",
    (raws, maxRows) => {
      const trace = traceOf(raws);
      const rows = expectedRows(trace).length;
      const lines = renderTimeline(trace, { maxRows }).split("\n");
      const full = renderTimeline(trace, { maxRows: 10_000 }).split("\n");
      if (rows <= maxRows) {
        expect(lines).toEqual(full);
        return;
      }
      const head = Math.ceil(maxRows / 2);
      const tail = maxRows - head;
      expect(lines).toHaveLength(2 + maxRows + 1);
      expect(lines.slice(0, 2 + head)).toEqual(full.slice(0, 2 + head));
      expect(lines[2 + head]).toBe(`      ┊ … ${rows - maxRows} rows not shown …`);
      if (tail > 0) {
        // The rows after the gap are the last rows; the first of them shows its time again.
        const after = lines.slice(3 + head);
        const fullTail = full.slice(full.length - tail);
        expect(after.map((l) => l.slice(6))).toEqual(fullTail.map((l) => l.slice(6)));
        expect(after[0]!.slice(0, 6).trim()).toBe(String(expectedRows(trace).at(-tail)!.t));
      }
    },
  );

  it("tasks that do not fit are folded into the last lane, which names the task in each cell", () => {
    const rt = new Runtime({ sites: false });
    for (let i = 1; i <= 6; i++) rt.spawn(pollFn(() => Poll.Ready(i), { label: `t${i}` }));
    rt.runUntilIdle();
    const lines = renderTimeline(rt.trace).split("\n");
    const header = lines[0]!.split("│").map((c) => c.trim());
    expect(header).toEqual(["t ms", "#1 t1", "#2 t2", "#3 t3", "#4… +2 more"]);
    const lastLane = lines
      .slice(2)
      .map((l) => l.split("│")[4]?.trim())
      .filter((c) => c);
    // Four lanes of 16 columns: a folded cell is clipped with an ellipsis rather than overflow.
    expect(lastLane).toEqual([
      "#4 ● spawned",
      "#5 ● spawned",
      "#6 ● spawned",
      "#4 ▶ poll → rea…",
      "#5 ▶ poll → rea…",
      "#6 ▶ poll → rea…",
    ]);
    expect(rt.trace.entries.filter((e) => e.task !== undefined && e.task >= 4)).toHaveLength(9);
  });

  it("a trace that filled up says how many later events it did not keep", () => {
    const rt = new Runtime({ sites: false, traceLimit: 4 });
    rt.spawn(
      future(function* () {
        yield* sleep(10);
      }),
    );
    rt.runToCompletion();
    expect(rt.trace.entries).toHaveLength(4);
    const lines = renderTimeline(rt.trace).split("\n");
    expect(lines.at(-1)).toBe(`      ┊ … and ${rt.trace.dropped} later events (the trace was full)`);
    expect(rt.trace.dropped).toBeGreaterThan(0);
  });
});
