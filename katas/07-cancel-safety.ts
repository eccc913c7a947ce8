/**
 * Kata 07 · Cancel safety                                    about 30 minutes
 *
 * THE IDEA
 * Every `yield*` in a task is a place where the task may be stopped for good.
 * Dioxus drops a task's future when its component unmounts, when someone
 * calls `cancel()` on its Task, and when a resource restarts because
 * something it read has changed. A dropped future is not woken with an error
 * and it does not run to the end: it just never resumes. So a line written
 * "after the await, to put things back" is skipped exactly when the work was
 * interrupted. A future is cancel safe when dropping it at any await leaves
 * the world as tidy as finishing it would. The tool for that is a guard:
 * something whose drop does the cleanup, however the future ends.
 *
 * WHY IT MATTERS IN A UI
 * In an app, cancels are ordinary: a user picks another breed before the
 * first one loaded, closes a panel, presses Stop. Shared state that a
 * cancelled task forgot to restore (a "loading" counter, a lock, a set of
 * running requests) stays wrong until the page reloads: a spinner that never
 * stops, a button disabled for ever.
 *
 * IN THIS PROJECT
 *   Rust                                      here
 *   static X: GlobalSignal<HashSet<String>>   const X = Signal.global(() => new Set<string>(), "X")
 *   X.write().insert(b)                       X.update((s) => s.add(b))   (or a write guard)
 *   struct Guard; impl Drop for Guard {…}     dropGuard(() => …)
 *   let _guard = Guard(b);                    using _guard = dropGuard(() => …);
 *   use_resource(move || async move {…})      useResource(() => future(function* () { … }))
 *   dogs.read().as_ref()                      dogs.value()   (undefined until a run has finished)
 *   dogs.cancel()                             dogs.cancel()
 * `using` ends when its block ends, or when the generator is dropped at a
 * `yield*`: dropping a future runs its `using` disposals, as Rust runs Drop.
 * Mind the name in Rust: `let _guard = Guard(b);` keeps the guard alive to
 * the end of the scope, but `let _ = Guard(b);` drops it on the spot (`_`
 * binds nothing), so the cleanup runs before the await it was meant to
 * cover. It compiles, and by default without a warning (rustc's
 * `let_underscore_drop` lint is off unless you enable it): a classic
 * cancel-safety bug.
 * TypeScript has no `_` pattern; the same mistake here is a `using` in a
 * block that ends before the await.
 * Reading a signal with `breed()` inside the resource's future makes the
 * resource restart when it changes; `peek()` would not. That holds for a
 * signal the run writes too: read RESOURCES_RUNNING with `()` inside it,
 * and every add or delete of its own restarts it once more.
 *
 * THE PAGE'S EXAMPLE, AND ONE THING THE DOCS GET WRONG
 * The page's resource adds the breed to RESOURCES_RUNNING, awaits the
 * request, then removes the breed: if the resource restarts in between, the
 * breed is never removed. Its fix is a guard that holds the breed's name and
 * removes it on drop. And while a restarted resource loads, its value() is
 * not cleared, whatever the docs suggest: Dioxus's code keeps the last
 * finished value until the new run finishes (issue #4214), so the screen can
 * go on showing the previous breed's dogs.
 *
 * MOST FUTURES ARE CANCEL SAFE, BUT CHECK
 * Dropping a future is harmless when everything it took is either handed
 * over or still where it came from. A channel's `recv()` is like that: a
 * message leaves the queue only in the poll that returns it, so a loop
 * that races `rx.recv()` against a timer in `select!` and drops it on every
 * tick never loses a message (tokio documents its mpsc `recv` as cancel
 * safe, and the channel here behaves the same). A future that reads into a
 * buffer of its own is not: what it has read so far lives inside it and
 * vanishes with it. The cure is to keep the half-done work outside the
 * future, in a buffer owned by the caller, so the next call goes on from
 * there; that is why tokio's `Lines::next_line` is cancel safe (its buffer
 * lives in the `Lines` value). Read the "cancel safety" note of any future
 * you race or put in a `select!`, and when there is none, check.
 *
 * Official page: https://dioxuslabs.com/learn/0.7/essentials/basics/async#cancel-safety
 * Run the tests: npm test -- 07
 *
 * YOUR TASK
 *   1. breedImages(breed): the page's async block, made cancel safe. Read the
 *      breed, add it to RESOURCES_RUNNING, make sure it is removed however
 *      this run ends (finished, or dropped at its await), request
 *      breedUrl(breed) with http.get, and return imagesLine(breed, answer).
 *      Change the set in place (update or a write guard): the tests watch
 *      each add and delete.
 *   2. DogBrowser: a resource over breedImages(breed); each breed button picks
 *      its breed, "Stop" cancels the resource, and the paragraph shows the
 *      resource's value, or "No dogs yet" while it has none.
 *   3. nextLine(rx, pending): the next whole line from a channel of text
 *      chunks, as a socket delivers them ("hou", "nd\npu", "g\n\n"): the
 *      text before the next "\n", without it (an empty line is ""), or
 *      undefined once the channel has ended and no whole line is left. The
 *      tests race it against a timer and drop it whenever the timer wins, so
 *      it must lose nothing when dropped: keep text already received in
 *      `pending.text` (it outlives the future), never in a local variable.
 * App is written for you: it shows RESOURCES_RUNNING and a button that hides
 * the browser (an unmount). Keep the buttons' names: the tests press them.
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
  todo,
  useResource,
  useSignal,
  type Child,
  type Future,
  type HttpResult,
  type Receiver,
} from "../runtime/index.ts";

// Keep the type-checker quiet about imports you have not used yet.
void [dropGuard, future, http];

/** The breeds a user can pick. */
export const BREEDS = ["hound", "pug", "husky"] as const;

/** Which breeds have a request running right now: state shared by the whole app. */
export const RESOURCES_RUNNING = Signal.global(() => new Set<string>(), "RESOURCES_RUNNING");

export function breedUrl(breed: string): string {
  return `https://dog.ceo/api/breed/${breed}/images`;
}

/** The line the browser shows for an answer about `breed`: "pug: 3 images", "pug: error 500", "pug: failed to fetch". */
export function imagesLine(breed: string, r: HttpResult): string {
  if (!r.ok) return `${breed}: failed to fetch`;
  if (!r.value.success) return `${breed}: error ${r.value.status}`;
  const images = r.value.json<{ message: string[] }>().message;
  return `${breed}: ${images.length} images`;
}

/** 1. One run of the resource: cancel safe, whenever it is dropped. */
export function breedImages(breed: Signal<string>): Future<string> {
  return todo("breedImages");
}

/** 2. The breed picker and what the resource has to show. */
export function DogBrowser(): Child {
  const breed = useSignal(() => "hound", "breed");
  const dogs = useResource<string>(() => todo("the resource of DogBrowser"));
  void [breed, dogs];
  return div(
    ...BREEDS.map((b) => button({ onclick: () => todo(`the ${b} button's handler`) }, b)),
    button({ onclick: () => todo("the Stop button's handler") }, "Stop"),
    p(todo("what the browser shows")),
  );
}

/** The page: hide the browser to unmount it, and what RESOURCES_RUNNING says. */
export function App(): Child {
  const shown = useSignal(() => true, "shown");
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

/** 3. The next whole line (without its "\n"), or undefined once the channel has ended. Cancel safe. */
export function nextLine(rx: Receiver<string>, pending: LineBuffer): Future<string | undefined> {
  return todo("nextLine");
}
