/**
 * Kata 03 · spawn: the properties.
 *
 * Each run mounts one of the two buttons (SpawnButton: `spawn` inside a
 * synchronous onclick; AsyncButton: an async onclick) and clicks it at
 * virtual times the generators choose, on a network that answers each
 * request (by order sent) with a generated latency and outcome. The
 * properties read what a user reads: the button's label over time, and the
 * network's log of requests.
 */
import { expect } from "vitest";
import { AsyncButton, SpawnButton } from "#kata/03-spawn";
import { answer, network, type Answer, type App, type RequestInfo } from "../runtime/index.ts";
import { eventSchedule, fc, inOrder, latency, property, response, type NetworkResponse, type Outcome } from "./support/index.ts";

// The texts are part of the requirement (they are the page's own).
const IDLE = "Click to start a request";
const LOADING = "...";
const RESPONDED = "dioxuslabs.com responded!";
const FAILED = "failed to fetch response!";

type Variant = "spawn" | "async";
const BUTTONS = { spawn: SpawnButton, async: AsyncButton } as const;
const NAMES = { spawn: "SpawnButton (spawn in onclick)", async: "AsyncButton (async onclick)" } as const;
const variant = fc.constantFrom<Variant>("spawn", "async");

/** The label a user reads on the button. */
function label(app: App): string {
  return app.getByRole("button").text.trim();
}

function q(s: string): string {
  return JSON.stringify(s);
}

/** What the button should say once a request ended this way: any HTTP status is a response. */
function outcomeText(o: Outcome): string {
  return o === "failure" ? FAILED : RESPONDED;
}

/** "answers 200", "answers 500", "fails (connection reset)". */
function how(o: Outcome): string {
  return o === "ok" ? "answers 200" : o === "http-error" ? "answers 500" : "fails (connection reset)";
}

const MAX_CLICKS = 4;

/**
 * A network script: the n-th request sent gets `answers[n]`. A request beyond
 * them (a button that sends more than one per click) still gets a quick 200,
 * so that the properties, not the network script, say what went wrong.
 */
function script(answers: readonly Answer[]): (request: RequestInfo) => Answer {
  return (request) => answers[request.index] ?? answer.ok("<html>…</html>", 1);
}

