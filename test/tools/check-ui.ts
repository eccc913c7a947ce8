/**
 * `npm run check:ui` (for maintainers; not part of verify, it needs a
 * browser): checks that the vitest UI shows a failing property's story and
 * its timeline drawn as a picture.
 *
 * It starts `vitest --ui` on a run with a failing kata (kata 07 against one
 * of its mutants, so the property fails with a real timeline), with no
 * browser opener on PATH (the UI must then say how to open its address, and
 * print no stack trace), loads the failing test in headless Chromium
 * (Debian's `chromium`, or CHROMIUM=/path/to/it), and saves a screenshot in
 * .ui-check/timeline.png. Exit code 0 when every step worked.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateFileHash } from "@vitest/runner/utils";
import { ROOT } from "../support/state.ts";
import { UI_ADDRESS_LINE } from "../support/ui-open.ts";

const KATA = "07-cancel-safety";
const MUTANT = "cleanup-after-await";
/** The mutants project runs a kata's tests against a mutant through a wrapper file (vitest.config.ts, verify.ts). */
const WRAPPER = `.verify/${KATA}/${MUTANT}/${KATA}.test.ts`;
const PORT = Number(process.env.UI_CHECK_PORT ?? 51777);
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const OUT_DIR = path.join(ROOT, ".ui-check");
const SHOT = path.join(OUT_DIR, "timeline.png");

function fail(line: string): never {
  console.error(`✘ ${line}`);
  process.exit(1);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM))
    fail(`no Chromium at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM=/path/to/chromium.`);
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const log = path.join(OUT_DIR, "vitest-ui.log");

  // A PATH with node only: no xdg-open, so no browser can be opened.
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), "ui-check-bin-"));
  fs.symlinkSync(process.execPath, path.join(bin, "node"));
  fs.mkdirSync(path.dirname(path.join(ROOT, WRAPPER)), { recursive: true });
  fs.writeFileSync(path.join(ROOT, WRAPPER), `import "../../../test/${KATA}.test.ts?mutant=${MUTANT}";\n`);
  // Every property of the kata runs in the UI, not only those verify's record lists (property.ts).
  fs.rmSync(path.join(ROOT, path.dirname(WRAPPER), "catchers.json"), { force: true });
  const vitest = `node ${path.join(ROOT, "node_modules/vitest/vitest.mjs")} --ui --project mutants ${WRAPPER} --api.port ${PORT}`;
  // vitest keeps the UI server only in watch mode, which needs a terminal: `script` gives it one.
  const child = spawn("script", ["-qfc", vitest, log], {
    cwd: ROOT,
    env: {
      ...process.env,
      PATH: `${bin}${path.delimiter}/usr/bin${path.delimiter}/bin`,
      KATAS_VERIFY: "1",
      DISPLAY: "",
    },
    stdio: ["pipe", "ignore", "ignore"],
    detached: true,
  });
  const stop = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
    fs.rmSync(bin, { recursive: true, force: true });
  };
  try {
    const text = () =>
      fs.existsSync(log) ? fs.readFileSync(log, "utf8").replace(/\u001b\[[0-9;?]*[a-zA-Z]/g, "") : "";
    for (let waited = 0; !/Watching for file changes|Waiting for file changes/.test(text()); waited += 500) {
      if (waited > 120_000) fail(`the UI run did not finish within 2 minutes (see ${path.relative(ROOT, log)})`);
      await sleep(500);
    }
    const out = text();
    if (!out.includes(`UI started at http://localhost:${PORT}/__vitest__/`)) fail("vitest did not say where the UI is");
    if (!out.includes(UI_ADDRESS_LINE)) fail("with no browser to open, the UI run did not say how to open its address");
    if (/ENOENT| {4}at ChildProcess/.test(out)) fail("the UI run printed a stack trace about opening a browser");
    console.log("✔ the UI started, said how to open its address, and printed no stack trace");

    const fileId = generateFileHash(WRAPPER, "mutants");
    const url = `http://localhost:${PORT}/__vitest__/#?file=${encodeURIComponent(fileId)}&test=${encodeURIComponent(`${fileId}_0`)}`;
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "ui-check-chromium-"));
    fs.rmSync(SHOT, { force: true });
    try {
      execFileSync(
        CHROMIUM,
        [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          `--user-data-dir=${profile}`,
          "--hide-scrollbars",
          "--window-size=1400,2200",
          "--virtual-time-budget=15000",
          `--screenshot=${SHOT}`,
          url,
        ],
        { stdio: "ignore", timeout: 90_000 },
      );
    } finally {
      fs.rmSync(profile, { recursive: true, force: true });
    }
    if (!fs.existsSync(SHOT) || fs.statSync(SHOT).size < 10_000) fail("Chromium saved no screenshot of the UI");
    console.log(
      `✔ screenshot of the failing property in the UI: ${path.relative(ROOT, SHOT)} (open it: the story and the drawn timeline are under the test)`,
    );
    console.log(`  address: ${url}`);
  } finally {
    stop();
  }
}

await main();
