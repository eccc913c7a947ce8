/**
 * Where a future was built is recorded outside every runtime too (a test
 * that builds futures before it spawns them), unless the caller says not:
 * property()'s search runs record no call sites, its replay does.
 */
import { describe, expect, it } from "vitest";
import { future, sleep } from "../../runtime/index.ts";
import { recordingSitesOutside } from "../../runtime/testing.ts";

const build = () =>
  future(function* () {
    yield* sleep(1);
  });

describe("call sites outside every runtime", () => {
  it("a future built outside any runtime knows where it was built", () => {
    expect(build().built?.where, "the line that built it").toMatch(/sites\.test\.ts:\d+/);
  });

  it("recordingSitesOutside(false) builds it without a site, and only for that call", () => {
    expect(
      recordingSitesOutside(false, () => build().built),
      "no site inside the call",
    ).toBeUndefined();
    expect(build().built, "a site again after the call").toBeDefined();
    expect(
      recordingSitesOutside(false, () => recordingSitesOutside(true, () => build().built)),
      "an inner call can turn them back on",
    ).toBeDefined();
  });
});
