/**
 * The network, simulated: an `http` client whose requests are Futures, and a
 * network script, written by the test, that says how each request ends.
 *
 * What it models: `reqwest` as the Dioxus async page uses it
 * (`reqwest::get(url).await`, `Client::new().get(url).send().await`), on a
 * network the test controls. Nothing here touches a real network.
 *
 *     const r = yield* http.get("https://dog.ceo/api/breeds/list");
 *     if (r.ok) label.set(`${r.value.status}: ${r.value.text()}`);
 *     else label.set("failed to fetch response!");
 *
 * Invariants:
 * - A request is lazy, like every future: building it sends nothing. It is
 *   sent at its first poll (trace "request"), and it is never Ready at that
 *   poll, even with a latency of 0: an answer always comes back through a
 *   wake, as real I/O does.
 * - Its answer is decided by the network script when it is sent, and arrives
 *   `latency` virtual ms later: a response (any status) or a network failure.
 *   Like reqwest's `send`, an HTTP error status is still an answer: both
 *   resolve to `{ ok: true, value: Response }` (check `response.status`, or
 *   call `errorForStatus()`), and only a network failure is `{ ok: false }`.
 * - Every request sent ends in exactly one way: delivered (the future
 *   returned the answer, trace "response") or aborted (the future was
 *   dropped first, trace "abort"). An aborted request never delivers.
 * - A request the script has no answer for is an error at the moment it is
 *   sent, telling the test author what to add to the script.
 * - All state (the script, the log of requests) lives in the runtime
 *   (`network(rt)`), so runs never see each other's requests.
 */
import { currentRuntime } from "../ambient.ts";
import { LearnerError, describeValue } from "../errors.ts";
import type { Runtime } from "../executor.ts";
import { Future, Poll, polledAfterReady, type Context } from "../future.ts";
import type { Timer } from "../time.ts";
import { runningRuntime } from "../ambient.ts";
import { HttpError, type HttpResult, Response } from "./response.ts";
import { record, runtimeOf, type RuntimeHolder } from "./world.ts";

export { HttpError, type HttpResult, Response, type Result } from "./response.ts";

export type Method = "GET" | "POST";

/**
 * One scripted answer. `latency` (default 0) is how many virtual ms after
 * the request is sent the answer arrives.
 * - a response: `{ latency: 40, body: { message: "…" } }` (status 200), or
 *   `{ latency: 40, status: 404, body: "not found" }`;
 * - a network failure: `{ latency: 40, failure: "connection reset" }`.
 */
export type Answer =
  | { readonly latency?: number; readonly status?: number; readonly body?: unknown; readonly failure?: undefined }
  | { readonly latency?: number; readonly failure: string };

/** Short ways to write answers: `answer.ok(body, 30)`, `answer.status(500, 30)`, `answer.fail(30)`. */
export const answer = {
  ok(body: unknown, latency = 0): Answer {
    return { latency, status: 200, body };
  },
  status(status: number, latency = 0, body: unknown = ""): Answer {
    return { latency, status, body };
  },
  fail(latency = 0, failure = "connection reset"): Answer {
    return { latency, failure };
  },
} as const;

/** What a script function is told about the request being sent. */
export interface RequestInfo {
  readonly method: Method;
  readonly url: string;
  readonly body: unknown;
  /** How many requests were sent before this one (since the script was installed). */
  readonly index: number;
  /** How many requests to the same URL were sent before this one. */
  readonly indexForUrl: number;
  /** The virtual time it is sent at. */
  readonly now: number;
}

/**
 * How the network answers, as the test says:
 * - an array: the n-th request sent gets the n-th answer (by call order);
 * - an object keyed by URL: one answer for every request to that URL, or an
 *   array of answers, the n-th for the n-th request to it;
 * - a function: called for each request, returns its answer.
 */
export type NetworkScript =
  | readonly Answer[]
  | { readonly [url: string]: Answer | readonly Answer[] }
  | ((request: RequestInfo) => Answer | undefined);

declare module "../executor.ts" {
  interface RuntimeOptions {
    /** The network script for `http` requests: `render(App, { network: { "/api": answer.ok("hi", 50) } })`. */
    network?: NetworkScript;
  }
}

export type RequestState = "in-flight" | "delivered" | "aborted";

/** One request that was sent, as the network log keeps it. */
export interface RequestRecord {
  /** 1, 2, 3… in the order requests were sent. */
  readonly id: number;
  readonly method: Method;
  readonly url: string;
  readonly body: unknown;
  readonly sentAt: number;
  /** When the answer arrives: `sentAt + latency`. */
  readonly answerAt: number;
  readonly answer: Answer;
  /** The task that sent it (undefined for the first poll of an async handler, which runs before its task exists). */
  readonly task: number | undefined;
  /** The scope that owned the code that sent it. */
  readonly owner: number;
  readonly state: RequestState;
  /** When it was delivered or aborted. */
  readonly endedAt: number | undefined;
}

