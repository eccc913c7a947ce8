/**
 * Channels: an unbounded multi-producer, single-consumer queue.
 *
 * What it models: `futures_channel::mpsc::unbounded` (what `use_coroutine`
 * hands its future in `packages/hooks/src/use_coroutine.rs`), with the
 * receiving side spelled like tokio's: `yield* rx.recv()` is
 * `rx.next().await` / `rx.recv().await`.
 *
 *     const [tx, rx] = channel<string>("jobs");
 *     tx.send("sync");                       // never waits: the queue is unbounded
 *     const job = yield* rx.recv();          // "sync", or undefined once closed
 *
 * Invariants:
 * - FIFO: messages come out in the order they were sent, across all clones
 *   of the sender, each exactly once.
 * - A message leaves the queue only when a `recv()` future returns Ready
 *   with it. Dropping a pending `recv()` (a timeout won a race, the task was
 *   cancelled) loses nothing: the message waits for the next `recv()`. This
 *   is what makes `recv` cancel safe, as tokio documents for its own.
 * - `recv()` is Ready with `undefined` (Rust's `None`) only once every sender
 *   has been closed (Rust: dropped) and the queue is drained, or once the
 *   receiver was dropped.
 * - A pending `recv()` is woken by the next send or close, not polled in a
 *   loop: a receiver waiting for a message sent at t=50 is polled twice.
 *
 * Rust drops a sender when it goes out of scope; here `tx.close()` (or
 * `using tx = …`) is that drop. Using a sender after closing it is what the
 * borrow checker forbids in Rust, so here it is an error.
 */
import { LearnerError } from "../errors.ts";
import { Future, Poll, polledAfterReady, type Context, type Waker } from "../future.ts";

class ChannelState<T> {
  queue: T[] = [];
  head = 0;
  openSenders = 1;
  /** Set when the receiver closed the channel or was dropped: sends fail. */
  receiverClosed = false;
  readonly waiting = new Set<RecvFuture<T>>();
  sent = 0;

  constructor(readonly name: string) {}

  get length(): number {
    return this.queue.length - this.head;
  }

  take(): T {
    const msg = this.queue[this.head]!;
    this.queue[this.head++] = undefined as T;
    if (this.head > 32 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return msg;
  }

  /** Wakes every pending `recv()`: the first to be polled takes the message, the others wait again. */
  wakeAll(): void {
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const r of waiting) r.waker?.wake();
  }

  describe(): string {
    const senders = this.openSenders === 1 ? "1 sender open" : `${this.openSenders} senders open`;
    return `channel "${this.name}" (${this.length} queued, ${senders})`;
  }
}

/** The sending half. Cheap to clone; the channel ends when every clone is closed. */
export class Sender<T> implements Disposable {
  #closed = false;

  /** @internal */
  constructor(readonly state: ChannelState<T>) {}

  /**
   * Queues `msg` for the receiver and wakes it. Never waits. Returns false if
   * the receiver is gone (closed or dropped): the message is discarded, as
   * Rust's `unbounded_send` returns `Err`.
   */
  send(msg: T): boolean {
    if (this.#closed) throw sendOnClosed(this.state.name);
    const s = this.state;
    if (s.receiverClosed) return false;
    s.queue.push(msg);
    s.sent++;
    s.wakeAll();
    return true;
  }

  /** Another handle on the same channel (Rust `tx.clone()`). */
  clone(): Sender<T> {
    if (this.#closed) throw sendOnClosed(this.state.name, "clone");
    this.state.openSenders++;
    return new Sender(this.state);
  }

  /**
   * Drops this handle. When the last one is closed, a waiting `recv()` sees
   * the end of the channel (after the queued messages). Closing twice does nothing.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const s = this.state;
    s.openSenders--;
    if (s.openSenders === 0) s.wakeAll();
  }

  /** True once this handle was closed. */
  get closed(): boolean {
    return this.#closed;
  }

  [Symbol.dispose](): void {
    this.close();
  }

  toString(): string {
    return `sender of ${this.state.describe()}`;
  }
}

/** The receiving half: one per channel. */
export class Receiver<T> implements Disposable {
  /** @internal */
  constructor(readonly state: ChannelState<T>) {}

  /**
   * The next message, in send order; `undefined` once every sender is closed
   * and the queue is empty. Dropping this future before it is Ready loses nothing.
   */
  recv(): Future<T | undefined> {
    return new RecvFuture(this.state);
  }

  /**
   * Stops new messages (sends return false) but lets the receiver drain what
   * is queued (Rust `UnboundedReceiver::close`).
   */
  close(): void {
    const s = this.state;
    if (s.receiverClosed) return;
    s.receiverClosed = true;
    s.wakeAll();
  }

  /** Drops the receiver: closes the channel and discards what is queued. */
  [Symbol.dispose](): void {
    this.close();
    const s = this.state;
    s.queue = [];
    s.head = 0;
  }

  /** Messages waiting to be received. */
  get length(): number {
    return this.state.length;
  }

  toString(): string {
    return `receiver of ${this.state.describe()}`;
  }
}

class RecvFuture<T> extends Future<T | undefined> {
  waker: Waker | undefined;
  #done = false;

  constructor(readonly state: ChannelState<T>) {
    super();
  }

  poll(cx: Context): Poll<T | undefined> {
    if (this.#done) throw polledAfterReady(this.awaiting());
    const s = this.state;
    if (s.length > 0) return this.#finish(s.take());
    if (s.openSenders === 0 || s.receiverClosed) return this.#finish(undefined);
    this.waker = cx.waker;
    s.waiting.add(this);
    return Poll.Pending;
  }

  #finish(value: T | undefined): Poll<T | undefined> {
    this.#done = true;
    this.state.waiting.delete(this);
    return Poll.Ready(value);
  }

  override awaiting(): string {
    return this.label ?? `recv() on ${this.state.describe()}`;
  }

  protected override drop(): void {
    this.state.waiting.delete(this);
  }
}

/**
 * An unbounded channel: `[sender, receiver]`, as Rust's
 * `let (tx, rx) = futures_channel::mpsc::unbounded();`.
 *
 *     const [tx, rx] = channel<number>("numbers");
 */
export function channel<T>(name = "channel"): [Sender<T>, Receiver<T>] {
  const state = new ChannelState<T>(name);
  return [new Sender(state), new Receiver(state)];
}

function sendOnClosed(name: string, what: "send" | "clone" = "send"): LearnerError {
  return new LearnerError({
    kind: "SenderClosed",
    what: `${what === "send" ? "send" : "clone"} was called on a sender of channel "${name}" after that sender was closed.`,
    why:
      "Closing a sender is dropping it: in Rust the value is gone and the compiler refuses any later use. " +
      "The receiver may already have seen the end of the channel, so a message sent now could never be read.",
    fix: "Close a sender only when this code will send nothing more. If another part of the program still sends, give it its own tx.clone() and close each clone when it is done.",
  });
}
