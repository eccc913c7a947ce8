/**
 * The watchdog's message. That it really ends a stuck run is checked end to
 * end by `npm run verify` (the "watchdog" stage), in a child process.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { threadId } from "node:worker_threads";
import { HEARTBEAT_DIR, clearHeartbeats, readHeartbeats, runnerPid } from "../support/heartbeat.ts";
import { stuckMessage } from "../support/watchdog.ts";

describe("the watchdog's stuck message", () => {
  it("names the kata file and the test for a kata test", () => {
    const msg = stuckMessage(
      { file: "test/04-use-action.test.ts", test: "a second click cancels the first call", since: 0 },
      6,
    );
    expect(msg).toContain("Watchdog: katas/04-use-action.ts looks stuck in an endless loop");
    expect(msg).toContain(
      'The test "a second click cancels the first call" (test/04-use-action.test.ts) has run for 6 s',
    );
  });

  it("names the test file itself for a test that is not a kata's", () => {
    const msg = stuckMessage({ file: "test/harness/fixtures/endless-loop.fixture.ts", test: "spins", since: 0 }, 2);
    expect(msg).toContain("Watchdog: test/harness/fixtures/endless-loop.fixture.ts looks stuck");
    expect(msg).toContain('The test "spins"');
  });

  it("explains why it matters and what to do, without a stack trace", () => {
    const msg = stuckMessage({ file: "test/01-lazy-futures.test.ts", test: "t", since: 0 }, 7);
    expect(msg).toMatch(/Why it matters: .*one thread/);
    expect(msg).toMatch(/What to do: /);
    expect(msg).not.toMatch(/\n\s+at /);
  });
});

describe("heartbeats", () => {
  // Pid 1 is always alive: its directory stands for a run going on beside this
  // one. No pid reaches 2^22 + 1 on Linux: those stand for runs that were killed.
  const LIVE = 1;
  const GONE = 4_194_305;
  const GONE_TOO = 4_194_306;

  function plant(runner: number, file: string): () => void {
    const dir = path.join(HEARTBEAT_DIR, String(runner));
    const hb = path.join(dir, `harness-test-${process.pid}-${threadId}.json`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(hb, JSON.stringify({ file, test: "planted", since: 0 }));
    return () => {
      fs.rmSync(hb, { force: true });
      if (fs.existsSync(dir) && fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
    };
  }

  it("reach this run's watchdog: the test now running has one", ({ task }) => {
    expect(readHeartbeats(runnerPid())).toContainEqual(
      expect.objectContaining({ file: "test/harness/watchdog.test.ts", test: task.name }),
    );
  });

  it("of another run are not read by this run's watchdog", () => {
    const unplant = plant(LIVE, "test/99-other-run.test.ts");
    try {
      expect(readHeartbeats(LIVE).map((hb) => hb.file)).toContain("test/99-other-run.test.ts");
      expect(readHeartbeats(runnerPid()).map((hb) => hb.file)).not.toContain("test/99-other-run.test.ts");
    } finally {
      unplant();
    }
  });

  it("are cleared run by run: a run ending keeps another live run's, and sweeps those of killed runs", () => {
    const unplant = [plant(LIVE, "test/97-live-run.test.ts"), plant(GONE_TOO, "test/98-killed-run.test.ts")];
    try {
      clearHeartbeats(GONE); // a run ends (one that cannot be this one)
      expect(readHeartbeats(LIVE).map((hb) => hb.file)).toContain("test/97-live-run.test.ts");
      expect(readHeartbeats(GONE_TOO)).toEqual([]);
    } finally {
      for (const u of unplant) u();
    }
  });
});
