/**
 * The official "Async and Futures" page's examples, as scenarios: each app
 * is written here in this project's terms and must behave as the page says,
 * with the page's own UI texts. (The lazy-futures examples are in
 * official-page-lazy.test.ts.)
 */
import { describe, expect, it } from "vitest";
import {
  Signal,
  blockFor,
  button,
  component,
  div,
  dropGuard,
  future,
  http,
  img,
  sleep,
  spawn,
  spawnForever,
  spawnThread,
  useAction,
  useHook,
  useResource,
  useSignal,
  type Future,
  type Task,
} from "../../runtime/index.ts";
import { answer, currentRuntime, network, render, threads, userEvents } from "../../runtime/testing.ts";
import { caught } from "./support/errors.ts";

const DIOXUS = "https://dioxuslabs.com";

/** "Running Futures with spawn": the handler sets "...", spawns the request, and returns at once. */
function SpawnButton() {
  const response = useSignal(() => "Click to start a request");
  return button(
    {
      onclick: () => {
        response.set("...");
        spawn(
          future(function* request() {
            const resp = yield* http.get(DIOXUS);
            response.set(resp.ok ? "dioxuslabs.com responded!" : "failed to fetch response!");
          }),
        );
      },
    },
    response(),
  );
}

/** The same button as an async handler: the runtime spawns the returned future for us. */
function AsyncButton() {
  const response = useSignal(() => "Click to start a request");
  return button(
    {
      onclick: () =>
        future(function* request() {
          response.set("...");
          const resp = yield* http.get(DIOXUS);
          response.set(resp.ok ? "dioxuslabs.com responded!" : "failed to fetch response!");
        }),
    },
    response(),
  );
}

describe('official async page, "Running Futures with spawn"', () => {
  for (const [name, App] of [
    ["spawn in the handler", SpawnButton],
    ["an async handler", AsyncButton],
  ] as const) {
    it(`${name}: the label goes "..." then "dioxuslabs.com responded!", and the click itself takes no time`, () => {
      const app = render(App, { network: { [DIOXUS]: answer.ok("<html>", 120) } });
      app.click({ role: "button" });
      expect(app.now).toBe(0);
      app.runUntilIdle();
      expect(app.text()).toBe("...");
      app.runToCompletion();
      expect(app.now).toBe(120);
      expect(app.text()).toBe("dioxuslabs.com responded!");
    });

    it(`${name}: a network failure shows "failed to fetch response!", an HTTP error status still counts as a response`, () => {
      const failing = render(App, { network: { [DIOXUS]: answer.fail(30) } });
      failing.click({ role: "button" });
      failing.runToCompletion();
      expect(failing.text()).toBe("failed to fetch response!");
      const erroring = render(App, { network: { [DIOXUS]: answer.status(500, 30) } });
      erroring.click({ role: "button" });
      erroring.runToCompletion();
      expect(erroring.text()).toBe("dioxuslabs.com responded!");
    });
  }

  it("with spawn, no request is sent before the handler returns; an async handler sends it during the click", () => {
    const spawned = render(SpawnButton, { network: { [DIOXUS]: answer.ok("", 10) } });
    spawned.click({ role: "button" });
    expect(network(spawned).requests).toHaveLength(0);
    const asyncHandled = render(AsyncButton, { network: { [DIOXUS]: answer.ok("", 10) } });
    asyncHandled.click({ role: "button" });
    expect(network(asyncHandled).requests).toHaveLength(1);
  });
});

const BREED_URL = (breed: string) => `https://dog.ceo/api/breed/${breed}/images/random`;

/** "Running Futures with use_action": the breed picker. */
function BreedPicker() {
  const breed = useAction((name: string) =>
    future(function* fetchDog() {
      const resp = yield* http.get(BREED_URL(name));
      if (!resp.ok) throw resp.error;
      if (!resp.value.success) throw new Error(`status ${resp.value.status}`);
      return resp.value.json<{ message: string }>();
    }),
  );
  const result = breed.value();
  return div(
    button({ onclick: () => void breed.call("hound") }, "hound"),
    button({ onclick: () => void breed.call("pug") }, "pug"),
    result === undefined
      ? div("Click the button to fetch a dog!")
      : result.ok
        ? img({ src: result.value.message, label: "dog" })
        : div("Failed to fetch a dog, please try again."),
  );
}

