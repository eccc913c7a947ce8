/**
 * Watch mode and the vitest UI: `npm run watch` needs a terminal and then
 * shows the board on a cleared screen after each run; in the UI a failing
 * property carries its story and its timeline drawn as SVG; `--ui` with no
 * browser to open says how to open the address. (The UI itself, in a real
 * browser: `npm run check:ui`.)
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { TestModule } from "vitest/node";
import { future, sleep, spawn } from "../../runtime/index.ts";
import BoardReporter from "../support/board-reporter.ts";
import { fc } from "../support/index.ts";
import { annotateFailure, checkProperty, PropertyFailed } from "../support/property.ts";
import { ROOT } from "../support/state.ts";
import { timelineSvg } from "../support/timeline-svg.ts";
import { browserOpener, sayUiAddressOnce, UI_ADDRESS_LINE } from "../support/ui-open.ts";
import { CLEAR_SCREEN, WATCH_FOOTER } from "../support/watch-screen.ts";

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };

describe("npm run watch needs a terminal", () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, [path.join(ROOT, "test/tools/needs-terminal.mjs")], {
      encoding: "utf8",
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, ...env },
    });

  it("without one it says so in one line and exits non-zero (stdin here is a pipe)", () => {
    const { KATAS_ASSUME_TTY: _, ...env } = process.env;
    const r = spawnSync(process.execPath, [path.join(ROOT, "test/tools/needs-terminal.mjs")], {
      encoding: "utf8",
      stdio: ["pipe", "pipe", "pipe"],
      env: env as Record<string, string>,
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      "npm run watch needs a terminal (it re-runs the katas on every save and waits for your keys): run it in a terminal window, or use npm test for one run.",
    ]);
    expect(run({ KATAS_ASSUME_TTY: "0" }).status).toBe(1);
  });

  it("with one it lets vitest start", () => {
    expect(run({ KATAS_ASSUME_TTY: "1" }).status).toBe(0);
  });

  it("the watch script checks for the terminal before it starts vitest", () => {
    expect(pkg.scripts.watch).toMatch(
      /^node test\/tools\/node-version\.mjs && node test\/tools\/needs-terminal\.mjs && vitest --project katas /,
    );
  });
});

describe("watch mode shows the board on a cleared screen after each run", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  function board(watch: boolean, terminal: boolean): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "katas-watch-"));
    dirs.push(dir);
    let out = "";
    const reporter = new BoardReporter({ stateDir: dir, write: (t) => (out += t), colour: false, terminal, env: {} });
    reporter.onInit({ config: { watch } } as never);
    const m = {
      relativeModuleId: "test/01-lazy-futures.test.ts",
      errors: () => [],
      children: {
        allTests: () => [
          {
            name: "p",
            fullName: "p",
            result: () => ({ state: "passed", errors: [] }),
            meta: () => ({ kataVerdict: "passed" }),
          },
        ],
      },
    } as unknown as TestModule;
    reporter.onTestRunEnd([m], []);
    reporter.onTestRunEnd([m], []);
    return out;
  }

  it("in a terminal, each run clears the screen, then draws the board and says what happens next", () => {
    const out = board(true, true);
    const screens = out.split(CLEAR_SCREEN);
    expect(screens[0]).toBe("");
    expect(screens).toHaveLength(3);
    for (const s of screens.slice(1)) {
      expect(s).toContain("Dioxus async katas");
      expect(s.trimEnd().endsWith(WATCH_FOOTER)).toBe(true);
    }
  });

  it("piped output is never cleared, and a single run has no watch footer", () => {
    expect(board(true, false)).not.toContain(CLEAR_SCREEN);
    const once = board(false, true);
    expect(once).not.toContain(CLEAR_SCREEN);
    expect(once).not.toContain(WATCH_FOOTER);
  });
});

describe("--ui where no browser can be opened", () => {
  it("opens a browser only where one can be: macOS, Windows, or Linux with a display and xdg-open", () => {
    const has = () => true;
    const none = () => false;
    expect(browserOpener("darwin", {}, none)).toBe(true);
    expect(browserOpener("win32", {}, none)).toBe(true);
    expect(browserOpener("linux", { DISPLAY: ":0" }, has)).toBe(true);
    expect(browserOpener("linux", { WAYLAND_DISPLAY: "wayland-0" }, has)).toBe(true);
    expect(browserOpener("linux", {}, has)).toBe(false);
    expect(browserOpener("linux", { DISPLAY: ":0" }, none)).toBe(false);
  });

  it("says once how to open the printed address", () => {
    const said: string[] = [];
    delete (globalThis as { __katasUiAddressSaid?: boolean }).__katasUiAddressSaid;
    sayUiAddressOnce((l) => said.push(l));
    sayUiAddressOnce((l) => said.push(l));
    expect(said).toEqual([UI_ADDRESS_LINE]);
    expect(UI_ADDRESS_LINE).toContain("UI started at http://localhost:");
  });

  it("the config turns vitest's `open` off then", () => {
    const config = fs.readFileSync(path.join(ROOT, "vitest.config.ts"), "utf8");
    expect(config).toContain("browserOpener()");
    expect(config).toMatch(/openBrowser \? \{\} : \{ open: false \}/);
  });
});

describe("the vitest UI shows a failing property's story and its timeline as a picture", () => {
  function failure(): PropertyFailed {
    const tctx = { task: { file: { filepath: path.join(ROOT, "test/07-fake.test.ts") }, meta: {} } };
    try {
      checkProperty(
        tctx,
        "the <answer> arrives before t=5",
        [fc.constant(10)],
        (ctx, ms) => {
          const rt = ctx.runtime();
          let done = false;
          rt.enter(() =>
            spawn(
              future(function* fetch() {
                yield* sleep(ms);
                done = true;
              }),
            ),
          );
          rt.advanceTo(5);
          ctx.say("waited until t=5");
          if (!done) throw new Error("the answer had not arrived at t=5");
        },
        {},
        {},
      );
    } catch (e) {
      if (e instanceof PropertyFailed) return e;
      throw e;
    }
    throw new Error("expected the property to fail");
  }

  it("a failure carries an SVG swimlane chart of its run: a lane per task, a mark per event, words escaped", () => {
    const e = failure();
    const svg = e.svg!;
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg).toContain("#1 fetch");
    expect(svg).toContain("● spawned");
    expect(svg).toContain("the &lt;answer&gt; arrives before t=5");
    expect(svg).not.toContain("<answer>");
    expect((svg.match(/<circle /g) ?? []).length).toBeGreaterThanOrEqual(2);
    // Not serialised into the error vitest prints.
    expect(Object.keys(e)).not.toContain("svg");
  });

  it("property() annotates the test with the story and the picture (image/svg+xml)", () => {
    const calls: { message: string; type?: string; attachment?: { contentType?: string; body?: string } }[] = [];
    annotateFailure(
      { annotate: async (message, type, attachment) => calls.push({ message, type, attachment }) },
      failure(),
    );
    expect(calls.map((c) => c.type)).toEqual(["story", "timeline"]);
    expect(calls[0]!.message).toContain("waited until t=5");
    expect(calls[0]!.message).toContain("the answer had not arrived at t=5");
    expect(calls[1]!.attachment?.contentType).toBe("image/svg+xml");
    expect(calls[1]!.attachment?.body).toMatch(/^<svg /);
  });

  it("a run with no events draws its title alone, as a complete picture", () => {
    const svg = timelineSvg([], { title: "nothing happened" });
    expect(svg).toContain(">nothing happened</text>");
    expect(svg).not.toContain("<circle");
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
  });

  it("npm run check:ui is a maintainer script outside verify", () => {
    expect(pkg.scripts["check:ui"]).toBe("tsx test/tools/check-ui.ts");
    expect(fs.readFileSync(path.join(ROOT, "test/tools/verify.ts"), "utf8")).not.toContain("check-ui");
  });
});
