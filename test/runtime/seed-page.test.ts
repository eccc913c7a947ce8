/**
 * The official "Async and Futures" page's examples, as scenarios: each app
 * is written here in this project's terms and must behave as the page says,
 * with the page's own UI texts. (The lazy-futures examples are in
 * seed-examples.test.ts.)
 */
import { describe, expect, it } from "vitest";
import {
  Signal,
  answer,
  button,
  component,
  div,
  dropGuard,
  future,
  http,
  img,
  network,
  render,
  sleep,
  spawn,
  spawnForever,
  useAction,
  useHook,
  useResource,
  useSignal,
  type Task,
} from "../../runtime/index.ts";

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

describe('seed page, "Running Futures with spawn"', () => {
  for (const [name, App] of [["spawn in the handler", SpawnButton], ["an async handler", AsyncButton]] as const) {
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

describe('seed page, "Running Futures with use_action"', () => {
  it("a second call cancels the first: the slow first answer never shows, only the latest call's dog", () => {
    const app = render(BreedPicker, {
      network: { [BREED_URL("hound")]: answer.ok({ message: "hound.jpg" }, 50), [BREED_URL("pug")]: answer.ok({ message: "pug.jpg" }, 20) },
    });
    expect(app.text()).toContain("Click the button to fetch a dog!");
    app.click({ role: "button", name: "hound" });
    app.advance(1);
    app.click({ role: "button", name: "pug" });
    app.runToCompletion();
    expect(app.getByRole("img", { name: "dog" }).props.src).toBe("pug.jpg");
    expect(network(app).aborted().map((r) => r.url)).toEqual([BREED_URL("hound")]);
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

describe('seed page, "Manual Cancellation"', () => {
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
        using _guard = safe ? dropGuard(() => RESOURCES_RUNNING.update((s) => (s.delete(current), s)), `remove ${current}`) : undefined;
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

describe('seed page, "Cancel Safety"', () => {
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

describe('seed page, "Long-lived Futures"', () => {
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

describe('seed page, "Handling locks" (Dioxus issue #4124)', () => {
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
    expect(app.diagnostics[0]!.message).toContain("guard taken at test/runtime/seed-page.test.ts:");
    // Any re-render while the guard is open reads `count` and panics.
    app.click({ text: "clicked 0" });
    expect(() => app.runUntilIdle()).toThrow("Failed to borrow because the value was already borrowed mutably.");
  });
});
