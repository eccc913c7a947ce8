/**
 * The simulated network (runtime/world/http.ts): lazy requests, answers from
 * the test's script after their latency, Ok for any status and Err for a
 * network failure, aborts on drop, and the log tests inspect.
 */
import { describe, expect, it } from "vitest";
import {
  HttpError,
  Response,
  button,
  component,
  div,
  future,
  http,
  sleep,
  spawn,
  useHook,
  useSignal,
  type HttpResult,
} from "../../runtime/index.ts";
import { Runtime, answer, network, render, type Answer } from "../../runtime/testing.ts";
import { caught } from "./support/errors.ts";
import { fc, prop } from "./support/prop.ts";

type Outcome = "ok" | "http-error" | "failure";

const outcomeArb = fc.constantFrom<Outcome>("ok", "http-error", "failure");

function scripted(outcome: Outcome, latency: number, i: number): Answer {
  if (outcome === "ok") return answer.ok({ n: i }, latency);
  if (outcome === "http-error") return answer.status(500 + (i % 4), latency, "server error");
  return answer.fail(latency, `reset ${i}`);
}

/** Spawns one task per request: it waits `delay`, sends GET /r/i, and logs what it got and when. */
function fetchers(rt: Runtime, plan: readonly { delay: number }[]) {
  const got: { i: number; at: number; result: HttpResult }[] = [];
  const tasks = plan.map((p, i) =>
    rt.spawn(
      future(function* () {
        yield* sleep(p.delay);
        const result = yield* http.get(`/r/${i}`);
        got.push({ i, at: rt.now, result });
      }),
      { label: `fetch ${i}` },
    ),
  );
  return { got, tasks };
}

describe("sending", () => {
  prop([fc.nat(5), fc.nat(50)], { numRuns: 30 })(
    "building a request sends nothing: it is sent at its first poll, and not before",
    (n, wait) => {
      const rt = new Runtime({ network: () => answer.ok("x", 1) });
      const requests = rt.enter(() => Array.from({ length: n }, (_, i) => http.get(`/lazy/${i}`)));
      rt.advance(wait);
      expect(network(rt).requests).toEqual([]);
      expect(rt.trace.of("request")).toEqual([]);
      for (const r of requests) rt.spawn(r);
      rt.runUntilIdle();
      expect(network(rt).requests.map((r) => [r.url, r.sentAt])).toEqual(requests.map((_, i) => [`/lazy/${i}`, wait]));
    },
  );

  it("a request is never ready at its first poll, even with a latency of 0: the answer comes through a wake", () => {
    const rt = new Runtime({ network: [answer.ok("now", 0)] });
    const task = rt.spawn(http.get("/instant"));
    expect(task.pollNow().ready).toBe(false);
    rt.runUntilIdle();
    expect(task.finished()).toBe(true);
    expect(rt.now).toBe(0);
    expect(rt.trace.forTask(task.id).filter((e) => e.kind === "poll")).toHaveLength(2);
  });

  it("a request sent with no scripted answer fails with an error that tells the test author what to script", () => {
    const rt = new Runtime({ network: { "/known": answer.ok("x") } });
    rt.spawn(http.get("/unknown"));
    const e = caught(() => rt.runUntilIdle());
    expect(e.kind).toBe("UnscriptedRequest");
    expect(e.message).toContain(
      'GET /unknown was sent (request #1, at t=0 ms), but the network script has no answer for it: the script answers only "/known".',
    );
    expect(e.message).toContain('{ network: { "/unknown": answer.ok(body, 50) } }');
  });

  it("with no script at all, the error says that none is installed", () => {
    const rt = new Runtime();
    rt.spawn(http.post("/save", { id: 1 }));
    const e = caught(() => rt.runUntilIdle());
    expect(e.message).toContain(
      "POST /save was sent (request #1, at t=0 ms), but the network script has no answer for it: no network script is installed.",
    );
    expect(e.message).toContain("request body: an object");
  });

  it("an array script that runs out of answers says how many it had", () => {
    const rt = new Runtime({ network: [answer.ok(1)] });
    rt.spawn(
      future(function* () {
        yield* http.get("/a");
        yield* http.get("/a");
      }),
    );
    expect(caught(() => rt.runToCompletion()).message).toContain(
      "the script answers 1 request by call order, and this is request number 2",
    );
  });
});