describe('official async page, "Running Futures with use_action"', () => {
  it("a second call cancels the first: the slow first answer never shows, only the latest call's dog", () => {
    const app = render(BreedPicker, {
      network: {
        [BREED_URL("hound")]: answer.ok({ message: "hound.jpg" }, 50),
        [BREED_URL("pug")]: answer.ok({ message: "pug.jpg" }, 20),
      },
    });
    expect(app.text()).toContain("Click the button to fetch a dog!");
    app.click({ role: "button", name: "hound" });
    app.advance(1);
    app.click({ role: "button", name: "pug" });
    app.runToCompletion();
    expect(app.getByRole("img", { name: "dog" }).props.src).toBe("pug.jpg");
    expect(
      network(app)
        .aborted()
        .map((r) => r.url),
    ).toEqual([BREED_URL("hound")]);
  });

  it("the value is hidden while a call is pending, and a failure shows the error branch", () => {
    const app = render(BreedPicker, {
      network: { [BREED_URL("hound")]: answer.ok({ message: "hound.jpg" }, 10), [BREED_URL("pug")]: answer.fail(10) },
    });
    app.click({ role: "button", name: "hound" });
    app.runToCompletion();
    expect(app.queryByRole("img")).toBeDefined();
    app.click({ role: "button", name: "pug" });
    app.runUntilIdle();
    expect(app.text()).toContain("Click the button to fetch a dog!");
    app.runToCompletion();
    expect(app.text()).toContain("Failed to fetch a dog, please try again.");
  });
});

/** "Manual Cancellation": a request button and a "Cancel Request" button sharing a task signal. */
function CancelPair() {
  const response = useSignal(() => "Click to start a request");
  const task = useSignal<Task | undefined>(() => undefined);
  return div(
    button(
      {
        onclick: () => {
          response.set("...");
          task.set(
            spawn(
              future(function* request() {
                const resp = yield* http.get("https://httpbin.org/delay/1");
                response.set(resp.ok ? "httpbin.org responded!" : "failed to fetch response!");
              }),
            ),
          );
        },
      },
      response(),
    ),
    button(
      {
        onclick: () => {
          const running = task.peek();
          task.set(undefined);
          if (running !== undefined) {
            running.cancel();
            response.set("Request cancelled");
          } else {
            response.set("No request to cancel");
          }
        },
      },
      "Cancel Request",
    ),
  );
}

describe('official async page, "Manual Cancellation"', () => {
  it('cancelling a running request shows "Request cancelled", and its answer never lands', () => {
    const app = render(CancelPair, { network: { "https://httpbin.org/delay/1": answer.ok("", 1000) } });
    app.click({ text: "Click to start a request" });
    app.advance(300);
    app.click({ role: "button", name: "Cancel Request" });
    app.runToCompletion();
    expect(app.text()).toContain("Request cancelled");
    expect(network(app).delivered()).toHaveLength(0);
    expect(network(app).aborted()).toHaveLength(1);
  });

  it('cancelling with nothing running shows "No request to cancel"', () => {
    const app = render(CancelPair, { network: {} });
    app.click({ role: "button", name: "Cancel Request" });
    app.runUntilIdle();
    expect(app.text()).toContain("No request to cancel");
  });
});

/**
 * "Automatic Cancellation": the request button of "Running Futures with spawn",
 * inside a page that can close it. `spawner` is spawn or spawnForever (the
 * page's own example); the answer goes into `into` when given (a signal of
 * the page), else into the button's own signal.
 */
function Fetcher({ spawner, into }: { spawner: (f: Future<void>) => Task; into: Signal<string> | undefined }) {
  const own = useSignal(() => "Click to start a request", "response");
  const response = into ?? own;
  return button(
    {
      onclick: () => {
        response.set("...");
        spawner(
          future(function* request() {
            const resp = yield* http.get(DIOXUS);
            response.set(resp.ok ? "dioxuslabs.com responded!" : "failed to fetch response!");
          }),
        );
      },
    },
    own(),
  );
}

function ClosablePage({ spawner, shareResponse }: { spawner: (f: Future<void>) => Task; shareResponse: boolean }) {
  const open = useSignal(() => true, "open");
  const pageResponse = useSignal(() => "nothing yet", "page response");
  return div(
    button({ onclick: () => open.set(false) }, "close"),
    open() ? component(Fetcher, { spawner, into: shareResponse ? pageResponse : undefined }) : null,
    div(`page: ${pageResponse()}`),
  );
}

/** Renders the page, clicks the request button at t=0 (answer due at t=120) and closes the page at t=50. */
function closeWhileRequesting(spawner: (f: Future<void>) => Task, shareResponse: boolean) {
  const app = render(ClosablePage, {
    props: { spawner, shareResponse },
    network: { [DIOXUS]: answer.ok("<html>", 120) },
  });
  app.click({ text: "Click to start a request" });
  app.advance(50);
  app.click({ role: "button", name: "close" });
  return app;
}

