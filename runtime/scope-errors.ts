/**
 * The errors of components: a hook called outside a render or in another
 * order than on the first render (Dioxus finds a hook's state by its
 * position), and an error thrown while a component rendered.
 */
import { LearnerError, isStackOverflow, stackOverflow, userSiteOf, type Site } from "./errors.ts";
import type { Scope } from "./scope.ts";

/** What a hook slot remembers of the call that made it. */
export interface HookCall {
  readonly kind: string;
  readonly site: Site;
}

export function hookOutsideRender(kind: string, site: Site): LearnerError {
  return new LearnerError({
    kind: "HookOutsideRender",
    what: `${kind} was called outside a component's render.`,
    where: site.where,
    why: "Hooks keep their state in the component that is rendering, found by the order of the calls. Outside a render (in a handler, a task or a closure) there is no such component.",
    fix: `Call ${kind} at the top level of the component function, and use what it returns inside handlers and tasks.`,
  });
}

export function hookOrder(
  scope: Scope,
  kind: string,
  site: Site | undefined,
  previous: HookCall | undefined,
): LearnerError {
  return new LearnerError({
    kind: "HookOrder",
    what: `${scope} called its hooks in a different order than on its first render: now ${kind}, before ${previous ? `${previous.kind} (at ${previous.site.where ?? "?"})` : "nothing"}.`,
    where: site?.where,
    why: "Dioxus finds each hook's state by its position in the list of hook calls. A hook inside an if, a loop or after an early return shifts every hook after it onto another hook's state.",
    fix: "Call every hook unconditionally, at the top of the component, in the same order on every render; put the condition inside the hook's closure instead.",
  });
}

/**
 * An error thrown while a component rendered, with where it was thrown. The
 * runtime's own explanations pass through unchanged; anything else is told
 * as a render that failed (a stack overflow as recursion that never ends).
 */
export function renderError(scope: Scope, error: unknown): unknown {
  if (error instanceof LearnerError) return error;
  if (isStackOverflow(error)) return stackOverflow(error as RangeError, `while ${scope} rendered`);
  if (!(error instanceof Error)) return error;
  return new LearnerError(
    {
      kind: "RenderThrew",
      what: `${scope} threw while it rendered: ${error.message}`,
      where: userSiteOf(error.stack),
      why:
        "A component's render must return what to show, every time it runs; an error thrown there stops the render, so the screen is never drawn. " +
        "(In Dioxus a component that returns an Err goes to the nearest ErrorBoundary; one that panics takes the app down.)",
      fix: "Find the throw at the line above: render from the state you have (show a loading or error text), and do work that can fail in a future or a handler, not in the render.",
    },
    { cause: error },
  );
}
