/**
 * useCoroutine (runtime/hooks/use-coroutine.ts) as Dioxus 0.7's
 * use_coroutine.rs behaves: use_future plus an unbounded channel whose
 * receiver the future owns; a restart makes a fresh channel.
 */
import { describe, expect, it } from "vitest";
import {
  button,
  component,
  div,
  future,
  sleep,
  useCoroutine,
  useSignal,
  type Coroutine,
  type Receiver,
  type Signal,
} from "../../runtime/index.ts";
import { render } from "../../runtime/testing.ts";
import { eventSchedule } from "../support/arbitrary/event-schedule.ts";
import { caught } from "./support/errors.ts";
import { at, host } from "./support/host.ts";
import { fc, prop } from "./support/prop.ts";

/** A coroutine that handles each message for `cost` ms, logging "got m" when it takes it and "done m" after. */
function worker(log: string[], cost: number) {
  return useCoroutine((rx: Receiver<number>) =>
    future(function* () {
      for (let m = yield* rx.recv(); m !== undefined; m = yield* rx.recv()) {
        log.push(`got ${m}`);
        yield* sleep(cost);
        log.push(`done ${m}`);
      }
    }),
  );
}

describe("useCoroutine", () => {
  prop([eventSchedule(fc.constant("send" as const), { maxEvents: 8, maxGap: 10 }), fc.nat(6), fc.boolean()], {
    numRuns: 60,
  })(
    "messages sent at any times, even before the coroutine's first poll, are handled one at a time in send order, each exactly once",
    (schedule, cost, beforeFirstPoll) => {
      const log: string[] = [];
      const { app, handle } = host(() => worker(log, cost));
      if (beforeFirstPoll) handle.send(0);
      at(app, schedule, (_, i) => handle.send(i + 1));
      app.advance(10 * (cost + 1) * (schedule.length + 1));
      const sent = [...(beforeFirstPoll ? [0] : []), ...schedule.map((_, i) => i + 1)];
      expect(log).toEqual(sent.flatMap((m) => [`got ${m}`, `done ${m}`]));
      expect(handle.state()).toBe("pending");
    },
  );

  it("is spawned by the first render and not polled before the scheduler runs; its state is use_future's", () => {
    const log: string[] = [];
    const { app, handle } = host(() => worker(log, 1));
    expect(app.rt.trace.of("spawn")).toHaveLength(1);
    expect(app.rt.trace.of("poll")).toEqual([]);
    app.runUntilIdle();
    handle.pause();
    handle.send(1);
    app.advance(5);
    expect(log).toEqual([]);
    expect(handle.state()).toBe("paused");
    handle.resume();
    app.advance(5);
    expect(log).toEqual(["got 1", "done 1"]);
    handle.cancel();
    expect(handle.state()).toBe("stopped");
    expect(handle.finished()).toBe(true);
  });

  it("restart() cancels the running coroutine and drops its receiver (what was still queued is lost); send() afterwards reaches the new run through a fresh channel", () => {
    const log: string[] = [];
    const { app, handle } = host(() => worker(log, 10));
    app.runUntilIdle();
    handle.send(1);
    handle.send(2);
    app.advance(5);
    const oldTx = handle.tx();
    handle.restart();
    expect(oldTx.send(99)).toBe(false);
    handle.send(3);
    app.advance(50);
    expect(log).toEqual(["got 1", "got 3", "done 3"]);
  });

  it("a sender clone from tx() feeds the same run, and sees send() return false once the coroutine is gone", () => {
    const log: string[] = [];
    const { app, handle } = host(() => worker(log, 0));
    const tx = handle.tx();
    tx.send(1);
    app.runUntilIdle();
    expect(log).toEqual(["got 1", "done 1"]);
    handle.cancel();
    expect(tx.send(2)).toBe(false);
  });

  it("a handler in a child can send to a coroutine passed down as a prop", () => {
    const log: string[] = [];
    const Child = ({ c }: { c: Coroutine<number> }) => button({ onclick: () => c.send(7) }, "send");
    const app = render(() => div(component(Child, { c: worker(log, 0) })));
    app.click({ role: "button", name: "send" });
    app.runUntilIdle();
    expect(log).toEqual(["got 7", "done 7"]);
  });

  it('using the handle after its component unmounted fails with Dioxus\'s "value was dropped" error', () => {
    let c!: Coroutine<number>;
    let show!: Signal<boolean>;
    const Child = () => {
      c = useCoroutine((rx: Receiver<number>) =>
        future(function* () {
          yield* rx.recv();
        }),
      );
      return div("child");
    };
    const app = render(() => {
      show = useSignal(() => true);
      return div(show() ? component(Child) : null);
    });
    show.set(false);
    app.runUntilIdle();
    const e = caught(() => c.send(1));
    expect(e.kind).toBe("Dropped");
    expect(e.message).toContain("Failed to borrow because the value was dropped.");
  });
});
