/**
 * The errors of signals: Dioxus's borrow errors (`generational-box`'s
 * `BorrowError` / `BorrowMutError`, with their first sentences) and the
 * misuses this model adds (a signal touched from a worker thread, a guard
 * used after its release), each with why it matters and what to do.
 */
import { LearnerError } from "./errors.ts";
import type { SignalCell } from "./signal.ts";

export type BorrowKind = "AlreadyBorrowedMut" | "AlreadyBorrowed" | "Dropped";

/** A borrow error, returned by `tryRead`/`tryWrite` and thrown by `read`/`write`. */
export class BorrowError extends LearnerError {
  declare readonly kind: BorrowKind;
}

export function notSend(cell: SignalCell<unknown>, thread: string): LearnerError {
  return new LearnerError({
    kind: "NotSend",
    what: `${cell.describe()} was touched from the worker thread "${thread}".`,
    why:
      "Signals live on the UI thread: in Rust they are !Send, so the compiler refuses to move them into std::thread::spawn. " +
      "A thread must not read or write UI state while the UI thread may be using it.",
    fix:
      "Give the thread plain data, and write its result into the signal on the UI thread, after awaiting the thread's result. " +
      "(Rust also has thread-safe signals, use_signal_sync / SyncSignal, for state a thread must share; this runtime does not model them.)",
  });
}

export function borrowError(kind: BorrowKind, what: string, details: string[]): BorrowError {
  const why: Record<BorrowKind, string> = {
    AlreadyBorrowedMut:
      "A write guard gives its holder exclusive access until it is released; any other borrow meanwhile panics, at run time. " +
      "In async code this happens when a guard is held across an await: other tasks and renders run while it is still open.",
    AlreadyBorrowed:
      "A write needs exclusive access, but read guards are still open. In async code this happens when a read guard is held " +
      "across an await, or stored somewhere that outlives the line that needed it.",
    Dropped:
      "A signal lives as long as the component that created it. Once that component unmounted, the value is gone; " +
      "a task or callback that outlives the component must not use it.",
  };
  const fix: Record<BorrowKind, string> = {
    AlreadyBorrowedMut:
      "Keep guards short: `{ using g = sig.write(); … }` with no `yield*` inside, or use `sig.set(v)` / `sig.get()`, which release at once.",
    AlreadyBorrowed: "Copy the value out with `sig.get()` (or close the read guard) before writing.",
    Dropped:
      "Cancel the work when the component unmounts (spawn, not spawnForever). Work that must outlive the component (spawnForever) should keep its state in a global signal, or in the task itself.",
  };
  return new BorrowError({ kind, what, details, why: why[kind], fix: fix[kind] }) as BorrowError;
}

export const TEXT = {
  readWhileWrite: "Failed to borrow because the value was already borrowed mutably.",
  writeWhileRead: "Failed to borrow mutably because the value was already borrowed immutably.",
  dropped: "Failed to borrow because the value was dropped.",
};

export function closedGuard(cell: SignalCell<unknown>): LearnerError {
  return new LearnerError({
    kind: "GuardReleased",
    what: `A guard of ${cell.describe()} was used after it was released.`,
    why: "A guard is a borrow: once released, it no longer gives access, so a later change could be lost or seen half-done.",
    fix: "Take a new guard (or use get()/set()) where you need the value.",
  });
}
