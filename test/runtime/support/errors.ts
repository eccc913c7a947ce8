/**
 * Helpers for asserting what the runtime throws.
 *
 * `caught(fn)` runs `fn` and returns the LearnerError it threw (failing the
 * test if it threw nothing or something else), as caught on purpose: inside
 * a driver call (`app.enter(…)`) the runtime does not then end the call with
 * it, as it does with a misuse the learner's code catches. `siteHere()` is the
 * "test/runtime/file.test.ts:LINE" of its caller, computed from a stack frame
 * the test itself takes, so the expected spawn site does not depend on the
 * runtime code being tested.
 */
import { expect } from "vitest";
import type { Context } from "../../../runtime/index.ts";
import { LearnerError, caughtOnPurpose } from "../../../runtime/testing.ts";

export function caught(fn: () => unknown): LearnerError {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, "expected the call to throw a LearnerError").toBeInstanceOf(LearnerError);
  // Caught here on purpose, to be looked at: the driver call around it must not end with it (errors.ts, watchMisuse).
  caughtOnPurpose(error as LearnerError);
  return error as LearnerError;
}

/** Where the caller of `siteHere` is, as "test/runtime/x.test.ts:LINE". */
export function siteHere(): string {
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, siteHere);
  const m = /(test\/runtime\/[\w./-]+\.ts):(\d+):\d+/.exec(holder.stack ?? "");
  if (m === null) throw new Error(`no test frame in ${holder.stack}`);
  return `${m[1]}:${m[2]}`;
}

/** The four parts of a LearnerError message, in the order it prints them. */
export interface MessageParts {
  what: string;
  details?: string[];
  where?: string | undefined;
  why: string;
  fix: string;
}

/** The exact text a LearnerError with these parts must print. */
export function message(parts: MessageParts): string {
  const lines = [parts.what, ...(parts.details ?? []).map((d) => `  ${d}`)];
  if (parts.where !== undefined) lines.push(`  at ${parts.where}`);
  lines.push(`Why it matters: ${parts.why}`, `What to do: ${parts.fix}`);
  return lines.join("\n");
}

/** A context for polling a future by hand; its waker counts wakes. */
export function handContext(): Context & { wakes: number } {
  const cx = {
    wakes: 0,
    waker: {
      wake() {
        cx.wakes++;
      },
    },
  };
  return cx;
}
