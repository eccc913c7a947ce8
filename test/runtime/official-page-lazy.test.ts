/**
 * The examples of the official "Async and Futures" page
 * (https://dioxuslabs.com/learn/0.7/essentials/basics/async, its lazy futures part), run as scenarios: they must behave as that page says.
 */
import { describe, expect, it } from "vitest";
import { future, spawn } from "../../runtime/index.ts";
import { Runtime } from "../../runtime/testing.ts";

describe("the official async page, lazy futures", () => {
  it('a future that would log "Ran" logs nothing while it is neither awaited nor spawned, however long the app runs', () => {
    const rt = new Runtime();
    const log: string[] = [];
    rt.enter(() => {
      const _future = future(function* () {
        log.push("Ran");
      });
    });
    rt.runToCompletion();
    rt.advance(60_000);
    expect(log).toEqual([]);
    expect(rt.trace.of("spawn", "poll")).toEqual([]);
  });

  it('spawning a future that awaits the first one logs "Ran" then "Ran Other", and only once the runtime polls it', () => {
    const rt = new Runtime();
    const log: string[] = [];
    rt.enter(() => {
      const fut = future(function* () {
        log.push("Ran");
      });
      const otherFuture = future(function* () {
        yield* fut;
        log.push("Ran Other");
      });
      spawn(otherFuture);
    });
    expect(log).toEqual([]);
    rt.runUntilIdle();
    expect(log).toEqual(["Ran", "Ran Other"]);
    rt.runToCompletion();
    expect(log).toEqual(["Ran", "Ran Other"]);
  });

  it("an awaited future starts only when its parent reaches the await", () => {
    const rt = new Runtime();
    const log: string[] = [];
    const fut = future(function* () {
      log.push("Ran");
    });
    rt.spawn(
      future(function* () {
        log.push("before the await");
        yield* fut;
        log.push("Ran Other");
      }),
    );
    rt.runUntilIdle();
    expect(log).toEqual(["before the await", "Ran", "Ran Other"]);
  });

  it("a spawned future that is cancelled before its first poll never runs: you can stop polling a future at any time", () => {
    const rt = new Runtime();
    const log: string[] = [];
    const task = rt.enter(() =>
      spawn(
        future(function* () {
          log.push("Ran");
        }),
      ),
    );
    task.cancel();
    rt.runToCompletion();
    expect(log).toEqual([]);
  });
});
