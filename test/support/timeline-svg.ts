/**
 * A trace drawn as a picture: the same swimlane chart as the text timeline
 * (runtime/timeline.ts), as SVG, for the vitest UI. One lane per task, time
 * running down, each event a coloured mark with its words; a task's life is
 * a bar from its spawn to its end; events of no task (the clock, renders,
 * user events) span the chart on a grey band.
 *
 * property() attaches it to a failing test (context.annotate), and the UI
 * shows it as an image under the test.
 */
import { cellText } from "../../runtime/timeline.ts";
import type { Trace, TraceEntry } from "../../runtime/trace.ts";

export interface SvgOptions {
  /** Most lanes drawn; later tasks share the last one (default 6). */
  maxLanes?: number;
  /** Most rows drawn; the middle of a longer run is left out (default 160). */
  maxRows?: number;
  /** A title above the chart. */
  title?: string;
}

const ROW = 18;
const TIME_W = 64;
const LANE_W = 190;
const HEAD = 44;

const COLOURS: Record<string, string> = {
  spawn: "#2563eb",
  poll: "#16a34a",
  pending: "#9ca3af",
  ready: "#15803d",
  wake: "#0891b2",
  cancel: "#dc2626",
  drop: "#dc2626",
  abort: "#dc2626",
  panic: "#b91c1c",
  error: "#b91c1c",
  "borrow-error": "#b91c1c",
  stall: "#b91c1c",
  finalizer: "#0d9488",
  request: "#ea580c",
  response: "#7c3aed",
  "timer-fired": "#a16207",
  "signal-write": "#db2777",
  "lock-wait": "#a16207",
  "lock-acquired": "#4d7c0f",
  "lock-released": "#4d7c0f",
};

const END_KINDS = new Set(["ready", "cancel", "drop", "panic"]);

