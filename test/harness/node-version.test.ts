/** `npm test` on a Node older than package.json's "engines" (test/tools/node-version.mjs). */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const script = path.resolve(import.meta.dirname, "../tools/node-version.mjs");
const run = (version?: string) =>
  spawnSync(process.execPath, [script], {
    encoding: "utf8",
    env: { ...process.env, ...(version ? { KATAS_NODE_VERSION: version } : {}) },
  });

describe("the Node version check", () => {
  it("on an older Node: one line saying which Node is needed, and a failing exit", () => {
    const r = run("18.19.0");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'These katas need Node 20.19 or newer (package.json "engines"); this is Node 18.19.0. Install a newer Node from https://nodejs.org and run the command again.\n',
    );
    expect(run("20.18.9").status).toBe(1);
  });

  it("on this Node and newer ones: silent, and the run goes on", () => {
    for (const v of [undefined, "20.19.0", "22.1.0"]) {
      const r = run(v);
      expect(r.status, String(v)).toBe(0);
      expect(r.stderr + r.stdout, String(v)).toBe("");
    }
  });
});
