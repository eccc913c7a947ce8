/**
 * Hints follow attempts and failures (hints.ts): each hint is tied to real
 * property sentences, and a new one is spent only when the learner changed
 * the kata and it still fails, in a run that counts.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TestModule } from "vitest/node";
import BoardReporter from "../support/board-reporter.ts";
import { chooseHint, hintsForSentence, type HintBook } from "../support/hints.ts";
import { KATAS, kataById } from "../support/katas.ts";
import { ROOT } from "../support/state.ts";

describe("every hint is tied to the kata's real property sentences", () => {
  // The sentences as vitest collects them from the kata tests (templates expanded).
  const sentences = new Map<string, string[]>();
  beforeAll(() => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "katas-list-")), "list.json");
    execFileSync(
      process.execPath,
      [path.join(ROOT, "node_modules/vitest/vitest.mjs"), "list", "--project", "solutions", `--json=${out}`],
      {
        cwd: ROOT,
        stdio: "ignore",
        env: { ...process.env, KATAS_VERIFY: "", KATAS_FIXTURES: "" },
      },
    );
    for (const t of JSON.parse(fs.readFileSync(out, "utf8")) as { name: string; file: string }[]) {
      const id = path.basename(t.file).replace(/\.test\.ts$/, "");
      sentences.set(id, [...(sentences.get(id) ?? []), t.name]);
    }
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }, 120_000);

  for (const kata of KATAS) {
    it(`${kata.id}: each hint's keys occur in its sentences, and each property has a hint of its own`, () => {
      const mine = sentences.get(kata.id) ?? [];
      expect(mine.length, `vitest found no properties in test/${kata.id}.test.ts`).toBeGreaterThan(0);
      const stale = kata.hints.flatMap((h) => h.for.filter((key) => !mine.some((s) => s.includes(key))));
      expect(stale, "hint keys that match no property sentence (a sentence changed: update the hint's `for`)").toEqual(
        [],
      );
      const orphans = mine.filter((s) => !kata.hints.some((h) => h.for.some((key) => s.includes(key))));
      expect(orphans, "properties no hint is for (add a hint, or a key to one)").toEqual([]);
    });
  }
});

describe("kata 01's hints name only what the kata has", () => {
  it("every `name(` a hint calls like a kata function is exported by katas/01-lazy-futures.ts or the runtime", () => {
    const stub = fs.readFileSync(path.join(ROOT, "katas/01-lazy-futures.ts"), "utf8");
    const exported = new Set([...stub.matchAll(/export function (\w+)/g)].map((m) => m[1]!));
    const runtime = new Set(["future", "pollFn", "sleep", "todo", "wake", "dispose"]);
    // A method call (`first.poll(cx)`, `log.push(…)`) names no kata function: only bare calls are checked.
    const called = kataById("01-lazy-futures")!.hints.flatMap((h) =>
      [...h.text.matchAll(/(?<![.\w])([a-z]\w*)\(/g)].map((m) => m[1]!),
    );
    const unknown = called.filter(
      (n) => !exported.has(n) && !runtime.has(n) && !["Ready", "push"].includes(n) && !/^(Poll|cx)$/.test(n),
    );
    expect(unknown, "functions kata 01's hints call that neither the kata file nor the runtime has").toEqual([]);
  });
});

// ── spending ────────────────────────────────────────────────────────────────

const KATA = KATAS[0]!;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A state folder and a katas folder holding a copy of kata 01's file. */
function sandbox(): { state: string; katas: string; edit: (text: string) => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "katas-hints-"));
  dirs.push(root);
  const katas = path.join(root, "katas");
  fs.mkdirSync(katas);
  const edit = (text: string) => fs.writeFileSync(path.join(katas, `${KATA.id}.ts`), text);
  edit("// the stub");
  return { state: path.join(root, "state"), katas, edit };
}

type Outcome = "passed" | "failed" | "not-started";

/** A kata 01 test module whose properties (the real sentences' start) end as given. */
function module01(outcomes: Outcome[]): TestModule {
  const names = [
    "building futures runs none of their code",
    "readyValue(v) is Ready with v at its first poll",
    "countdown(n) is polled exactly n+1 times",
  ];
  const fake = {
    relativeModuleId: `test/${KATA.id}.test.ts`,
    errors: () => [],
    children: {
      allTests: () =>
        outcomes.map((o, i) => ({
          name: names[i]!,
          fullName: names[i]!,
          result: () => ({
            state: o === "passed" ? "passed" : "failed",
            errors: o === "passed" ? [] : [{ message: "failed" }],
          }),
          meta: () =>
            o === "passed"
              ? { kataVerdict: "passed" }
              : {
                  kataFailure:
                    o === "not-started"
                      ? { status: "not-started", sentence: names[i]!, problem: "todo", where: `katas/${KATA.id}.ts:41` }
                      : {
                          status: "failed",
                          sentence: names[i]!,
                          problem: "wrong",
                          story: "",
                          timeline: "",
                          replay: "KATA_SEED=1 npm test -- 01",
                        },
                },
        })),
    },
  };
  return fake as unknown as TestModule;
}

