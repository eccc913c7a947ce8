/**
 * Kata 07 · Cancel safety: the reference solution.
 * The lesson is in katas/07-cancel-safety.ts.
 */
import {
  Signal,
  button,
  component,
  div,
  dropGuard,
  future,
  http,
  p,
  useResource,
  useSignal,
  type Child,
  type Future,
  type HttpResult,
  type Receiver,
} from "../runtime/index.ts";

/** The breeds a user can pick. */
export const BREEDS = ["hound", "pug", "husky"] as const;

/** Which breeds have a request running right now: state shared by the whole app. */
export const RESOURCES_RUNNING = Signal.global(() => new Set<string>(), "RESOURCES_RUNNING");

export function breedUrl(breed: string): string {
  return `https://dog.ceo/api/breed/${breed}/images`;
}

/** The line the browser shows for an answer about `breed`. */
export function imagesLine(breed: string, r: HttpResult): string {
  if (!r.ok) return `${breed}: failed to fetch`;
  if (!r.value.success) return `${breed}: error ${r.value.status}`;
  const images = r.value.json<{ message: string[] }>().message;
  return `${breed}: ${images.length} images`;
}

export function breedImages(breed: Signal<string>): Future<string> {
  return future(
    function* () {
      // Read once, at the first poll, and keep it: this run is about this breed
      // whatever the signal says later. Read with breed() (not peek()), so the
      // resource that polls this future restarts when the breed changes.
      const current = breed();
      RESOURCES_RUNNING.update((running) => running.add(current));
      // The guard lives until the generator ends: when the run finishes, and
      // also when it is dropped at the await below (a restart, Stop, an
      // unmount), because dropping runs `using` disposals. Code after the
      // await would run only in the first case. It removes the captured name:
      // at a restart the signal already holds the *next* breed.
      using _running = dropGuard(
        () => RESOURCES_RUNNING.update((running) => (running.delete(current), running)),
        `${current} no longer running`,
      );
      const r = yield* http.get(breedUrl(current));
      return imagesLine(current, r);
    },
    { label: "breed images" },
  );
}

export function DogBrowser(): Child {
  const breed = useSignal(() => "hound", "breed");
  // Restarts whenever breedImages reads a new breed: the old run is dropped
  // (its guard runs) and a new one starts.
  const dogs = useResource(() => breedImages(breed));
  return div(
    ...BREEDS.map((b) => button({ onclick: () => breed.set(b) }, b)),
    button({ onclick: () => dogs.cancel() }, "Stop"),
    // value() is the last finished run's line. A restart keeps it (Dioxus
    // issue #4214), so the previous breed stays on screen while the next loads.
    p(dogs.value() ?? "No dogs yet"),
  );
}

/** The page: hide the browser to unmount it, and what RESOURCES_RUNNING says. */
export function App(): Child {
  const shown = useSignal(() => true, "shown");
  // Stryker disable next-line MethodExpression,StringLiteral: one browser runs at most one request, so the page line the tests read never holds two names to order or separate
  const running = [...RESOURCES_RUNNING()].sort().join(", ");
  return div(
    button({ onclick: () => shown.update((s) => !s) }, shown() ? "Hide dogs" : "Show dogs"),
    p(`Requests running: ${running || "none"}`),
    shown() ? component(DogBrowser) : null,
  );
}

/** Text received but not yet returned as a line: owned by the caller, so it survives a dropped nextLine. */
export interface LineBuffer {
  text: string;
}

export function nextLine(rx: Receiver<string>, pending: LineBuffer): Future<string | undefined> {
  return future(
    function* () {
      for (;;) {
        // A whole line may already be waiting (a chunk can hold several).
        const end = pending.text.indexOf("\n");
        if (end >= 0) {
          const line = pending.text.slice(0, end);
          pending.text = pending.text.slice(end + 1);
          return line;
        }
        // The only await. recv() is cancel safe, and each chunk it returns
        // goes into the caller's buffer before any other await: dropped
        // here, this future holds nothing that is not also in `pending`.
        const chunk = yield* rx.recv();
        if (chunk === undefined) return undefined; // the end of the channel ("" is a chunk, not the end)
        pending.text += chunk;
      }
    },
    { label: "next line" },
  );
}
