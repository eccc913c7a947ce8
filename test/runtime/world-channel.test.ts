/**
 * The unbounded mpsc channel (runtime/world/channel.ts), as
 * futures_channel::mpsc::unbounded behaves: FIFO across sender clones, the
 * end of the channel only once every sender is closed and the queue drained,
 * a woken receiver instead of a polled one, and a cancel-safe recv().
 */
import { describe, expect, it } from "vitest";
import {
  type Future,
  Poll,
  channel,
  future,
  pollFn,
  sleep,
  spawn,
  type Context,
  type Waker,
} from "../../runtime/index.ts";
import { LearnerError, Runtime } from "../../runtime/testing.ts";
import { caught } from "./support/errors.ts";
import { fc, prop } from "./support/prop.ts";

/** What the properties need from a channel, so that a wrong one can be run through them too. */
interface ChannelLike {
  make(): [
    { send(m: number): unknown; clone(): { send(m: number): unknown; close(): void }; close(): void },
    { recv(): Future<number | undefined> },
  ];
}

const realChannel: ChannelLike = { make: () => channel<number>("numbers") };

/**
 * A plausible wrong channel: `send` hands the message straight to the
 * receiver that is waiting, so a recv() dropped before it is polled again
 * takes that message with it.
 */
const handsOffChannel: ChannelLike = {
  make() {
    const queue: number[] = [];
    let waiting: { waker: Waker; got?: number } | undefined;
    let open = 1;
    const tx = {
      send(m: number) {
        if (waiting !== undefined) {
          waiting.got = m;
          waiting.waker.wake();
          waiting = undefined;
        } else queue.push(m);
      },
      clone() {
        open++;
        return tx;
      },
      close() {
        open--;
      },
    };
    const rx = {
      recv(): Future<number | undefined> {
        const me: { waker?: Waker; got?: number } = {};
        return pollFn((cx: Context) => {
          if (me.got !== undefined) return Poll.Ready(me.got);
          if (queue.length > 0) return Poll.Ready(queue.shift());
          if (open === 0) return Poll.Ready(undefined);
          me.waker = cx.waker;
          waiting = me as { waker: Waker };
          return Poll.Pending;
        });
      },
    };
    return [tx, rx];
  },
};

/** Races `fut` against a timer; the loser is dropped at once (tokio::select! with `biased;`, the timer first). */
function orTimeout<T>(fut: Future<T>, ms: number): Future<T | "timeout"> {
  const timer = sleep(ms);
  const dropBoth = () => {
    fut[Symbol.dispose]();
    timer[Symbol.dispose]();
  };
  return pollFn<T | "timeout">(
    (cx) => {
      // The timer first, as a `biased;` select! would: when both are ready in the same instant, the recv() is dropped.
      if (timer.poll(cx).ready) {
        fut[Symbol.dispose]();
        return Poll.Ready("timeout");
      }
      return fut.poll(cx);
    },
    { onDrop: dropBoth, label: `recv() or timeout(${ms})` },
  );
}

const sends = fc.array(fc.record({ gap: fc.nat(6), sender: fc.nat(2) }), { maxLength: 16 });

/** Sends 0, 1, 2… from three sender tasks at the given gaps, closes every sender, and receives with `receive`. */
function exchange(
  ch: ChannelLike,
  plan: { gap: number; sender: number }[],
  receive: (rx: { recv(): Future<number | undefined> }, got: number[]) => Future<void>,
) {
  const rt = new Runtime();
  const sent: number[] = [];
  const got: number[] = [];
  let endedAt: number | undefined;
  let lastClose = 0;
  rt.enter(() => {
    const [tx, rx] = ch.make();
    const txs = [tx, tx.clone(), tx.clone()];
    for (let s = 0; s < 3; s++) {
      const mine = plan.filter((p) => p.sender === s);
      spawn(
        future(function* () {
          for (const p of mine) {
            yield* sleep(p.gap);
            const m = sent.length;
            sent.push(m);
            txs[s]!.send(m);
          }
          txs[s]!.close();
          lastClose = Math.max(lastClose, rt.now);
        }),
      );
    }
    spawn(
      future(function* () {
        yield* receive(rx, got);
        endedAt = rt.now;
      }),
    );
  });
  rt.runToCompletion();
  return { sent, got, endedAt, lastClose };
}

/** Receives until the end of the channel, sleeping `pauses[i]` ms after the i-th message. */
function slowReceiver(pauses: number[]) {
  return (rx: { recv(): Future<number | undefined> }, got: number[]) =>
    future(function* () {
      for (let m = yield* rx.recv(); m !== undefined; m = yield* rx.recv()) {
        got.push(m);
        yield* sleep(pauses[got.length % Math.max(1, pauses.length)] ?? 0);
      }
    });
}

/** Races each recv() against a short timeout, dropping the recv() whenever the timeout wins. */
function impatientReceiver(timeouts: number[]) {
  return (rx: { recv(): Future<number | undefined> }, got: number[]) =>
    future(function* () {
      for (let i = 0; ; i++) {
        const r = yield* orTimeout(rx.recv(), timeouts[i % Math.max(1, timeouts.length)] ?? 1);
        if (r === "timeout") continue;
        if (r === undefined) return;
        got.push(r);
      }
    });
}

