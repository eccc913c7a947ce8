/**
 * How long a learner waits: `npm run bench:feedback`.
 *
 * Works in a temporary copy of the repository under the system's temp
 * directory (the working tree's files, `node_modules` linked entry by entry
 * so vitest's caches stay in the copy), where every kata is replaced by its
 * solution: the learner's `katas/` is never touched. Then, in rounds whose
 * order rotates, it times (wall clock, one process each):
 *
 *   kata      `vitest run --project katas --reporter=<board> 01`: what `npm test -- 01`
 *             runs, on a solved kata;
 *   floor     the same command on a one-test file (test/00-floor.test.ts, one empty test):
 *             the same config and reporter, nothing of the kata;
 *   bare      vitest on one trivial test in an empty directory, default config;
 *   suite     the whole solved suite, `vitest run --project katas --reporter=<board>`;
 *   npm test  `npm test -- 01` itself (npm and the Node version check on top of "kata").
 *
 * and prints medians and the ratios against the targets (kata ≤ 1.3× floor,
 * suite ≤ 3 s). Then the breakdown: vitest's own phase times (default
 * reporter's "Duration" line) for the kata and the floor, and floor variants
 * that add or remove one thing each (the runtime barrel, fast-check, the setup
 * file, the watchdog reporter, the board reporter), the kata run without
 * vitest's file-system module cache and with an empty one (the first run
 * after a change to runtime/ or test/), the suite on one worker, and the
 * slowest imports of the kata run (`--experimental.importDurations.print`).
 * The config turns the module cache on; the warm-up run before each table
 * fills it, as any earlier `npm test` does.
 *
 *     npm run bench:feedback             (5 rounds)
 *     npm run bench:feedback -- 3        (another number of rounds)
 *     npm run bench:feedback -- 3 keep   (keep the temporary copy and print its path)
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const root = path.resolve(import.meta.dirname, "../..");
const rounds = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 5);
const keep = process.argv.includes("keep");
const BOARD = "--reporter=./test/support/board-reporter.ts";
const KATA = "01";

// ── the temporary copy ───────────────────────────────────────────────────
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "katas-feedback-"));
const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], {
  cwd: root,
  encoding: "utf8",
})
  .split("\0")
  .filter(Boolean);
for (const f of files) {
  const from = path.join(root, f);
  if (!fs.existsSync(from)) continue;
  fs.mkdirSync(path.dirname(path.join(tmp, f)), { recursive: true });
  fs.copyFileSync(from, path.join(tmp, f));
}
fs.mkdirSync(path.join(tmp, "node_modules"));
for (const e of fs.readdirSync(path.join(root, "node_modules"))) {
  if (e === ".vite" || e === ".vitest" || e === ".experimental-vitest-cache") continue;
  fs.symlinkSync(path.join(root, "node_modules", e), path.join(tmp, "node_modules", e));
}
for (const f of fs.readdirSync(path.join(tmp, "solutions")))
  if (f.endsWith(".ts")) fs.copyFileSync(path.join(tmp, "solutions", f), path.join(tmp, "katas", f));
const write = (rel: string, text: string) => fs.writeFileSync(path.join(tmp, rel), text);
write("test/00-floor.test.ts", `import { test } from "vitest";\ntest("floor", () => {});\n`);
write(
  "test/00-barrel.test.ts",
  `import { test } from "vitest";\nimport * as rt from "../runtime/index.ts";\ntest("barrel", () => { if (!rt) throw new Error(); });\n`,
);
write(
  "test/00-fastcheck.test.ts",
  `import { test } from "vitest";\nimport fc from "fast-check";\ntest("fast-check", () => { if (!fc) throw new Error(); });\n`,
);
write(
  "test/00-support.test.ts",
  `import { test } from "vitest";\nimport * as s from "./support/index.ts";\ntest("support", () => { if (!s) throw new Error(); });\n`,
);
const config = fs.readFileSync(path.join(tmp, "vitest.config.ts"), "utf8");
const variant = (name: string, from: string, to: string) => {
  if (!config.includes(from))
    throw new Error(`vitest.config.ts no longer contains ${JSON.stringify(from)}: update feedback.ts`);
  write(name, config.replace(from, to));
};
variant("vitest.nosetup.config.ts", `setupFiles: ["test/support/setup.ts"],`, `setupFiles: [],`);
variant(
  "vitest.nowatchdog.config.ts",
  `reporters: ["default", "./test/support/watchdog.ts"],`,
  `reporters: ["default"],`,
);
const bare = fs.mkdtempSync(path.join(os.tmpdir(), "katas-feedback-bare-"));
fs.writeFileSync(path.join(bare, "package.json"), `{ "type": "module" }\n`);
fs.writeFileSync(path.join(bare, "one.test.ts"), `import { test } from "vitest";\ntest("one", () => {});\n`);
fs.symlinkSync(path.join(root, "node_modules"), path.join(bare, "node_modules"));

const vitest = path.join(root, "node_modules/vitest/vitest.mjs");

interface Case {
  name: string;
  cwd: string;
  cmd: string;
  args: string[];
  env?: Record<string, string>;
  /** Arguments made afresh for each run, after `args`. */
  extraArgs?: () => string[];
  /** A failing test does not stop the benchmark (the whole suite: a broken solution is reported, not hidden). */
  allowFail?: boolean;
}
const v = (name: string, args: string[], extra: Partial<Case> = {}): Case => ({
  name,
  cwd: tmp,
  cmd: process.execPath,
  args: [vitest, "run", ...args],
  ...extra,
});

