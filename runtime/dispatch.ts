/**
 * Events: calling a listener as the scope that rendered it, finishing an
 * async handler in a task, and sending a handler's error to the nearest
 * error boundary.
 *
 * What it models: `packages/core/src/events.rs` (`SpawnIfAsync`,
 * `Callback::origin`) and `throw_error` going up to an `ErrorBoundary`.
 *
 * - A listener may return a Future: it is polled once, synchronously, during
 *   the dispatch; if still pending, a task owned by the scope whose render
 *   created the listener finishes it.
 * - Errors from handlers go to the nearest ErrorBoundary above that scope,
 *   else to the root's list (`errors`), where tests read them, except an
 *   error an async handler throws in that first poll: Dioxus ignores a
 *   handler future that is already finished, so that error is discarded
 *   (trace "error-discarded").
 * - Misuse errors (a `LearnerError`: a borrow panic, a todo()) are panics
 *   and are never swallowed.
 */
import type { Listener, UiEvent } from "./element.ts";
import { LearnerError, describeValue, isLearnerSite, isStackOverflow, learnerSiteOf, stackOverflow } from "./errors.ts";
import type { Task } from "./executor.ts";
import { type Future, WrapperFuture, isFuture, type Context } from "./future.ts";
import { isThenable } from "./guard.ts";
import type { Scope, VirtualDom } from "./scope.ts";

/**
 * Calls `listener` as the scope that rendered it. A returned Future is
 * polled once now; if it is still pending, a task owned by that scope
 * finishes it. Errors go to the nearest error boundary.
 */
export function dispatch(
  dom: VirtualDom,
  scope: Scope,
  listener: Listener,
  event: UiEvent,
  what: string,
): Task | undefined {
  if (!scope.alive)
    throw new LearnerError({
      kind: "DetachedElement",
      what: `${what}: the element belongs to ${scope}, which is no longer mounted.`,
      why: "An unmounted component's listeners are gone; a click on it cannot reach anything.",
      fix: "Query the element again after the app re-rendered (getByRole / getByText).",
    });
  const rt = dom.rt;
  rt.trace.record(rt.now, "event", undefined, undefined, what, scope.id);
  const origin = listenerOrigin(scope, listener);
  return rt.enter(() =>
    rt.withOwner(origin.owner, () => {
      let result: unknown;
      try {
        result = listener(event);
      } catch (error) {
        if (isStackOverflow(error)) throw stackOverflow(error as RangeError, `in ${what}'s handler`);
        toBoundary(dom, origin, error);
        return undefined;
      }
      if (!isFuture(result)) {
        if (isThenable(result)) throw handlerPromise(what, origin);
        return undefined;
      }
      return rt.pollThenSpawn(origin.owner, new BoundaryFuture(dom, origin, result), { label: `${what} handler` });
    }),
  );
}

/** Hands a handler's error to the nearest ErrorBoundary at or above `scope`, else to the root's list (`errors`). */
export function toBoundary(dom: VirtualDom, scope: Scope, error: unknown): void {
  if (error instanceof LearnerError) throw error;
  let boundary: Scope | undefined = scope;
  while (boundary !== undefined && (boundary.catcher === undefined || !boundary.alive)) boundary = boundary.parent;
  const by = boundary === undefined ? "" : ` (caught by ${boundary})`;
  dom.rt.trace.record(
    dom.rt.now,
    "error",
    undefined,
    undefined,
    `${thrownAt(error)}${scope}: ${error instanceof Error ? error.message : describeValue(error)}${by}`,
    scope.id,
  );
  if (boundary?.catcher !== undefined) boundary.catcher(error);
  else dom.errors.push(error);
}

/**
 * "thrown at katas/03-spawn.ts:13 in " when a handler's error was made in the
 * learner's code (learnerSiteOf), else nothing: an error a test built is not
 * the learner's line. First, so that a timeline row clipped to its width
 * still shows it. Only read on this error path.
 */