interface MutableRecord extends RequestRecord {
  state: RequestState;
  endedAt: number | undefined;
}

/** The simulated network of one runtime: its script and the log of every request sent. */
export class Network {
  #script: NetworkScript | undefined;
  readonly #log: MutableRecord[] = [];
  #sentSinceScript = 0;
  readonly #perUrl = new Map<string, number>();
  #inFlight = 0;
  #maxInFlight = 0;

  constructor(readonly rt: Runtime) {
    this.#script = rt.options.network;
  }

  /** Installs (or replaces) the script. Counting by call order starts again from the next request. */
  script(script: NetworkScript): this {
    this.#script = script;
    this.#sentSinceScript = 0;
    this.#perUrl.clear();
    return this;
  }

  /** Every request sent, in the order sent. */
  get requests(): readonly RequestRecord[] {
    return this.#log;
  }

  /** Requests sent and neither delivered nor aborted yet. */
  inFlight(): RequestRecord[] {
    return this.#log.filter((r) => r.state === "in-flight");
  }

  delivered(): RequestRecord[] {
    return this.#log.filter((r) => r.state === "delivered");
  }

  aborted(): RequestRecord[] {
    return this.#log.filter((r) => r.state === "aborted");
  }

  /** The most requests that were ever in flight at the same time. */
  get maxInFlight(): number {
    return this.#maxInFlight;
  }

  /** @internal Sends a request: looks up its answer and logs it. */
  send(method: Method, url: string, body: unknown): MutableRecord {
    const rt = this.rt;
    const indexForUrl = this.#perUrl.get(url) ?? 0;
    const info: RequestInfo = { method, url, body, index: this.#sentSinceScript, indexForUrl, now: rt.now };
    const id = this.#log.length + 1;
    const found = this.#lookup(info);
    if (found === undefined) throw this.#unscripted(info, id);
    const latency = found.latency ?? 0;
    if (!(latency >= 0) || !Number.isFinite(latency)) throw badLatency(info, latency);
    this.#sentSinceScript++;
    this.#perUrl.set(url, indexForUrl + 1);
    const task = rt.currentTask;
    const rec: MutableRecord = {
      id,
      method,
      url,
      body,
      sentAt: rt.now,
      answerAt: rt.now + latency,
      answer: found,
      task: task?.id,
      owner: task?.owner.id ?? rt.currentOwner.id,
      state: "in-flight",
      endedAt: undefined,
    };
    this.#log.push(rec);
    this.#maxInFlight = Math.max(this.#maxInFlight, ++this.#inFlight);
    record(rt, "request", `${describe(rec)}, ${outcomeOf(found)} at t=${rec.answerAt}`);
    return rec;
  }

  /** @internal */
  end(rec: MutableRecord, state: "delivered" | "aborted"): void {
    rec.state = state;
    rec.endedAt = this.rt.now;
    this.#inFlight--;
  }

  #lookup(info: RequestInfo): Answer | undefined {
    const s = this.#script;
    if (s === undefined) return undefined;
    if (typeof s === "function") return s(info);
    if (isAnswerList(s)) return s[info.index];
    if (!Object.hasOwn(s, info.url)) return undefined;
    const entry = (s as { readonly [url: string]: Answer | readonly Answer[] })[info.url];
    return isAnswerList(entry) ? entry[info.indexForUrl] : entry;
  }

  #unscripted(info: RequestInfo, id: number): LearnerError {
    return new LearnerError({
      kind: "UnscriptedRequest",
      what: `${info.method} ${info.url} was sent (request #${id}, at t=${info.now} ms), but the network script has no answer for it: ${this.#missing(info)}.`,
      details: info.body === undefined ? [] : [`request body: ${describeValue(info.body)}`],
      why:
        "Tests never touch a real network: every request the app sends needs a scripted answer (a response after some latency, " +
        "an HTTP error status, or a network failure), or nobody could say when and how it ends.",
      fix:
        `Script an answer for it, e.g. render(App, { network: { ${JSON.stringify(info.url)}: answer.ok(body, 50) } }), ` +
        "or network(app, script) before the request is sent. A function script sees every request.",
    });
  }

  /** Why the script has no answer for this request, in the script's own terms. */
  #missing(info: RequestInfo): string {
    const s = this.#script;
    if (s === undefined) return "no network script is installed";
    if (typeof s === "function") return "the script function returned undefined for it";
    if (isAnswerList(s))
      return `the script answers ${s.length} request${s.length === 1 ? "" : "s"} by call order, and this is request number ${info.index + 1}`;
    const entry = (s as { readonly [url: string]: Answer | readonly Answer[] })[info.url];
    if (isAnswerList(entry))
      return `the script has ${entry.length} answers for this URL, and this is request number ${info.indexForUrl + 1} to it`;
    return `the script answers only ${
      Object.keys(s)
        .map((u) => JSON.stringify(u))
        .join(", ") || "no URL"
    }`;
  }
}