function board(
  box: ReturnType<typeof sandbox>,
  outcomes: Outcome[],
  opts: { env?: Record<string, string>; filtered?: boolean } = {},
): string {
  let out = "";
  const reporter = new BoardReporter({
    stateDir: box.state,
    kataDir: box.katas,
    write: (t) => (out += t),
    colour: false,
    env: opts.env ?? {},
  });
  if (opts.filtered) reporter.onInit({ config: { testNamePattern: /x/ } } as never);
  reporter.onTestRunEnd([module01(outcomes)], []);
  return out;
}

const hintLine = (out: string) => out.split("\n").find((l) => l.startsWith("Hint "));
const spent = (box: ReturnType<typeof sandbox>): HintBook => {
  const f = path.join(box.state, "hints.json");
  return fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8")) : {};
};
const laziness = hintsForSentence(KATA, "building futures runs none of their code");
const countdown = hintsForSentence(KATA, "countdown(n) is polled exactly n+1 times");

describe("a hint is spent only by a changed kata that still fails", () => {
  it("three runs of the untouched stub stay at Hint 1 and spend nothing", () => {
    const box = sandbox();
    for (let i = 0; i < 3; i++)
      expect(hintLine(board(box, ["not-started", "not-started", "not-started"]))).toMatch(
        /^Hint 1 of \d+ for “building futures/,
      );
    expect(spent(box)).toEqual({});
  });

  it("a changed, still failing kata moves to the hint for its FIRST FAILING property, not the next in a fixed list", () => {
    const box = sandbox();
    board(box, ["not-started", "not-started", "not-started"]);
    box.edit("// laziness solved, countdown wrong");
    const out = board(box, ["passed", "passed", "failed"]);
    expect(hintLine(out)).toBe(`Hint 1 of ${countdown.length} for “countdown(n) is polled exactly n+1 times”:`);
    expect(out).toContain(KATA.hints[countdown[0]!]!.text);
    expect(spent(box)[KATA.id]!.shown).toEqual([countdown[0]]);
  });

  it("runs of an unchanged file (a watch re-run), replays and filtered reruns spend nothing; the next change does", () => {
    const box = sandbox();
    box.edit("// attempt 1");
    expect(hintLine(board(box, ["failed", "passed", "passed"]))).toMatch(/^Hint 1 of/);
    expect(hintLine(board(box, ["failed", "passed", "passed"]))).toMatch(/^Hint 1 of/);
    box.edit("// attempt 2");
    expect(hintLine(board(box, ["failed", "passed", "passed"], { env: { KATA_SEED: "42" } }))).toMatch(/^Hint 1 of/);
    expect(hintLine(board(box, ["failed", "passed", "passed"], { filtered: true }))).toMatch(/^Hint 1 of/);
    expect(spent(box)[KATA.id]!.shown).toEqual([laziness[0]]);
    expect(hintLine(board(box, ["failed", "passed", "passed"]))).toMatch(/^Hint 2 of/);
    expect(spent(box)[KATA.id]!.shown).toEqual([laziness[0], laziness[1]]);
  });

  it("a change that makes the kata pass spends nothing", () => {
    const box = sandbox();
    box.edit("// attempt 1");
    board(box, ["failed", "passed", "passed"]);
    box.edit("// solved");
    expect(board(box, ["passed", "passed", "passed"])).not.toContain("Hint ");
    expect(spent(box)[KATA.id]!.shown).toEqual([laziness[0]]);
  });

  it("stays at a property's last hint however often the file changes", () => {
    const last = chooseHint(
      {
        kata: KATA,
        ran: true,
        loadErrors: [],
        skipped: 0,
        properties: [{ sentence: "countdown(n) is polled exactly n+1 times", passed: false }],
      },
      { shown: [...countdown], hash: "old" },
      "new",
      true,
    );
    expect(last.hint).toMatchObject({ position: countdown.length, of: countdown.length, spent: false });
  });
});

describe("npm run hint", () => {
  it("lists the hints spent so far, with the properties each is for", () => {
    const box = sandbox();
    box.edit("// attempt 1");
    board(box, ["failed", "passed", "passed"]);
    box.edit("// attempt 2");
    board(box, ["failed", "passed", "passed"]);
    const out = execFileSync(process.execPath, ["--import", "tsx", path.join(ROOT, "test/tools/hint.ts"), "01"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, KATAS_STATE_DIR: box.state },
    });
    expect(out).toContain("2 hints seen for kata 01 lazy futures");
    expect(out).toContain(KATA.hints[laziness[0]!]!.text);
    expect(out).toContain(KATA.hints[laziness[1]!]!.text);
    expect(out).toContain(
      `for the properties that mention ${KATA.hints[laziness[0]!]!.for.map((k) => `“${k}”`).join(" or ")}`,
    );
  });
});
