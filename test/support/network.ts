/**
 * Turning generated responses into the runtime's network script.
 *
 * Generators speak of `{ latency, outcome }`; the simulated network wants
 * answers. `toAnswer` maps one to the other, and `inOrder` makes a script
 * that answers the n-th request with the n-th generated response.
 */
import { answer, type Answer } from "../../runtime/world/http.ts";
import type { NetworkResponse } from "./arbitrary/response.ts";

/** One generated response as a network answer: success carries `body`, an HTTP error is a 500, a failure is a reset. */
export function toAnswer(r: NetworkResponse, body: unknown = "ok"): Answer {
  switch (r.outcome) {
    case "ok":
      return answer.ok(body, r.latency);
    case "http-error":
      return answer.status(500, r.latency, "server error");
    case "failure":
      return answer.fail(r.latency);
  }
}

/** A script answering the n-th request with `responses[n]` (bodies from `body(n)`). */
export function inOrder(responses: readonly NetworkResponse[], body: (n: number) => unknown = () => "ok"): Answer[] {
  return responses.map((r, n) => toAnswer(r, body(n)));
}

/** How a response reads in a story: "answers ok after 30 ms". */
export function describeResponse(r: NetworkResponse): string {
  const what =
    r.outcome === "ok" ? "answers ok" : r.outcome === "http-error" ? "answers 500" : "fails (connection reset)";
  return `${what} after ${r.latency} ms`;
}
