/**
 * ErrorBoundary: a component that takes the errors of the components below it.
 *
 * What it models: Dioxus's `ErrorBoundary` (`packages/core/src/error_boundary.rs`).
 * An error from an event handler, or from the future an async handler
 * returned, goes to the nearest boundary above the scope that owns the
 * handler; with none, to the root's (`app.errors`). While a boundary holds
 * errors it shows `fallback(errors, clear)` instead of its children.
 *
 *     component(ErrorBoundary, {
 *       fallback: (errors, clear) => div(p(`Something went wrong`), button({ onclick: clear }, "Try again")),
 *       children: component(Profile),
 *     })
 */
import type { Child } from "./element.ts";
import { useHook, useSignal } from "./hooks/basic.ts";
import { currentDom } from "./scope.ts";

export interface ErrorBoundaryProps {
  /** What to show while errors are held; `clear` forgets them and shows the children again. */
  fallback: (errors: readonly unknown[], clear: () => void) => Child;
  children: Child;
}

export function ErrorBoundary(props: ErrorBoundaryProps): Child {
  const errors = useSignal<unknown[]>(() => [], "errors of the boundary");
  const dom = currentDom("ErrorBoundary");
  useHook(() => {
    dom.currentScope!.catcher = (error) => errors.update((list) => [...list, error]);
  });
  const caught = errors();
  return caught.length > 0 ? props.fallback(caught, () => errors.set([])) : props.children;
}