describe("answers", () => {
  const plan = fc.array(fc.record({ delay: fc.nat(20), latency: fc.nat(60), outcome: outcomeArb }), {
    minLength: 1,
    maxLength: 8,
  });

  prop([plan], { numRuns: 80 })(
    "each request is answered `latency` ms after it was sent: a response of any status is Ok, a network failure is Err",
    (plan) => {
      const rt = new Runtime({
        network: ({ url }) => {
          const i = Number(url.split("/")[2]);
          return scripted(plan[i]!.outcome, plan[i]!.latency, i);
        },
      });
      const { got } = fetchers(rt, plan);
      rt.runToCompletion();
      expect(got).toHaveLength(plan.length);
      for (const { i, at, result } of got) {
        const p = plan[i]!;
        expect(at, `request ${i} answers at its send time plus its latency`).toBe(p.delay + p.latency);
        if (p.outcome === "failure") {
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.error).toBeInstanceOf(HttpError);
            expect(result.error.kind).toBe("network");
          }
        } else {
          expect(result.ok, "an HTTP error status is still a response, as reqwest's send() gives").toBe(true);
          if (result.ok) {
            expect(result.value.status).toBe(p.outcome === "ok" ? 200 : 500 + (i % 4));
            expect(result.value.success).toBe(p.outcome === "ok");
            if (p.outcome === "ok") expect(result.value.json()).toEqual({ n: i });
          }
        }
      }
      const log = network(rt).requests;
      expect(log.every((r) => r.state === "delivered" && r.endedAt === r.answerAt)).toBe(true);
      expect(rt.trace.of("request")).toHaveLength(plan.length);
      expect(rt.trace.of("response")).toHaveLength(plan.length);
    },
  );

  prop([fc.array(fc.constantFrom("/a", "/b", "/c"), { minLength: 1, maxLength: 12 })], { numRuns: 60 })(
    "a script keyed by URL gives the n-th request to a URL that URL's n-th answer, and an array script goes by call order",
    (urls) => {
      const perUrl = {
        "/a": urls.map((_, k) => answer.ok(`a${k}`, k % 3)),
        "/b": urls.map((_, k) => answer.status(400 + k, 1)),
        "/c": answer.ok("always c", 2),
      };
      const byOrder = urls.map((_, k) => answer.ok(`#${k}`, 1));
      for (const [script, expected] of [
        [
          perUrl,
          (u: string, nth: number) => (u === "/a" ? `200 a${nth}` : u === "/b" ? `${400 + nth} ` : "200 always c"),
        ],
        [byOrder, (_u: string, _nth: number, k: number) => `200 #${k}`],
      ] as const) {
        const rt = new Runtime();
        network(rt, script);
        const seen: string[] = [];
        rt.spawn(
          future(function* () {
            for (const u of urls) {
              const r = yield* http.get(u);
              if (r.ok) seen.push(`${r.value.status} ${r.value.text()}`);
            }
          }),
        );
        rt.runToCompletion();
        const counts = new Map<string, number>();
        expect(seen).toEqual(
          urls.map((u, k) => {
            const nth = counts.get(u) ?? 0;
            counts.set(u, nth + 1);
            return expected(u, nth, k);
          }),
        );
      }
    },
  );

  it("a response reads as text, as JSON, and turns an error status into an Err on request", () => {
    const ok = new Response("/j", 200, '{"message":"hi"}');
    expect(ok.json()).toEqual({ message: "hi" });
    expect(ok.text()).toBe('{"message":"hi"}');
    expect(ok.errorForStatus()).toEqual({ ok: true, value: ok });
    expect(new Response("/o", 200, { a: 1 }).text()).toBe('{"a":1}');
    const notFound = new Response("/missing", 404, "nope");
    const r = notFound.errorForStatus();
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.kind, r.error.status]).toEqual(["status", 404]);
    expect(() => new Response("/bad", 200, "{oops").json()).toThrow(HttpError);
  });
});