function quietNoise(e: TraceEntry): boolean {
  return (
    e.kind === "timer-set" ||
    e.kind === "wake" ||
    e.kind === "signal-read" ||
    (e.kind === "event-wait" && (e.detail ?? "").endsWith("(waited 0 ms)"))
  );
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

interface Row {
  t: number;
  e: TraceEntry;
  text: string;
}

/** Draws the traces of one run (one chart per runtime, stacked) as one SVG document. */
export function timelineSvg(traces: readonly Trace[], options: SvgOptions = {}): string {
  const maxLanes = options.maxLanes ?? 6;
  const maxRows = options.maxRows ?? 160;
  const parts: string[] = [];
  let y = 8;
  let width = TIME_W + LANE_W;
  if (options.title) {
    // Wrapped at ~80 characters a line, so the title never runs off the picture.
    const words = options.title.split(" ");
    const lines: string[] = [];
    for (const w of words) {
      const last = lines.at(-1);
      if (last !== undefined && last.length + w.length < 80) lines[lines.length - 1] = `${last} ${w}`;
      else lines.push(w);
    }
    for (const l of lines) {
      y += 17;
      parts.push(`<text x="8" y="${y}" font-weight="bold" font-size="13">${esc(l)}</text>`);
    }
    y += 8;
    width = Math.max(width, 8 + 80 * 8);
  }
  for (const trace of traces) {
    const chart = drawOne(trace, y, maxLanes, maxRows);
    parts.push(chart.svg);
    y = chart.bottom + 16;
    width = Math.max(width, chart.width);
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="11">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...parts,
    "</svg>",
  ].join("\n");
}

function drawOne(
  trace: Trace,
  top: number,
  maxLanes: number,
  maxRows: number,
): { svg: string; bottom: number; width: number } {
  const entries = trace.entries.filter((e) => !quietNoise(e));
  const tasks: { id: number; label: string }[] = [];
  for (const e of entries)
    if (e.task !== undefined && !tasks.some((t) => t.id === e.task)) tasks.push({ id: e.task, label: e.label ?? "" });
  const lanes = Math.max(1, Math.min(tasks.length, maxLanes));
  const folded = tasks.length > lanes;
  const laneOf = (id: number) =>
    Math.min(
      tasks.findIndex((t) => t.id === id),
      lanes - 1,
    );
  const width = TIME_W + lanes * LANE_W;

  // One row per entry; a poll and its outcome share a row, as in the text timeline.
  let rows: (Row | "elided")[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const next = entries[i + 1];
    let text = cellText(e);
    let kind = e;
    if (
      e.kind === "poll" &&
      next !== undefined &&
      next.task === e.task &&
      (next.kind === "pending" || next.kind === "ready")
    ) {
      text = next.kind === "pending" ? "▶ poll → pending" : `▶ poll → ready${next.detail ? ` ${next.detail}` : ""}`;
      kind = next.kind === "ready" ? next : e;
      i++;
    }
    if (folded && e.task !== undefined && laneOf(e.task) === lanes - 1) text = `#${e.task} ${text}`;
    rows.push({ t: e.t, e: kind, text });
  }
  let elided = 0;
  if (rows.length > maxRows) {
    const head = Math.ceil(maxRows / 2);
    elided = rows.length - maxRows;
    rows = [...rows.slice(0, head), "elided", ...rows.slice(rows.length - (maxRows - head))];
  }

  const out: string[] = [];
  const x0 = (lane: number) => TIME_W + lane * LANE_W;
  // Lane headers and separators.
  out.push(`<text x="8" y="${top + 16}" fill="#374151" font-weight="bold">t ms</text>`);
  for (let l = 0; l < lanes; l++) {
    const t = tasks[l];
    const name =
      t === undefined
        ? ""
        : folded && l === lanes - 1
          ? `#${t.id}… +${tasks.length - lanes} more`
          : `#${t.id} ${t.label}`;
    out.push(
      `<rect x="${x0(l) + 2}" y="${top + 2}" width="${LANE_W - 4}" height="${HEAD - 12}" rx="4" fill="#eef2ff" stroke="#c7d2fe"/>`,
    );
    out.push(`<text x="${x0(l) + 8}" y="${top + 21}" font-weight="bold" fill="#1e3a8a">${esc(clip(name, 28))}</text>`);
  }
  const body = top + HEAD;
  const bottom = body + rows.length * ROW + 6;
  for (let l = 1; l < lanes; l++)
    out.push(`<line x1="${x0(l)}" y1="${top}" x2="${x0(l)}" y2="${bottom}" stroke="#e5e7eb"/>`);
  out.push(`<line x1="${TIME_W}" y1="${top}" x2="${TIME_W}" y2="${bottom}" stroke="#9ca3af"/>`);

  // Each task's life: a bar from its first row to its end (or to the bottom while it lives).
  if (!folded || lanes > 0) {
    for (let l = 0; l < Math.min(lanes, tasks.length); l++) {
      if (folded && l === lanes - 1) continue;
      const id = tasks[l]!.id;
      const own = rows.map((r, i) => (r !== "elided" && r.e.task === id ? i : -1)).filter((i) => i >= 0);
      if (own.length === 0) continue;
      const first = own[0]!;
      const endRow = own.find((i) => END_KINDS.has((rows[i] as Row).e.kind));
      const last = endRow ?? rows.length - 1;
      const cx = x0(l) + 10;
      out.push(
        `<rect x="${cx - 3}" y="${body + first * ROW + 4}" width="6" height="${(last - first) * ROW + 10}" rx="3" fill="#dbeafe"/>`,
      );
    }
  }

  let lastT: number | undefined;
  rows.forEach((r, i) => {
    const y = body + i * ROW;
    if (r === "elided") {
      out.push(
        `<text x="${TIME_W + 8}" y="${y + 13}" fill="#6b7280" font-style="italic">… ${elided} rows not shown …</text>`,
      );
      lastT = undefined;
      return;
    }
    if (r.t !== lastT) {
      out.push(`<line x1="0" y1="${y}" x2="${width}" y2="${y}" stroke="#f3f4f6"/>`);
      out.push(`<text x="${TIME_W - 6}" y="${y + 13}" text-anchor="end" fill="#374151">${r.t}</text>`);
      lastT = r.t;
    }
    const colour = COLOURS[r.e.kind] ?? "#4b5563";
    if (r.e.task === undefined) {
      out.push(
        `<rect x="${TIME_W + 1}" y="${y + 2}" width="${width - TIME_W - 2}" height="${ROW - 4}" fill="#f9fafb"/>`,
      );
      out.push(
        `<text x="${TIME_W + 8}" y="${y + 13}" fill="${r.e.kind === "stall" ? COLOURS.stall : "#4b5563"}">${esc(clip(r.text, Math.floor((width - TIME_W) / 6.7)))}</text>`,
      );
      return;
    }
    const lx = x0(laneOf(r.e.task));
    out.push(`<circle cx="${lx + 10}" cy="${y + 9}" r="4" fill="${colour}"/>`);
    out.push(`<text x="${lx + 20}" y="${y + 13}" fill="${colour}">${esc(clip(r.text, 26))}</text>`);
  });
  return { svg: `<g>${out.join("\n")}</g>`, bottom, width };
}