describe('official async page, "Automatic Cancellation"', () => {
  it("a request spawned by a component that unmounts before the answer is aborted at the unmount, and the component's signal is never written again", () => {
    const app = closeWhileRequesting(spawn, false);
    app.runToCompletion();
    expect(app.text()).toBe("closepage: nothing yet");
    expect(network(app).delivered()).toEqual([]);
    expect(
      network(app)
        .aborted()
        .map((r) => [r.url, r.sentAt, r.endedAt]),
    ).toEqual([[DIOXUS, 0, 50]]);
    // The only write to the button's signal is the handler's "...": the task never got past its await.
    expect(
      app.rt.trace
        .of("signal-write")
        .filter((e) => e.detail === "response")
        .map((e) => e.t),
    ).toEqual([0]);
    // Nothing was left to wait for: the clock did not go on to the answer's time.
    expect(app.now).toBe(50);
    expect(app.rt.liveTasks()).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  it("with spawnForever (the page's own example) the request outlives the component and is delivered, into a signal that lives as long as the app", () => {
    const app = closeWhileRequesting(spawnForever, true);
    app.runToCompletion();
    expect(app.now).toBe(120);
    expect(network(app).aborted()).toEqual([]);
    expect(
      network(app)
        .delivered()
        .map((r) => [r.url, r.endedAt]),
    ).toEqual([[DIOXUS, 120]]);
    expect(app.text()).toBe("closepage: dioxuslabs.com responded!");
  });

  it("…and if that spawnForever task writes the unmounted component's own signal, it panics with Dropped when the answer comes (Long-lived Futures: a signal it uses must live as long as the app)", () => {
    const app = closeWhileRequesting(spawnForever, false);
    const err = caught(() => app.runToCompletion());
    expect(err.kind).toBe("Dropped");
    expect(err.what).toBe("Failed to borrow because the value was dropped.");
    expect(app.now).toBe(120);
    expect(network(app).delivered()).toHaveLength(1);
  });
});

const BREEDS_URL = (breed: string) => `https://dog.ceo/api/breed/${breed}/images`;

/** "Cancel Safety": a resource that records itself in a global set while it runs. */
function makeBreedResource(safe: boolean) {
  const RESOURCES_RUNNING = Signal.global(() => new Set<string>(), "RESOURCES_RUNNING");
  function App() {
    const breed = useSignal(() => "hound");
    useResource(() =>
      future(function* () {
        const current = breed();
        {
          using running = RESOURCES_RUNNING.write();
          running.value.add(current);
        }
        // The safe version removes the entry when the future is dropped, finished or not.
        using _guard = safe
          ? dropGuard(() => RESOURCES_RUNNING.update((s) => (s.delete(current), s)), `remove ${current}`)
          : undefined;
        const resp = yield* http.get(BREEDS_URL(current));
        if (!safe) RESOURCES_RUNNING.update((s) => (s.delete(current), s));
        return resp;
      }),
    );
    return div(
      button({ onclick: () => breed.set("pug") }, "pug"),
      div(`running: ${[...RESOURCES_RUNNING()].join(",")}`),
    );
  }
  return { App, RESOURCES_RUNNING };
}

describe('official async page, "Cancel Safety"', () => {
  const script = { [BREEDS_URL("hound")]: answer.ok([], 100), [BREEDS_URL("pug")]: answer.ok([], 100) };

  it("the unsafe resource leaks its entry when a breed change restarts it mid-request", () => {
    const { App, RESOURCES_RUNNING } = makeBreedResource(false);
    const app = render(App, { network: script });
    app.advance(10);
    app.click({ role: "button", name: "pug" });
    app.runToCompletion();
    expect(app.enter(() => [...RESOURCES_RUNNING.peek()])).toEqual(["hound"]);
  });

  it("the drop-guard version leaves nothing behind, whenever the restart comes", () => {
    for (const at of [0, 10, 99, 100, 150]) {
      const { App, RESOURCES_RUNNING } = makeBreedResource(true);
      const app = render(App, { network: script });
      app.advance(at);
      app.click({ role: "button", name: "pug" });
      app.runToCompletion();
      expect(app.enter(() => [...RESOURCES_RUNNING.peek()])).toEqual([]);
    }
  });
});

describe('official async page, "Long-lived Futures"', () => {
  it("a spawnForever task started by a component survives the component's unmount", () => {
    const log: string[] = [];
    function Child() {
      useHook(() =>
        spawnForever(
          future(function* background() {
            log.push("Starting a background task!");
            yield* sleep(100);
            log.push("still running");
          }),
        ),
      );
      return div("child");
    }
    function Parent() {
      const shown = useSignal(() => true);
      return div(button({ onclick: () => shown.set(false) }, "hide"), shown() ? component(Child) : null);
    }
    const app = render(Parent);
    app.runUntilIdle();
    app.click({ role: "button", name: "hide" });
    app.runToCompletion();
    expect(app.text()).toBe("hide");
    expect(log).toEqual(["Starting a background task!", "still running"]);
  });
});

describe('official async page, "Handling locks" (Dioxus issue #4124)', () => {
  it("a write guard held across an await makes a render that reads the signal panic, and is reported with both places", () => {
    function Counter() {
      const count = useSignal(() => 0);
      const clicks = useSignal(() => 0);
      return div(
        button(
          {
            onclick: () =>
              future(function* slowIncrement() {
                using guard = count.write();
                yield* sleep(100);
                guard.value += 1;
              }),
          },
          `count ${count()}`,
        ),
        button({ onclick: () => clicks.set(clicks.peek() + 1) }, `clicked ${clicks()}`),
      );
    }
    const app = render(Counter);
    app.click({ text: "count 0" });
    expect(app.diagnostics.map((d) => d.kind)).toEqual(["GuardHeldAcrossAwait"]);
    expect(app.diagnostics[0]!.message).toContain("guard taken at test/runtime/official-page.test.ts:");
    // Any re-render while the guard is open reads `count` and panics.
    app.click({ text: "clicked 0" });
    expect(() => app.runUntilIdle()).toThrow("Failed to borrow because the value was already borrowed mutably.");
  });
});

const SOLVE = "solve_for_the_answer_to_life_and_everything";

/**
 * "Concurrency vs Parallelism": a component spawns the expensive solve when
 * it mounts, either right in the task (blocking the main thread, which the
 * page says not to do) or on a thread (std::thread::spawn). A user clicks a
 * counter at t=100 and t=500 meanwhile. `seen` gets what each render showed,
 * with its time.
 */
function Solver({ onThread, seen }: { onThread: boolean; seen: string[] }) {
  const answer = useSignal(() => "thinking…", "answer");
  const clicks = useSignal(() => 0, "clicks");
  useHook(() =>
    spawn(
      future(function* solve() {
        if (onThread) {
          const a = yield* spawnThread(() => 42, { costMs: 1000, label: SOLVE });
          answer.set(`Ran: ${a}`);
        } else {
          // This will block the main thread and make the UI unresponsive. Do not do this!
          blockFor(1000, SOLVE);
          answer.set("Ran: 42");
        }
      }),
    ),
  );
  seen.push(`t=${currentRuntime()!.now}: clicked ${clicks()}, ${answer()}`);
  return div(button({ onclick: () => clicks.set(clicks.peek() + 1) }, `clicked ${clicks()}`), div(answer()));
}

function solveWhileClicking(onThread: boolean) {
  const seen: string[] = [];
  const app = render(Solver, { props: { onThread, seen } });
  for (const t of [100, 500]) app.at(t, () => app.click({ role: "button", name: /^clicked/ }), `click at ${t}`);
  app.runToCompletion();
  return { app, seen };
}

describe('official async page, "Concurrency vs Parallelism"', () => {
  it("blocking inside a spawned task freezes the app for its whole duration: no event is handled and nothing renders until it ends, and each click waits for it", () => {
    const { app, seen } = solveWhileClicking(false);
    expect(app.rt.trace.of("block").map((e) => e.detail)).toEqual([`${SOLVE}: main thread busy 0 → 1000 ms`]);
    expect(app.eventWaits).toEqual([
      { label: "click at 100", due: 100, handledAt: 1000, waited: 900 },
      { label: "click at 500", due: 500, handledAt: 1000, waited: 500 },
    ]);
    expect(userEvents(app).maxWait).toBe(900);
    // The first render, then nothing until t=1000: the task's own write renders, then both late clicks at once.
    expect(seen).toEqual(["t=0: clicked 0, thinking…", "t=1000: clicked 0, Ran: 42", "t=1000: clicked 2, Ran: 42"]);
    expect(app.rt.trace.of("render").filter((e) => e.t > 0 && e.t < 1000)).toEqual([]);
    expect(app.text()).toBe("clicked 2Ran: 42");
  });

  it("the same work on a thread (std::thread::spawn) leaves the UI responsive: every click is handled and rendered at once, and the answer arrives when the thread is done", () => {
    const { app, seen } = solveWhileClicking(true);
    expect(app.rt.trace.of("block")).toEqual([]);
    expect(app.eventWaits.map((w) => [w.label, w.waited])).toEqual([
      ["click at 100", 0],
      ["click at 500", 0],
    ]);
    expect(seen).toEqual([
      "t=0: clicked 0, thinking…",
      "t=100: clicked 1, thinking…",
      "t=500: clicked 2, thinking…",
      "t=1000: clicked 2, Ran: 42",
    ]);
    expect(threads(app).jobs.map((j) => [j.label, j.startsAt, j.endsAt])).toEqual([[SOLVE, 0, 1000]]);
    expect(app.text()).toBe("clicked 2Ran: 42");
  });
});
