/**
 * The filter between the test workers' stderr and the terminal
 * (test/support/mistakes.ts, EngineDumpFilter): the engine's out-of-memory
 * report never reaches a learner; everything else does, whole and in order,
 * however the pipe cuts it into chunks, and the stream outlives a worker
 * whose pipe ends.
 */
import { describe, expect, it } from "vitest";
import { EngineDumpFilter } from "../support/mistakes.ts";

/** What Node 20 prints on stderr when a worker reaches its heap limit (addresses shortened). */
const DUMP = [
  "",
  "<--- Last few GCs --->",
  "",
  "[22015:0x10cf50c0]     2111 ms: Scavenge 147.2 (163.3) -> 147.2 (164.1) MB, 1.73 / 0.00 ms  (average mu = 0.803, current mu = 0.420) allocation failure; ",
  "[22015:0x10cf50c0]     2169 ms: Mark-Compact 151.0 (169.1) -> 150.4 (172.1) MB, 55.03 / 0.00 ms  (average mu = 0.614, current mu = 0.079) allocation failure; scavenge might not succeed",
  "",
  "",
  "<--- JS stacktrace --->",
  "",
  "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory",
  "----- Native stack trace -----",
  "",
  " 1: 0xb78db3 node::OOMErrorHandler(char const*, v8::OOMDetails const&) [/usr/bin/node]",
  " 2: 0xee8300 v8::Utils::ReportOOMFailure(v8::internal::Isolate*, char const*, v8::OOMDetails const&) [/usr/bin/node]",
  "10: 0x195e476  [/usr/bin/node]",
  "",
].join("\n");

function filtered(chunks: readonly string[], end = true): string {
  let out = "";
  const filter = new EngineDumpFilter({ write: (t) => (out += t) });
  for (const c of chunks) filter.write(c);
  if (end) filter.end();
  return out;
}

/** `text` cut into pieces of `size` characters, as a pipe may deliver it. */
function cut(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

describe("the engine's out-of-memory report on a worker's stderr", () => {
  it("is dropped whole, in one chunk or cut anywhere, and what comes around it passes in order", () => {
    const before = "(node:123) Warning: something a maintainer should see\n";
    const after = "a line written after the worker died\n";
    for (const size of [1, 7, 64, DUMP.length + before.length + after.length]) {
      const out = filtered(cut(before + DUMP + after, size));
      expect(out, `chunks of ${size}: nothing of the dump`).not.toMatch(
        /Last few GCs|FATAL ERROR|Native stack|0x[0-9a-f]{6}|Mark-Compact/,
      );
      expect(out, `chunks of ${size}: the other lines, whole and in order`).toBe(before + after);
    }
  });

  it("passes ordinary lines through at once, blank lines kept, and a last line without a newline on end()", () => {
    expect(filtered(["one\n", "\n", "two\n", "three"], false), "lines whose newline has come are written at once").toBe(
      "one\n\ntwo\n",
    );
    expect(filtered(["one\n", "\n", "two\nthree"]), "the rest comes out on end()").toBe("one\n\ntwo\nthree");
  });

  it("keeps working after a worker's pipe ended: the next worker's lines still pass", () => {
    let out = "";
    const filter = new EngineDumpFilter({ write: (t) => (out += t) });
    filter.write(DUMP);
    filter.end();
    filter.write("next worker\n");
    expect(out, "the second worker's line after the first one's end").toBe("next worker\n");
  });
});
