/**
 * The board reporter (board-reporter.ts): which results count, what it
 * remembers, and that no state file can take it down.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { TestModule } from "vitest/node";
import BoardReporter, { collectResults, SKIPPED, UNRECORDED } from "../support/board-reporter.ts";
import { chooseHeartbeatDir } from "../support/heartbeat.ts";
import { KATAS } from "../support/katas.ts";
import { readState, writeState } from "../support/state.ts";

interface FakeTest {
  name: string;
  state: "passed" | "failed" | "skipped";
  verdict?: boolean;
}

/** A stand-in for vitest's TestModule, with only what the reporter reads. */
function fakeModule(kataId: string, tests: FakeTest[], errors: string[] = []): TestModule {
  const fake = {
    relativeModuleId: `test/${kataId}.test.ts`,
    errors: () => errors.map((message) => ({ message })),
    children: {
      allTests: () =>
        tests.map((t) => ({
          name: t.name,
          fullName: t.name,
          result: () => ({ state: t.state, errors: t.state === "failed" ? [{ message: `${t.name} failed` }] : [] }),
          meta: () => (t.verdict === true ? { kataVerdict: "passed" } : {}),
        })),
    },
  };
  return fake as unknown as TestModule;
}

const ID = KATAS[0]!.id;
const dirs: string[] = [];
function stateDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "katas-state-test-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function run(dir: string, modules: TestModule[], colour = false): string {
  let out = "";
  const reporter = new BoardReporter({ stateDir: dir, write: (t) => (out += t), colour });
  reporter.onTestRunEnd(modules, []);
  return out;
}

const solved = (id: string) =>
  fakeModule(id, [
    { name: "p1", state: "passed", verdict: true },
    { name: "p2", state: "passed", verdict: true },
  ]);

describe("what counts as a pass", () => {
  it("a property passes only with the pass property() recorded, not from vitest's state alone", () => {
    const [r] = collectResults([
      fakeModule(ID, [
        { name: "forged", state: "passed" },
        { name: "earned", state: "passed", verdict: true },
      ]),
    ]);
    expect(r!.properties.map((p) => [p.sentence, p.passed])).toEqual([
      ["forged", false],
      ["earned", true],
    ]);
    expect(r!.properties[0]!.error).toBe(UNRECORDED);
  });

  it("a skipped property counts as not passed, unless a -t filter left it out", () => {
    const m = fakeModule(ID, [
      { name: "a", state: "passed", verdict: true },
      { name: "b", state: "skipped" },
    ]);
    const [unfiltered] = collectResults([m]);
    expect(unfiltered!.properties.find((p) => p.sentence === "b")).toMatchObject({ passed: false, error: SKIPPED });
    const [filtered] = collectResults([m], true);
    expect(filtered!.skipped).toBe(1);
    expect(run(stateDir(), [m])).toContain(`✘ 01`);
  });

  it("every property skipped is not a solved kata", () => {
    const out = run(stateDir(), [
      fakeModule(ID, [
        { name: "a", state: "skipped" },
        { name: "b", state: "skipped" },
      ]),
    ]);
    expect(out).toMatch(/✘ 01 lazy futures\s+0\/2/);
    expect(out).not.toContain("Every kata passes");
  });
});

