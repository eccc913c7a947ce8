/**
 * Guard diagnostics: which signal guards each task holds, and the report
 * when a task suspends (or ends) with one still open.
 *
 * What it models: the warning Dioxus leaves to clippy (a `Ref`/`RefMut`-like
 * guard held across an `.await`), reported here at run time with both
 * places, even when no other task collides this time. The executor calls
 * `afterPoll` after every task poll (`PollWatch`); signals call
 * `guardOpened` / `guardClosed`.
 */
import { LearnerError } from "./errors.ts";
import type { PollWatch, Runtime, Task } from "./executor.ts";
import type { Guard } from "./signal.ts";

export class HeldGuards implements PollWatch {
  /** "Guard held across an await" reports, in the order they happened. */
  readonly diagnostics: LearnerError[] = [];
  readonly #held = new Map<Task, Set<Guard>>();
  readonly #reported = new WeakMap<Guard, string>();

  constructor(readonly rt: Runtime) {}

  /** @internal Forgets every guard and report (`Runtime.release`). */
  release(): void {
    this.#held.clear();
    this.diagnostics.length = 0;
  }

  afterPoll(task: Task, ready: boolean): void {
    const held = this.#held.get(task);
    if (held === undefined || held.size === 0) return;
    for (const g of held) this.#heldAcrossAwait(task, g, ready);
  }

  holdsGuards(task: Task | undefined): boolean {
    return task !== undefined && (this.#held.get(task)?.size ?? 0) > 0;
  }

  /** Guards taken outside any task (a render, a handler's synchronous code) cannot be held across an await: not tracked. */
  guardOpened(task: Task | undefined, guard: Guard): void {
    if (task === undefined) return;
    let set = this.#held.get(task);
    if (set === undefined) this.#held.set(task, (set = new Set()));
    set.add(guard);
  }

  guardClosed(task: Task | undefined, guard: Guard): void {
    if (task !== undefined) this.#held.get(task)?.delete(guard);
  }

  #heldAcrossAwait(task: Task, g: Guard, ended: boolean): void {
    const awaitSite = task.future.awaitSite();
    // Polled again at the same await with the same guard open (a handler's task re-polls its first await): said once.
    const at = ended ? "end" : `${task.future.awaiting()} at ${awaitSite}`;
    if (this.#reported.get(g) === at) return;
    this.#reported.set(g, at);
    const error = new LearnerError({
      kind: "GuardHeldAcrossAwait",
      what: ended
        ? `Task ${task} ended with a ${g.mode} guard of ${g.cell.describe()} still open.`
        : `Task ${task} suspended at an await while holding a ${g.mode} guard of ${g.cell.describe()}.`,
      details: [
        `guard taken at ${g.site.where ?? "an unknown place"}`,
        ...(ended ? [] : [`awaiting ${task.future.awaiting()}${awaitSite ? ` at ${awaitSite}` : ""}`]),
      ],
      where: g.site.where,
      why:
        "While a task waits, other tasks and renders run. If they borrow the same signal they panic " +
        "(AlreadyBorrowed/AlreadyBorrowedMut), and a write guard also holds back every re-render until it is released. " +
        "In Rust, clippy warns about this only once Dioxus's guard types are listed under await-holding-invalid-types " +
        "in clippy.toml (await_holding_refcell_ref knows only std's Ref/RefMut).",
      fix:
        "Release the guard before the await: copy what you need out of it, close its block, then await. " +
        "If you need exclusive access across awaits, use an async Mutex.",
    });
    this.diagnostics.push(error);
    this.rt.trace.record(
      this.rt.now,
      "diagnostic",
      task.id,
      task.label,
      `guard of ${g.cell.name} held across an await`,
    );
  }
}
