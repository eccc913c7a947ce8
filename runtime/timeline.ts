/**
 * The timeline: a trace drawn as an ASCII swimlane chart, one lane per task,
 * time running down the page, readable in an 80-column terminal.
 *
 *      t ms │ #1 outer           │ #2 inner
 *     ──────┼────────────────────┼────────────────────
 *         0 │ ● spawned          │
 *           │ ▶ poll → pending   │
 *       100 ├╌ clock jumps 0 → 100 ms (every task idle)
 *       100 │ ⚑ release lock     │
 *
 * A poll and its outcome share one cell. Events that belong to no task
 * (clock moves, stalls, notes) span the whole width. Lanes that do not fit
 * are folded into the last one, which then names the task in each cell.
 */
import type { Trace, TraceEntry } from "./trace.ts";

export interface TimelineOptions {
  /** Total width in columns (default 80). */
  width?: number;
  /** Most rows drawn; the middle of a longer run is elided (default 60). */
  maxRows?: number;
  /** Leave out bookkeeping rows: timer-set, wake, signal reads, and user events that did not wait (default false). */
  quiet?: boolean;
}

interface Row {
  t: number;
  lane: number | undefined;
  text: string;
}

const TIME_W = 6;
const MIN_LANE_W = 14;
const MAX_LANE_W = 36;

export function renderTimeline(trace: Trace, options: TimelineOptions = {}): string {
  const width = options.width ?? 80;
  const maxRows = options.maxRows ?? 60;
  const entries = trace.entries.filter((e) => !(options.quiet && isNoise(e)));

  const tasks: { id: number; label: string }[] = [];
  for (const e of entries) {
    if (e.task !== undefined && !tasks.some((t) => t.id === e.task)) tasks.push({ id: e.task, label: e.label ?? "" });
  }
  if (tasks.length === 0 && entries.length === 0) return "(no events recorded)";

  const maxLanes = Math.max(1, Math.floor((width - TIME_W - 1) / (MIN_LANE_W + 1)));
  const laneCount = Math.min(Math.max(tasks.length, 1), maxLanes);
  const laneW = Math.min(MAX_LANE_W, Math.floor((width - TIME_W - 1) / laneCount) - 1);
  const folded = tasks.length > laneCount;
  const laneOf = (id: number): number =>
    Math.min(
      tasks.findIndex((t) => t.id === id),
      laneCount - 1,
    );

  const rows: Row[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const next = entries[i + 1];
    let text = cellText(e);
    if (
      e.kind === "poll" &&
      next !== undefined &&
      next.task === e.task &&
      (next.kind === "pending" || next.kind === "ready")
    ) {
      text = next.kind === "pending" ? "▶ poll → pending" : `▶ poll → ready${next.detail ? ` ${next.detail}` : ""}`;
      i++;
    }
    if (e.task === undefined) {
      rows.push({ t: e.t, lane: undefined, text });
      continue;
    }
    const lane = laneOf(e.task);
    if (folded && lane === laneCount - 1) text = `#${e.task} ${text}`;
    rows.push({ t: e.t, lane, text });
  }

  const header = [
    pad("t ms", TIME_W, true),
    ...Array.from({ length: laneCount }, (_, i) => {
      const t = tasks[i];
      const name =
        t === undefined
          ? ""
          : i === laneCount - 1 && folded
            ? `#${t.id}… +${tasks.length - laneCount} more`
            : `#${t.id} ${t.label}`;
      return ` ${pad(name, laneW - 1)}`;
    }),
  ].join("│");
  const rule = ["─".repeat(TIME_W), ...Array.from({ length: laneCount }, () => "─".repeat(laneW))].join("┼");

  const lines = [header.trimEnd(), rule];
  let lastT: number | undefined;
  const drawRow = (r: Row): string => {
    const time = r.t === lastT ? "" : formatTime(r.t);
    lastT = r.t;
    if (r.lane === undefined) return `${pad(time, TIME_W, true)}├╌ ${clip(r.text, width - TIME_W - 4)}`;
    const cells = Array.from({ length: laneCount }, (_, i) =>
      i === r.lane ? ` ${pad(r.text, laneW - 1)}` : " ".repeat(laneW),
    );
    return `${pad(time, TIME_W, true)}│${cells.join("│")}`.trimEnd();
  };
  if (rows.length <= maxRows) {
    for (const r of rows) lines.push(drawRow(r));
  } else {
    const head = Math.ceil(maxRows / 2);
    const tail = maxRows - head;
    for (const r of rows.slice(0, head)) lines.push(drawRow(r));
    lines.push(`${pad("", TIME_W)}┊ … ${rows.length - maxRows} rows not shown …`);
    lastT = undefined;
    for (const r of rows.slice(rows.length - tail)) lines.push(drawRow(r));
  }
  if (trace.dropped > 0) lines.push(`${pad("", TIME_W)}┊ … and ${trace.dropped} later events (the trace was full)`);
  return lines.join("\n");
}