function thrownAt(error: unknown): string {
  const where = learnerSiteOf(error);
  return where === undefined ? "" : `thrown at ${where} in `;
}

/**
 * An async handler's error thrown in its first poll, inside the event:
 * Dioxus drops the finished result unread, so no boundary sees it. Kept in
 * the trace ("error-discarded") so a story can say it vanished.
 */
function discard(dom: VirtualDom, scope: Scope, error: unknown): void {
  if (error instanceof LearnerError) throw error;
  dom.rt.trace.record(
    dom.rt.now,
    "error-discarded",
    undefined,
    undefined,
    `${thrownAt(error)}${scope}: ${error instanceof Error ? error.message : describeValue(error)} (thrown before the handler's first await that waits: ignored)`,
    scope.id,
  );
}

/**
 * Wraps a handler's future as Dioxus's `SpawnIfAsync` for a future of
 * `Result<()>` does (packages/core/src/events.rs): the first poll happens
 * inside the event (`now_or_never`), and if the future is already finished
 * there its result is ignored, so an error thrown before the first await that
 * waits is silently discarded (DOC≠CODE: nothing reaches the error
 * boundary). Only if the future was still pending is it spawned as
 * `async move { if let Err(err) = fut.await { throw_error(err) } }`: an error
 * thrown after that goes to the error boundary. Misuse errors (a borrow
 * panic, a todo()) are panics in both cases and are never swallowed.
 */
class BoundaryFuture extends WrapperFuture<unknown> {
  #done = false;
  #polled = false;
  constructor(
    private readonly dom: VirtualDom,
    private readonly scope: Scope,
    inner: Future<unknown>,
  ) {
    super(inner);
  }
  poll(cx: Context) {
    if (this.#done) return { ready: true as const, value: undefined };
    const first = !this.#polled;
    this.#polled = true;
    try {
      const p = this.inner.poll(cx);
      if (p.ready) this.#done = true;
      return p;
    } catch (error) {
      this.#done = true;
      if (first) discard(this.dom, this.scope, error);
      else toBoundary(this.dom, this.scope, error);
      return { ready: true as const, value: undefined };
    }
  }
}

/**
 * The scope whose render created `listener`. A listener handed down as a prop
 * belongs to the component that passed it, as a Dioxus `EventHandler` keeps
 * the scope it was created in (`Callback::origin`).
 */
function listenerOrigin(scope: Scope, listener: Listener): Scope {
  let s = scope;
  while (s.parent !== undefined && holds(s.props, listener, 3)) s = s.parent;
  return s;
}

/** True if `fn` is among the values of `props`, looking into plain objects and arrays `depth` levels deep. */
function holds(props: unknown, fn: unknown, depth: number): boolean {
  if (typeof props !== "object" || props === null || depth === 0) return false;
  const proto = Object.getPrototypeOf(props);
  if (!Array.isArray(props) && proto !== Object.prototype && proto !== null) return false;
  for (const v of Object.values(props)) if (v === fn || holds(v, fn, depth - 1)) return true;
  return false;
}

/** A handler that returned a Promise (an `async` function): Dioxus would get no future to drive. */
function handlerPromise(what: string, scope: Scope): LearnerError {
  const error = new LearnerError({
    kind: "HandlerReturnedPromise",
    what: `The handler for ${what} returned a Promise (is it an \`async\` function?), not a Future.`,
    details: [`the handler was set by the render of ${scope}`],
    why:
      "A Promise runs by itself in real time, outside the runtime: the runtime cannot poll it, cancel it or see it finish, and whatever it does " +
      "(a real fetch, a timer) happens after the test has looked. A Dioxus handler returns an `async move { … }` block, a future the runtime drives.",
    fix: "Return a future: `onclick: () => future(function* () { … })`, with `yield*` where you would write `await` (for example `const r = yield* http.get(url)`).",
  });
  // This stack is the dispatch's: its first user frame is the test's click, not the handler. No place rather than a wrong one.
  if (!isLearnerSite(error.where)) {
    error.where = undefined;
    error.message = error.render();
  }
  return error;
}