describe("channel", () => {
  prop([sends, fc.array(fc.nat(6), { maxLength: 8 })], { numRuns: 80 })(
    "messages arrive in the order they were sent, each exactly once, from any number of sender clones and whatever the timing (FIFO)",
    (plan, pauses) => {
      const { sent, got } = exchange(realChannel, plan, slowReceiver(pauses));
      expect(got).toEqual(sent);
    },
  );

  prop([sends, fc.array(fc.nat(6), { maxLength: 8 })], { numRuns: 60 })(
    "recv() gives undefined (Rust's None) only once every sender clone is closed and the queue is drained",
    (plan, pauses) => {
      const { sent, got, endedAt, lastClose } = exchange(realChannel, plan, slowReceiver(pauses));
      expect(got).toHaveLength(sent.length);
      expect(endedAt).toBeGreaterThanOrEqual(lastClose);
    },
  );

  const droppedRecvLosesNothing = (
    ch: ChannelLike,
    params: fc.Parameters<[{ gap: number; sender: number }[], number[]]>,
  ) =>
    fc.assert(
      fc.property(sends, fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 6 }), (plan, timeouts) => {
        const { sent, got } = exchange(ch, plan, impatientReceiver(timeouts));
        expect(got).toEqual(sent);
      }),
      params,
    );

  it("a recv() dropped before it is Ready loses nothing: a receiver that races every recv() against a timeout still gets every message, in order (cancel safe)", () => {
    droppedRecvLosesNothing(realChannel, { numRuns: 80 });
  });

  it("…and that property catches a channel that hands a message to the waiting recv() when it is sent (the message dies with a dropped recv)", () => {
    expect(() => droppedRecvLosesNothing(handsOffChannel, { numRuns: 200, endOnFailure: true })).toThrow();
  });

  prop([fc.integer({ min: 1, max: 500 })], { numRuns: 30 })(
    "a receiver waiting for a message sent at time t is polled twice, at 0 and at t: the send wakes it, nothing polls it in a loop",
    (t) => {
      const rt = new Runtime();
      const [tx, rx] = channel<string>("late");
      const receiver = rt.spawn(
        future(function* () {
          return yield* rx.recv();
        }),
      );
      rt.spawn(
        future(function* () {
          yield* sleep(t);
          tx.send("hello");
        }),
      );
      rt.runToCompletion();
      expect(receiver.output).toBe("hello");
      expect(
        rt.trace
          .forTask(receiver.id)
          .filter((e) => e.kind === "poll")
          .map((e) => e.t),
      ).toEqual([0, t]);
    },
  );

  it("after rx.close() the queued messages can still be received, then recv() ends, and send returns false and discards (Rust's UnboundedReceiver::close)", () => {
    const rt = new Runtime();
    const [tx, rx] = channel<number>();
    tx.send(1);
    tx.send(2);
    rx.close();
    expect(tx.send(3)).toBe(false);
    const got: (number | undefined)[] = [];
    rt.spawn(
      future(function* () {
        for (let i = 0; i < 3; i++) got.push(yield* rx.recv());
      }),
    );
    rt.runToCompletion();
    expect(got).toEqual([1, 2, undefined]);
  });

  it("dropping the receiver discards what is queued; a sender then sees send return false (Rust: unbounded_send returns Err)", () => {
    const [tx, rx] = channel<number>();
    tx.send(1);
    rx[Symbol.dispose]();
    expect(rx.length).toBe(0);
    expect(tx.send(2)).toBe(false);
  });

  it("a sender used after it was closed is a SenderClosed error that names the channel and says to clone instead (Rust forbids using a dropped value)", () => {
    const [tx] = channel<number>("jobs");
    const other = tx.clone();
    tx.close();
    const e = caught(() => tx.send(1));
    expect(e.kind).toBe("SenderClosed");
    expect(e.message).toContain('channel "jobs"');
    expect(e.fix).toContain("tx.clone()");
    expect(other.send(2)).toBe(true);
    expect(caught(() => tx.clone()).kind).toBe("SenderClosed");
  });

  it("closing a sender twice is harmless, and the channel stays open while another clone is open", () => {
    const rt = new Runtime();
    const [tx, rx] = channel<number>();
    const tx2 = tx.clone();
    tx.close();
    tx.close();
    const r = rt.spawn(
      future(function* () {
        return yield* rx.recv();
      }),
    );
    rt.runUntilIdle();
    expect(r.finished()).toBe(false);
    tx2.send(7);
    rt.runUntilIdle();
    expect(r.output).toBe(7);
  });

  it("a task stuck on recv() is named in the stall report with the channel's name, its queue and its open senders", () => {
    const rt = new Runtime();
    const [tx, rx] = channel<number>("jobs");
    rt.spawn(
      future(function* worker() {
        yield* rx.recv();
      }),
    );
    const e = caught(() => rt.runToCompletion());
    expect(e).toBeInstanceOf(LearnerError);
    expect(e.kind).toBe("Stall");
    expect(e.message).toContain('recv() on channel "jobs" (0 queued, 1 sender open)');
    tx.close();
    rt.runToCompletion();
  });

  it("polling a finished recv() again is the usual PolledAfterReady error", () => {
    const [tx, rx] = channel<number>();
    tx.send(1);
    const r = rx.recv();
    const cx = { waker: { wake() {} } };
    expect(r.poll(cx)).toEqual(Poll.Ready(1));
    expect(caught(() => r.poll(cx)).kind).toBe("PolledAfterReady");
  });
});