/** What quiet mode leaves out: bookkeeping that a story does not need. */
function isNoise(e: TraceEntry): boolean {
  return (
    e.kind === "timer-set" ||
    e.kind === "wake" ||
    e.kind === "signal-read" ||
    (e.kind === "event-wait" && (e.detail ?? "").endsWith("(waited 0 ms)"))
  );
}

/** The words of one entry, as the text timeline and the drawn one show it. */
export function cellText(e: TraceEntry): string {
  const d = e.detail;
  switch (e.kind) {
    case "spawn":
      return "● spawned";
    case "poll":
      return "▶ poll";
    case "pending":
      return "◌ pending";
    case "ready":
      return `✔ ready${d ? ` ${d}` : ""}`;
    case "wake":
      return `↻ woken${d ? ` ${d}` : ""}`;
    case "cancel":
      return "✘ cancelled";
    case "drop":
      return "† dropped";
    case "finalizer":
      return `⚑ ${d ?? "finalizer"}`;
    case "pause":
      return "‖ paused";
    case "resume":
      return "▷ resumed";
    case "timer-set":
      return `◷ ${d ?? "timer set"}`;
    case "timer-fired":
      return `◷ fired: ${d ?? "timer"}`;
    case "panic":
      return `! panic: ${d ?? ""}`;
    case "jump":
      return `clock jumps ${d ?? ""}`;
    case "clock":
      return `clock moves ${d ?? ""}`;
    case "render":
      return `⟳ render ${d ?? ""}`;
    case "mount":
      return `+ mount ${d ?? ""}`;
    case "unmount":
      return `− unmount ${d ?? ""}`;
    case "event":
      return `☞ ${d ?? "event"}`;
    case "signal-write":
      return `✎ write ${d ?? ""}`;
    case "request":
      return `→ request ${d ?? ""}`;
    case "response":
      return `← response ${d ?? ""}`;
    case "abort":
      return `⨯ abort ${d ?? ""}`;
    case "block":
      return `■ ${d ?? "main thread blocked"}`;
    case "error":
      return `! error: ${d ?? ""}`;
    case "borrow-error":
      return `! borrow: ${d ?? ""}`;
    case "diagnostic":
      return `⚠ ${d ?? ""}`;
    case "lock-wait":
      return `… wait ${d ?? "lock"}`;
    case "lock-acquired":
      return `◆ locked ${d ?? ""}`;
    case "lock-released":
      return `◇ unlocked ${d ?? ""}`;
    default:
      return `${e.kind}${d ? `: ${d}` : ""}`;
  }
}

/** Milliseconds, or whole seconds ("3600s") once a time no longer fits the column. */
function formatTime(t: number): string {
  return t < 1_000_000 ? String(t) : `${Math.round(t / 1000)}s`;
}

function clip(s: string, w: number): string {
  return s.length <= w ? s : `${s.slice(0, Math.max(0, w - 1))}…`;
}

function pad(s: string, w: number, right = false): string {
  const c = clip(s, w);
  return right ? c.padStart(w) : c.padEnd(w);
}
