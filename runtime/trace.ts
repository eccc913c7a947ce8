/**
 * The trace: a structured log of everything the runtime did, in order.
 *
 * Every entry carries the virtual time, the task (id and label) or scope it
 * concerns, and a short detail. Two runs with the same inputs give equal
 * traces (`sameTrace`), which is how determinism is tested. The timeline
 * renderer (timeline.ts) draws a trace for failure messages.
 *
 * A trace can be switched off (`enabled = false`) for benchmarks, and keeps at
 * most `limit` entries so that a runaway test cannot exhaust memory; entries
 * past the limit are counted in `dropped` and the timeline says so.
 */

/** What happened. The core writes the first group; the Dioxus layer adds its own. */
export type TraceKind =
  | "spawn"
  | "poll"
  | "pending"
  | "wake"
  | "ready"
  | "cancel"
  | "drop"
  | "finalizer"
  | "pause"
  | "resume"
  | "timer-set"
  | "timer-fired"
  | "clock"
  | "jump"
  | "panic"
  | "note"
  | "error-discarded"
  | (string & {});

export interface TraceEntry {
  /** Position in the trace, from 0. */
  readonly seq: number;
  /** Virtual time in milliseconds. */
  readonly t: number;
  readonly kind: TraceKind;
  /** The task concerned, if any. */
  readonly task?: number | undefined;
  readonly label?: string | undefined;
  /** The owner (scope) id concerned, if any. */
  readonly owner?: number | undefined;
  readonly detail?: string | undefined;
  /** Where it happened in user code, formatted only when read (a spawn's call site). */
  readonly site?: { readonly where: string | undefined } | undefined;
}

export class Trace {
  readonly entries: TraceEntry[] = [];
  /** How many entries were not kept because the trace was full. */
  dropped = 0;

  constructor(
    public enabled = true,
    readonly limit = 50_000,
  ) {}

  record(
    t: number,
    kind: TraceKind,
    task?: number,
    label?: string,
    detail?: string,
    owner?: number,
    site?: { readonly where: string | undefined },
  ): void {
    if (!this.enabled) return;
    if (this.entries.length >= this.limit) {
      this.dropped++;
      return;
    }
    this.entries.push({ seq: this.entries.length, t, kind, task, label, owner, detail, site });
  }

  /** Entries of one kind (or several), e.g. `trace.of("poll")`. */
  of(...kinds: TraceKind[]): TraceEntry[] {
    return this.entries.filter((e) => kinds.includes(e.kind));
  }

  /** Entries about one task. */
  forTask(task: number): TraceEntry[] {
    return this.entries.filter((e) => e.task === task);
  }

  /** One line per entry; equal strings mean equal traces. */
  toLines(): string[] {
    return this.entries.map(formatEntry);
  }
}

export function formatEntry(e: TraceEntry): string {
  const who = e.task === undefined ? "" : ` #${e.task}${e.label ? ` ${e.label}` : ""}`;
  const scope = e.owner === undefined ? "" : ` @${e.owner}`;
  const detail = e.detail ?? e.site?.where;
  return `t=${e.t}${who}${scope} ${e.kind}${detail ? `: ${detail}` : ""}`;
}

/** True when two traces record the same events in the same order. */
export function sameTrace(a: Trace, b: Trace): boolean {
  if (a.entries.length !== b.entries.length || a.dropped !== b.dropped) return false;
  return a.entries.every((e, i) => formatEntry(e) === formatEntry(b.entries[i]!));
}