describe("state files cannot take the board down", () => {
  const cases: [string, (dir: string) => void][] = [
    ["hints.json holds null", (d) => fs.writeFileSync(path.join(d, "hints.json"), "null")],
    ["hints.json holds garbage", (d) => fs.writeFileSync(path.join(d, "hints.json"), "{ not json")],
    [
      "hints.json holds the wrong shape",
      (d) => fs.writeFileSync(path.join(d, "hints.json"), '{"01-lazy-futures": {"failingRuns": 3}}'),
    ],
    ["hints.json is a directory", (d) => fs.mkdirSync(path.join(d, "hints.json"))],
    ["results.json is a directory", (d) => fs.mkdirSync(path.join(d, "results.json"))],
  ];
  for (const [what, breakIt] of cases) {
    it(`${what}: the board shows, with one warning line`, () => {
      const dir = stateDir();
      breakIt(dir);
      const out = run(dir, [fakeModule(ID, [{ name: "p", state: "failed" }])]);
      expect(out).toContain("Dioxus async katas");
      expect(out).toMatch(/Hint 1 of \d+/);
      expect(out.split("\n").filter((l) => l.startsWith("⚠"))).toHaveLength(1);
      expect(out).toMatch(/⚠ Hints are not remembered this run: .*(hints|results)\.json/);
    });
  }

  it("a state folder that cannot be written (here a file stands in its place): the board shows, with one warning line", () => {
    const parent = stateDir();
    const dir = path.join(parent, ".katas-state");
    fs.writeFileSync(dir, "not a folder");
    const out = run(dir, [fakeModule(ID, [{ name: "p", state: "failed" }])]);
    expect(out).toContain("Dioxus async katas");
    expect(out.split("\n").filter((l) => l.startsWith("⚠"))).toHaveLength(1);
    expect(out).toMatch(/(results|hints)\.json could not be saved \(E[A-Z]+\)/);
  });

  it("heartbeats move to a temporary folder when the state folder cannot hold them", () => {
    const parent = stateDir();
    const dir = path.join(parent, ".katas-state");
    fs.writeFileSync(dir, "not a folder");
    const chosen = chooseHeartbeatDir(dir);
    expect(chosen.startsWith(os.tmpdir())).toBe(true);
    expect(chooseHeartbeatDir(parent)).toBe(path.join(parent, "heartbeat"));
  });

  it("healthy state: no warning, and the hint shown is remembered in hints.json (hints.test.ts covers when it moves on)", () => {
    const dir = stateDir();
    const failing = [fakeModule(ID, [{ name: "p", state: "failed" }])];
    expect(run(dir, failing)).not.toContain("⚠");
    expect(run(dir, failing)).toMatch(/Hint 1 of \d+/);
    expect(readState(path.join(dir, "hints.json"), (v): v is unknown => true).value).toMatchObject({
      [ID]: { shown: [0] },
    });
  });

  it("writes are atomic: a write goes through a temporary file renamed over the old one, leaving nothing else", () => {
    const dir = stateDir();
    const file = path.join(dir, "hints.json");
    for (let i = 0; i < 3; i++) expect(writeState(file, { n: i })).toBeUndefined();
    expect(fs.readdirSync(dir)).toEqual(["hints.json"]);
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual({ n: 2 });
  });
});

describe("a filtered run shows the whole board", () => {
  it("katas not run this time show their last unfiltered result, marked as such", () => {
    const dir = stateDir();
    run(dir, [solved(KATAS[0]!.id), solved(KATAS[1]!.id), fakeModule(KATAS[2]!.id, [{ name: "p", state: "failed" }])]);
    const out = run(dir, [fakeModule(KATAS[3]!.id, [{ name: "p", state: "failed" }])]);
    expect(out).toMatch(/2\/11 {2}\(katas not run this time: from their last run\)/);
    expect(out).toMatch(/✔ 01 lazy futures\s+2\/2 properties {3}\(last run\)/);
    expect(out).toMatch(/✘ 03 spawn\s+0\/1 {3}\(last run\)/);
    expect(out).toMatch(/- 05 .*not run this time/);
    expect(out).toContain(`← next: katas/${KATAS[3]!.id}.ts`);
  });
});

describe("colour", () => {
  it("no escape codes without colour, even in error text that had them", () => {
    const m = fakeModule(ID, [], ["\u001b[31mSyntaxError\u001b[39m: Unexpected token"]);
    const out = run(stateDir(), [m], false);
    expect(out).not.toContain("\u001b[");
    expect(out).toContain("SyntaxError: Unexpected token");
  });

  it("colours the marks when wanted", () => {
    const out = run(stateDir(), [solved(ID)], true);
    expect(out).toContain("\u001b[32m✔\u001b[39m");
  });
});