describe("aborting", () => {
  prop([fc.nat(50), fc.nat(60), outcomeArb], { numRuns: 80 })(
    "a request dropped before its answer is aborted: it never delivers, its task never sees it, and its timer is gone",
    (latency, cancelAt, outcome) => {
      const rt = new Runtime({ network: [scripted(outcome, latency, 0)] });
      const { got, tasks } = fetchers(rt, [{ delay: 0 }]);
      rt.advanceTo(cancelAt);
      tasks[0]!.cancel();
      rt.runToCompletion();
      const [rec] = network(rt).requests;
      if (cancelAt < latency) {
        expect(rec!.state).toBe("aborted");
        expect(rec!.endedAt).toBe(cancelAt);
        expect(got).toEqual([]);
        expect(rt.trace.of("response")).toEqual([]);
        expect(rt.trace.of("abort")).toHaveLength(1);
        expect(rt.now, "no timer was left behind to move the clock").toBe(cancelAt);
      } else {
        expect(rec!.state).toBe("delivered");
        expect(got.map((g) => g.at)).toEqual([latency]);
        expect(rt.trace.of("abort")).toEqual([]);
      }
      expect(rt.pendingTimers).toBe(0);
    },
  );

  it("a request dropped after its answer arrived but before it was read is aborted too, and never delivers", () => {
    const rt = new Runtime({ network: [answer.ok("late", 10)] });
    const task = rt.spawn(http.get("/x"));
    rt.runUntilIdle();
    task.pause();
    rt.advanceTo(20);
    task.cancel();
    expect(network(rt).requests[0]!.state).toBe("aborted");
    expect(network(rt).delivered()).toEqual([]);
    expect(rt.trace.of("abort")[0]!.detail).toBe("GET /x (#1) dropped with its answer (t=10) unread");
  });

  prop([fc.array(fc.record({ delay: fc.nat(30), latency: fc.nat(60) }), { minLength: 1, maxLength: 6 }), fc.nat(80)], {
    numRuns: 60,
  })(
    "no request sent by a component is delivered after it unmounted, and every one it left in flight is aborted",
    (plan, unmountAt) => {
      function Fetcher() {
        const text = useSignal(() => "", "text");
        useHook(() => {
          for (const [i, p] of plan.entries()) {
            spawn(
              future(function* () {
                yield* sleep(p.delay);
                const r = yield* http.get(`/r/${i}`);
                text.set(r.ok ? r.value.text() : "failed");
              }),
            );
          }
        });
        return div(text());
      }
      function Parent() {
        const shown = useSignal(() => true, "shown");
        return div(button({ onclick: () => shown.set(false) }, "hide"), shown() ? component(Fetcher) : null);
      }
      const app = render(Parent, { network: ({ url }) => answer.ok(url, plan[Number(url.split("/")[2])]!.latency) });
      app.advanceTo(unmountAt);
      app.click({ text: "hide" });
      app.runToCompletion();
      const log = network(app).requests;
      expect(log.filter((r) => r.state === "delivered").every((r) => r.endedAt! <= unmountAt)).toBe(true);
      expect(log.filter((r) => r.state === "in-flight")).toEqual([]);
      const expectedAborted = plan.filter((p) => p.delay <= unmountAt && unmountAt < p.delay + p.latency).length;
      expect(network(app).aborted()).toHaveLength(expectedAborted);
      expect(log.filter((r) => r.state === "aborted").every((r) => r.endedAt === unmountAt)).toBe(true);
    },
  );
});

describe("the log", () => {
  prop([fc.array(fc.record({ delay: fc.nat(20), latency: fc.nat(20) }), { minLength: 1, maxLength: 8 })], {
    numRuns: 60,
  })(
    "the requests in flight at any time are exactly those sent and not yet answered, and maxInFlight is at least the most ever seen",
    (plan) => {
      const rt = new Runtime({ network: ({ url }) => answer.ok(url, plan[Number(url.split("/")[2])]!.latency) });
      fetchers(rt, plan);
      let most = 0;
      for (let t = 0; t <= 45; t++) {
        rt.advanceTo(t);
        const expected = plan.flatMap((p, i) => (p.delay <= t && t < p.delay + p.latency ? [`/r/${i}`] : []));
        const inFlight = network(rt)
          .inFlight()
          .map((r) => r.url);
        expect(inFlight.sort()).toEqual(expected.sort());
        most = Math.max(most, inFlight.length);
      }
      expect(network(rt).maxInFlight).toBeGreaterThanOrEqual(most);
      expect(network(rt).maxInFlight).toBeLessThanOrEqual(plan.length);
      expect(network(rt).delivered()).toHaveLength(plan.length);
    },
  );

  it("a request records who sent it: the task, and the scope that owns it", () => {
    function App() {
      const text = useSignal(() => "…", "text");
      return button(
        {
          onclick: () =>
            future(function* () {
              const r = yield* http.get("/hello");
              text.set(r.ok ? r.value.text() : "failed");
            }),
        },
        text(),
      );
    }
    const app = render(App, { network: { "/hello": answer.ok("hi", 5) } });
    const task = app.click({ role: "button" });
    app.runToCompletion();
    expect(app.text()).toBe("hi");
    const [rec] = network(app).requests;
    // The first poll of an async handler runs during the click, already as the task that finishes it.
    expect([rec!.task, rec!.owner, rec!.sentAt, rec!.endedAt]).toEqual([task!.id, 1, 0, 5]);
    expect(app.rt.trace.of("response").map((e) => e.task)).toEqual([task!.id]);
  });
});