function isAnswerList(x: unknown): x is readonly Answer[] {
  return Array.isArray(x);
}

function badLatency(info: RequestInfo, latency: number): LearnerError {
  return new LearnerError({
    kind: "BadLatency",
    what: `The network script answered ${info.method} ${info.url} with latency ${latency}, which is not a finite number of milliseconds ≥ 0.`,
    why: "An answer must arrive at some point in virtual time; a negative or infinite latency has none.",
    fix: "Give every answer a latency in whole milliseconds ≥ 0 (or leave it out for 0).",
  });
}

function describe(rec: RequestRecord): string {
  return `${rec.method} ${rec.url} (#${rec.id})`;
}

function outcomeOf(a: Answer): string {
  return a.failure !== undefined ? `fails (${a.failure})` : `answers ${a.status ?? 200}`;
}

/** The network of a runtime or app, for tests: `network(app).delivered()`. With `script`, installs it too. */
export function network(target: RuntimeHolder, script?: NetworkScript): Network {
  const net = runtimeOf(target).service(Network, (rt) => new Network(rt));
  if (script !== undefined) net.script(script);
  return net;
}

class Request extends Future<HttpResult> {
  #rt: Runtime | undefined;
  #rec: MutableRecord | undefined;
  #timer: Timer | undefined;
  #done = false;

  constructor(
    readonly method: Method,
    readonly url: string,
    readonly body: unknown,
    caller: Function,
  ) {
    super();
    this.label = `${method} ${url}`;
    // Where the request was built (its `yield*`, usually), for stall reports.
    this.site = currentRuntime()?.captureSite(caller);
  }

  poll(cx: Context): Poll<HttpResult> {
    if (this.#done) throw polledAfterReady(`The request ${this.label}`);
    const rec = this.#rec;
    if (rec === undefined) {
      const rt = (this.#rt = runningRuntime(`The request ${this.label}`));
      const sent = (this.#rec = network(rt).send(this.method, this.url, this.body));
      this.#timer = rt.setTimer(sent.answerAt, cx.waker, `${this.label} answers`);
      return Poll.Pending;
    }
    const rt = this.#rt!;
    if (rt.now < rec.answerAt) {
      if (this.#timer?.live) this.#timer.waker = cx.waker;
      else this.#timer = rt.setTimer(rec.answerAt, cx.waker, `${this.label} answers`);
      return Poll.Pending;
    }
    this.#done = true;
    network(rt).end(rec, "delivered");
    const a = rec.answer;
    const result: HttpResult =
      a.failure !== undefined
        ? { ok: false, error: new HttpError("network", this.url, `${this.label}: network failure (${a.failure})`) }
        : { ok: true, value: new Response(this.url, a.status ?? 200, a.body ?? "") };
    record(
      rt,
      "response",
      `${describe(rec)} ${a.failure !== undefined ? `failed: ${a.failure}` : `→ ${a.status ?? 200}`}`,
    );
    return Poll.Ready(result);
  }

  override awaiting(): string {
    const rec = this.#rec;
    return rec === undefined
      ? `${this.label} (not sent yet)`
      : `${this.label} (request #${rec.id}, answer due at t=${rec.answerAt})`;
  }

  protected override drop(): void {
    const rec = this.#rec;
    const rt = this.#rt;
    if (rec === undefined || rt === undefined || this.#done) return;
    if (this.#timer !== undefined) rt.clearTimer(this.#timer);
    network(rt).end(rec, "aborted");
    const when =
      rt.now < rec.answerAt
        ? `before its answer (due at t=${rec.answerAt})`
        : `with its answer (t=${rec.answerAt}) unread`;
    record(rt, "abort", `${describe(rec)} dropped ${when}`);
  }
}

function get(url: string): Future<HttpResult> {
  return new Request("GET", url, undefined, get);
}

function post(url: string, body?: unknown): Future<HttpResult> {
  return new Request("POST", url, body, post);
}

/**
 * The HTTP client. Each call builds a lazy request future: it is sent when
 * first polled, and dropping it before its answer aborts it.
 *
 *     const r = yield* http.get(`https://dog.ceo/api/breed/${breed}/images/random`);
 *     if (!r.ok) return "failed to fetch response!";
 *     const dog = r.value.json<{ message: string }>();
 */
export const http = { get, post } as const;
