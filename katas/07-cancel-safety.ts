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
 * Reading a signal with `breed()` inside the resource's future makes the
 * resource restart when it changes; `peek()` would not.
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
  const running = [...RESOURCES_RUNNING()].sort();
  return div(
    button({ onclick: () => shown.update((s) => !s) }, shown() ? "Hide dogs" : "Show dogs"),
    p(`Requests running: ${running.length > 0 ? running.join(", ") : "none"}`),
    shown() ? component(DogBrowser) : null,
  );
}
