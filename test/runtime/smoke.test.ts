import { describe, expect, it } from "vitest";
import { Runtime, future, sleep } from "../../runtime/index.ts";

describe("smoke", () => {
  it("runs a sleeping future to completion at its deadline", () => {
    const rt = new Runtime();
    const t = rt.spawn(future(function* () { yield* sleep(10); return 1; }));
    rt.runToCompletion();
    expect(t.output).toBe(1);
    expect(rt.now).toBe(10);
  });
});