property(
  "a click returns at once: it never moves the clock, and with spawn the request is sent only after the handler has returned",
  [variant, eventSchedule(fc.constant("click"), { maxEvents: MAX_CLICKS, maxGap: 30 }), fc.array(response(), { minLength: MAX_CLICKS, maxLength: MAX_CLICKS })],
  (ctx, v, clicks, responses) => {
    const app = ctx.render(BUTTONS[v], { network: script(inOrder(responses)) });
    const net = network(app);
    ctx.say(`${NAMES[v]} mounted`);
    clicks.forEach((c, i) => {
      app.advanceTo(c.t);
      const at = app.now;
      const before = net.requests.length;
      const r = responses[before];
      ctx.say(`click #${i + 1}${r === undefined ? "" : ` (request #${before + 1} ${how(r.outcome)} after ${r.latency} ms)`}`);
      app.click(app.getByRole("button"));
      const sentDuringClick = net.requests.length - before;
      if (app.now !== at) ctx.say(`the click returned only now, with the button showing ${q(label(app))}`);
      else if (sentDuringClick > 0) ctx.say(`request #${before + 1} was sent while the click handler was still running`);
      expect(app.now, `the click at t=${at} took ${app.now - at} ms of virtual time: the handler waited for the request instead of returning at once`).toBe(at);
      if (v === "spawn") {
        expect(sentDuringClick, "with spawn, the request must not be sent before the click handler returns: spawn only queues the task, its first poll comes later").toBe(0);
      }
      app.runUntilIdle();
      expect(net.requests.length - before, `click #${i + 1} should send exactly one request, in the same instant`).toBe(1);
      expect(app.now).toBe(at);
    });
  },
  { numRuns: 40 },
);

property(
  `after a click the button reads "${LOADING}" until the request answers, then "${RESPONDED}" or "${FAILED}"`,
  [variant, fc.nat({ max: 50 }), response({ latency: { min: 1 } })],
  (ctx, v, t0, r) => {
    const app = ctx.render(BUTTONS[v], { network: script(inOrder([r])) });
    ctx.say(`${NAMES[v]} mounted → the button shows ${q(label(app))}`);
    expect(label(app), "before any click").toBe(IDLE);
    app.advanceTo(t0);
    ctx.say(`click → request #1 (${how(r.outcome)} after ${r.latency} ms)`);
    app.click(app.getByRole("button"));
    app.runUntilIdle();
    ctx.say(`the button shows ${q(label(app))}`);
    expect(label(app), `right after the click, while request #1 runs, the button should show ${q(LOADING)}`).toBe(LOADING);
    if (r.latency > 1) {
      app.advanceTo(t0 + r.latency - 1);
      ctx.say(`request #1 has not answered yet → the button shows ${q(label(app))}`);
      expect(label(app), `request #1 is still running, so the button should still show ${q(LOADING)}`).toBe(LOADING);
    }
    app.advanceTo(t0 + r.latency);
    const expected = outcomeText(r.outcome);
    ctx.say(`request #1 ${how(r.outcome)} → the button shows ${q(label(app))}`);
    expect(label(app), `request #1 ${how(r.outcome)}, so the button should show ${q(expected)}`).toBe(expected);
    app.runToCompletion();
    expect(label(app), "nothing else happens afterwards").toBe(expected);
  },
  { numRuns: 80 },
);

/** What the server does: any status from the list, or no answer at all. */
const statusOrFailure = fc.oneof(
  { arbitrary: fc.constantFrom(200, 201, 204, 301, 304, 400, 401, 403, 404, 418, 429, 500, 502, 503).map((status) => ({ status })), weight: 3 },
  { arbitrary: fc.constant({ status: undefined }), weight: 1 },
);

property(
  `any HTTP status is a response: 200, 404 and 500 alike show "${RESPONDED}"; only a network failure shows "${FAILED}"`,
  [variant, statusOrFailure, latency()],
  (ctx, v, { status }, ms) => {
    const a: Answer = status === undefined ? answer.fail(ms) : answer.status(status, ms, status < 400 ? "<html>…</html>" : "error page");
    const app = ctx.render(BUTTONS[v], { network: script([a]) });
    ctx.say(`${NAMES[v]} mounted`);
    ctx.say(`click → request #1 (${status === undefined ? "the network fails" : `the server answers ${status}`} after ${ms} ms)`);
    app.click(app.getByRole("button"));
    app.runToCompletion();
    const expected = status === undefined ? FAILED : RESPONDED;
    ctx.say(`request #1 ended → the button shows ${q(label(app))}`);
    expect(
      label(app),
      status === undefined
        ? `the network failed: no response came back, so the button should show ${q(FAILED)}`
        : `the server answered (status ${status}): like reqwest's send, an HTTP status is a response, not an error`,
    ).toBe(expected);
  },
  { numRuns: 50 },
);

property(
  "with several clicks, each click sends its own request and the button ends with what the LAST-ARRIVING response said, " +
    "not the latest click's: a race that kata 04 (useAction) fixes",
  [
    variant,
    eventSchedule(fc.constant("click"), { minEvents: 2, maxEvents: MAX_CLICKS, maxGap: 40 }),
    // Outcomes drawn evenly here: the race only shows when two answers say different things.
    fc.array(fc.record({ latency: latency({ min: 1 }), outcome: fc.constantFrom<Outcome>("ok", "failure", "http-error") }), {
      minLength: MAX_CLICKS,
      maxLength: MAX_CLICKS,
    }),
  ],
  (ctx, v, clicks, rs) => {
    // This documents the page's button as it is: nothing cancels an older request,
    // so whichever answer arrives last overwrites the label, even an answer to an
    // older click. Kata 04 fixes it with useAction, which cancels the older call.
    const responses: NetworkResponse[] = rs.slice(0, clicks.length);
    const app = ctx.render(BUTTONS[v], { network: script(inOrder(responses)) });
    const net = network(app);
    const arrivals = clicks.map((c, i) => ({ n: i + 1, at: c.t + responses[i]!.latency, outcome: responses[i]!.outcome }));
    const times = [...new Set([...clicks.map((c) => c.t), ...arrivals.map((a) => a.at)])].sort((x, y) => x - y);
    ctx.say(`${NAMES[v]} mounted`);
    let clicked = 0;
    for (const t of times) {
      app.advanceTo(t);
      // Answers due now arrive first (every latency is ≥ 1, so none of them answers a click made now).
      const arrived = arrivals.filter((a) => a.at === t);
      if (arrived.length > 0) {
        const cancelled = arrived.filter((a) => net.requests[a.n - 1]?.state === "aborted").map((a) => `#${a.n}`);
        if (cancelled.length > 0) ctx.say(`${cancelled.join(", ")} would have answered now, but ${cancelled.length > 1 ? "they were" : "it was"} cancelled`);
        expect(cancelled, "this button cancels nothing: every click's request runs until its answer (cancelling comes in kata 04)").toEqual([]);
        const shown = label(app);
        const names = arrived.map((a) => `#${a.n} ${how(a.outcome)}`).join(", ");
        const running = arrivals.filter((a) => a.at > t && a.n <= clicked).map((a) => `#${a.n}`);
        ctx.say(`${names} → the button shows ${q(shown)}${running.length > 0 ? ` (still running: ${running.join(", ")})` : ""}`);
        expect(
          arrived.map((a) => outcomeText(a.outcome)),
          `${names}: the button should now show what this answer says, whichever click it answers (nothing cancels an older request)`,
        ).toContain(shown);
      }
      const clicksNow = clicks.filter((c) => c.t === t).length;
      for (let k = 0; k < clicksNow; k++) {
        clicked++;
        const r = responses[clicked - 1]!;
        ctx.say(`click #${clicked} → request #${clicked} (${how(r.outcome)} after ${r.latency} ms)`);
        app.click(app.getByRole("button"));
        app.runUntilIdle();
        ctx.say(`the button shows ${q(label(app))}`);
        const why = clicked > 1 ? `, even while an older request is still running` : "";
        expect(label(app), `click #${clicked} should show ${q(LOADING)} while its request runs${why}`).toBe(LOADING);
      }
    }
    app.runToCompletion();
    expect(net.requests.length, "each click sends its own request").toBe(clicks.length);
    expect(net.aborted().map((r) => `#${r.id}`), "this button cancels nothing: every click's request runs until its answer").toEqual([]);
    const lastAt = Math.max(...arrivals.map((a) => a.at));
    const last = arrivals.filter((a) => a.at === lastAt);
    const latest = clicks.length;
    expect(
      last.map((a) => outcomeText(a.outcome)),
      `the last answer to arrive was ${last.map((a) => `#${a.n}`).join("/")}'s, so the button should end with its outcome ` +
        `(the latest click was #${latest}: this is the race that kata 04 fixes)`,
    ).toContain(label(app));
  },
  { numRuns: 50 },
);