const failures = new Map<string, string>();
interface Sample {
  ms: number;
  out: string;
}
function runOnce(c: Case): Sample {
  const t0 = performance.now();
  const r = spawnSync(c.cmd, [...c.args, ...(c.extraArgs?.() ?? [])], {
    cwd: c.cwd,
    encoding: "utf8",
    env: { ...process.env, ...c.env, NO_COLOR: "1", CI: "1" },
  });
  const ms = performance.now() - t0;
  const out = `${r.stdout}\n${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, "");
  if (r.status !== 0 && c.allowFail && r.status === 1) failures.set(c.name, out);
  else if (r.status !== 0)
    throw new Error(
      `${c.name} failed (exit ${r.status}) in ${c.cwd}:\n${c.cmd} ${c.args.join(" ")}\n${out.slice(-3000)}`,
    );
  return { ms, out };
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(", ");

function measure(title: string, cases: Case[], n: number): Map<string, Sample[]> {
  console.log(`\n${title} — ${n} rounds, order rotating; load average ${load()}`);
  for (const c of cases) runOnce(c); // warm the file system and vite's caches
  const samples = new Map<string, Sample[]>(cases.map((c) => [c.name, []]));
  for (let r = 0; r < n; r++)
    for (let j = 0; j < cases.length; j++) {
      const c = cases[(j + r) % cases.length]!;
      samples.get(c.name)!.push(runOnce(c));
    }
  for (const c of cases) {
    const ms = samples.get(c.name)!.map((s) => s.ms);
    console.log(
      `  ${c.name.padEnd(62)} median ${(median(ms) / 1000).toFixed(2)} s   (${ms.map((x) => (x / 1000).toFixed(2)).join(" ")})`,
    );
  }
  console.log(`  load average after: ${load()}`);
  return samples;
}
/** Median over rounds of a/b (same round, side by side). */
const ratio = (s: Map<string, Sample[]>, a: string, b: string) =>
  median(s.get(a)!.map((x, i) => x.ms / s.get(b)![i]!.ms));
const med = (s: Map<string, Sample[]>, a: string) => median(s.get(a)!.map((x) => x.ms));

try {
  console.log(`bench:feedback — temporary solved copy: ${tmp}; ${os.cpus().length} cores; load average ${load()}`);
  console.log("Wall-clock figures on a busy machine are only good as ratios; re-take them on a quiet one.");

  // ── the targets ──
  const main = measure(
    "Feedback (wall clock per run)",
    [
      v(`kata: vitest run --project katas <board> ${KATA}`, ["--project", "katas", BOARD, KATA]),
      v("floor: same config and reporter, one empty test", ["--project", "katas", BOARD, "00-floor"]),
      {
        name: "bare vitest: one trivial test, default config",
        cwd: bare,
        cmd: process.execPath,
        args: [vitest, "run"],
      },
      v(
        "suite: all 11 solved katas, same config and reporter",
        ["--project", "katas", BOARD, "--exclude", "test/00-*"],
        { allowFail: true },
      ),
      v(
        "suite on one worker (vitest's own choice on two cores)",
        ["--project", "katas", BOARD, "--exclude", "test/00-*", "--maxWorkers=1"],
        { allowFail: true },
      ),
      { name: `npm test -- ${KATA}`, cwd: tmp, cmd: "npm", args: ["test", "--", KATA] },
    ],
    rounds,
  );
  const [kata, floor, bareName, suite, suiteOne, npmTest] = [...main.keys()] as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  console.log("\nTargets");
  const kf = ratio(main, kata, floor);
  console.log(`  kata / floor            ${kf.toFixed(2)}×   target ≤ 1.3×   ${kf <= 1.3 ? "met" : "NOT met"}`);
  console.log(
    `  suite                   ${(med(main, suite) / 1000).toFixed(2)} s   target ≤ 3 s    ${med(main, suite) <= 3000 ? "met" : "NOT met"}`,
  );
  console.log(
    `  floor / bare vitest     ${ratio(main, floor, bareName).toFixed(2)}×   (${((med(main, floor) - med(main, bareName)) / 1000).toFixed(2)} s of config, setup and reporter)`,
  );
  console.log(`  kata / bare vitest      ${ratio(main, kata, bareName).toFixed(2)}×`);
  console.log(
    `  suite, 2 / 1 workers    ${ratio(main, suite, suiteOne).toFixed(2)}×   (${(med(main, suiteOne) / 1000).toFixed(2)} s on one worker)`,
  );
  if (failures.has(suite)) {
    const failed = [...new Set([...failures.get(suite)!.matchAll(/npm test -- (\d\d)/g)].map((m) => m[1]))];
    console.log(
      `  NOTE: the solved suite had failing tests (solutions of katas ${failed.join(", ") || "?"} fail in this tree), so its time includes fast-check shrinking a failure`,
    );
  }
  console.log(
    `  npm test / kata         ${ratio(main, npmTest, kata).toFixed(2)}×   (npm and the Node version check: ${((med(main, npmTest) - med(main, kata)) / 1000).toFixed(2)} s)`,
  );

  // ── where the time goes ──
  const noCache = ["--experimental.fsModuleCache=false"];
  let cold = 0;
  /** A fresh, empty module cache for every run: what the first run after a change to runtime/ or test/ pays. */
  const coldCache = () => [
    `--experimental.fsModuleCachePath=${path.join(tmp, "node_modules", `.cold-cache-${cold++}`)}`,
  ];
  const parts = measure(
    "Breakdown: each row changes one thing from the floor (default reporter, so vitest prints its phases)",
    [
      v("floor (default + watchdog reporters)", ["--project", "katas", "00-floor"]),
      v("floor, board reporter (as npm test)", ["--project", "katas", BOARD, "00-floor"]),
      v("floor, no setup file (no fast-check, no heartbeat)", [
        "--config",
        "vitest.nosetup.config.ts",
        "--project",
        "katas",
        "00-floor",
      ]),
      v("floor, no watchdog reporter", ["--config", "vitest.nowatchdog.config.ts", "--project", "katas", "00-floor"]),
      v("floor + import runtime/index.ts (the barrel)", ["--project", "katas", "00-barrel"]),
      v("floor + import fast-check", ["--project", "katas", "00-fastcheck"]),
      v("floor + import test/support/index.ts", ["--project", "katas", "00-support"]),
      v(`kata ${KATA} (default + watchdog reporters)`, ["--project", "katas", KATA]),
      v(`kata ${KATA}, board reporter`, ["--project", "katas", BOARD, KATA]),
      v(`kata ${KATA}, board reporter, no fs module cache`, ["--project", "katas", BOARD, ...noCache, KATA]),
      v(`kata ${KATA}, board reporter, empty fs module cache`, ["--project", "katas", BOARD, KATA], {
        extraArgs: coldCache,
      }),
    ],
    Math.max(3, Math.ceil(rounds / 2)),
  );
  const base = "floor (default + watchdog reporters)";
  console.log("\n  Δ against the floor (median of per-round differences) and vitest's phases (medians):");
  for (const [name, ss] of parts) {
    const d = median(ss.map((s, i) => s.ms - parts.get(base)![i]!.ms));
    const phases = new Map<string, number[]>();
    for (const s of ss) {
      const m = /Duration\s+([\d.]+)(m?s)\s*\(([^)]*)\)/.exec(s.out);
      if (!m) continue;
      for (const p of m[3]!.split(",")) {
        const pm = /(\w+)\s+([\d.]+)(m?s)/.exec(p.trim());
        if (pm)
          (phases.get(pm[1]!) ?? phases.set(pm[1]!, []).get(pm[1]!)!).push(Number(pm[2]) * (pm[3] === "s" ? 1000 : 1));
      }
    }
    const ph = [...phases].map(([k, xs]) => `${k} ${median(xs).toFixed(0)}`).join(", ");
    console.log(`  ${name.padEnd(62)} ${d >= 0 ? "+" : ""}${(d / 1000).toFixed(2)} s   ${ph ? `[${ph} ms]` : ""}`);
  }

  // ── the slowest imports of one kata run ──
  const imp = runOnce(
    v("import durations", [
      "--project",
      "katas",
      "--experimental.importDurations.print",
      "--experimental.importDurations.limit=15",
      KATA,
    ]),
  );
  const after = imp.out.split("Import Duration Breakdown")[1] ?? "";
  const lines = after.split("\n").filter((l) => /\d+(\.\d+)?\s*m?s/.test(l));
  console.log(`\nSlowest imports of kata ${KATA} (vitest --experimental.importDurations.print):`);
  for (const l of lines.slice(0, 14)) console.log(`  ${l.trim()}`);
  console.log(`\nload average at the end: ${load()}`);
} finally {
  if (keep) console.log(`kept ${tmp} and ${bare}`);
  else {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(bare, { recursive: true, force: true });
  }
}
