/**
 * Elements: what a component returns, the TypeScript stand-in for `rsx!`.
 *
 *     rsx! { button { onclick: move |_| count += 1, "{count}" } }
 *     button({ onclick: () => count.set(count() + 1) }, `${count()}`)
 *
 * An element has a tag, attributes, listeners (any `on…` prop) and children;
 * a component node has a component function and its props. There is no real
 * DOM: the virtual DOM (scope.ts) keeps the latest tree of every scope, and
 * tests query it (query.ts).
 */
import type { Future } from "./future.ts";

/** The event a listener receives. */
export interface UiEvent {
  readonly type: string;
  /** For `input` events, the new value. */
  readonly value: string;
  /** Only the synchronous part of a handler can call it (Dioxus: `prevent_default`); later it is an error. */
  preventDefault(): void;
  /** True once the handler called preventDefault(). */
  defaultPrevented: boolean;
}

/** A listener: returns nothing, or a Future that the runtime finishes as a task. */
// biome-ignore lint/suspicious/noConfusingVoidType: a listener may return nothing at all, as an event handler in Dioxus may
export type Listener = (event: UiEvent) => void | Future<unknown>;

export interface ElementProps {
  id?: string;
  class?: string;
  role?: string;
  /** The accessible name, when the text is not enough (e.g. an image). */
  label?: string;
  value?: string;
  src?: string;
  disabled?: boolean;
  key?: string | number;
  onclick?: Listener;
  oninput?: Listener;
  onchange?: Listener;
  onsubmit?: Listener;
}

export type Child = VNode | string | number | boolean | null | undefined | readonly Child[];

export interface ElementNode {
  readonly kind: "element";
  readonly tag: string;
  readonly props: Readonly<ElementProps>;
  readonly children: readonly VNode[];
}

export interface TextNode {
  readonly kind: "text";
  readonly text: string;
}

/** A component: a function of props that calls hooks in a fixed order and returns elements. */
export type Component<P = object> = (props: P) => Child;

export interface ComponentNode {
  readonly kind: "component";
  readonly component: Component<never>;
  readonly props: object;
  readonly key: string | number | undefined;
}

export type VNode = ElementNode | TextNode | ComponentNode;

/** Flattens children: drops null/undefined/booleans, turns strings and numbers into text. */
export function normalize(children: readonly Child[]): VNode[] {
  const out: VNode[] = [];
  const visit = (c: Child): void => {
    if (c === null || c === undefined || typeof c === "boolean") return;
    if (typeof c === "string" || typeof c === "number") out.push({ kind: "text", text: String(c) });
    else if (Array.isArray(c)) for (const x of c as readonly Child[]) visit(x);
    else out.push(c as VNode);
  };
  for (const c of children) visit(c);
  return out;
}

/** An element: `h("button", { onclick }, "Click")`. */
export function h(tag: string, props: ElementProps | null = null, ...children: Child[]): ElementNode {
  return { kind: "element", tag, props: props ?? {}, children: normalize(children) };
}

/** A child component: `component(Dog, { breed })`. Its scope is created and rendered by the parent's render. */
export function component<P extends object>(
  fn: Component<P>,
  props: P = {} as P,
  key?: string | number,
): ComponentNode {
  return { kind: "component", component: fn as Component<never>, props, key };
}

type ElementFn = {
  (props: ElementProps, ...children: Child[]): ElementNode;
  (...children: Child[]): ElementNode;
};

function isProps(x: unknown): x is ElementProps {
  return typeof x === "object" && x !== null && !Array.isArray(x) && (x as { kind?: unknown }).kind === undefined;
}

function elementFn(tag: string): ElementFn {
  return ((first?: unknown, ...rest: Child[]) =>
    isProps(first) ? h(tag, first, ...rest) : h(tag, null, ...([first, ...rest] as Child[]))) as ElementFn;
}

export const div = elementFn("div");
export const span = elementFn("span");
export const p = elementFn("p");
export const button = elementFn("button");
export const input = elementFn("input");
export const img = elementFn("img");
export const ul = elementFn("ul");
export const li = elementFn("li");
export const h1 = elementFn("h1");
export const h2 = elementFn("h2");
export const label = elementFn("label");
export const form = elementFn("form");
/** Several nodes without a wrapper (Dioxus fragments). */
export function fragment(...children: Child[]): Child {
  return children;
}
