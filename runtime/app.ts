/**
 * A running app, as tests see it: `render(App)` mounts a component on a
 * fresh runtime and returns handles to drive it and read the screen, in the
 * style of Testing Library.
 *
 *     const app = render(Counter);
 *     app.click(app.getByRole("button", { name: "+1" }));
 *     app.runUntilIdle();
 *     expect(app.text()).toContain("1");
 *
 * Queries look at the latest render of every mounted scope. An element
 * handle remembers where it was; clicking it uses the listener of the
 * latest render at that place, as a real click on the live DOM would.
 */
import type { Component, ElementNode, ElementProps, Listener, UiEvent, VNode } from "./element.ts";
import { LearnerError } from "./errors.ts";
import type { Task } from "./executor.ts";
import { VirtualDom, type RenderOptions, type Scope } from "./scope.ts";
import { userEvents, type EventWait } from "./world/user-events.ts";

/** An element on the screen. */
export interface ElementHandle {
  readonly tag: string;
  readonly props: Readonly<ElementProps>;
  /** Its text content (all descendant text, concatenated). */
  readonly text: string;
  readonly role: string | undefined;
  /** Accessible name: the `label` prop, else the text. */
  readonly name: string;
  /** @internal the scope whose render created it, and its position on the screen. */
  readonly scope: Scope;
  readonly path: string;
}

const IMPLICIT_ROLES: Record<string, string> = {
  button: "button",
  img: "img",
  input: "textbox",
  h1: "heading",
  h2: "heading",
  ul: "list",
  li: "listitem",
  form: "form",
};

interface Flat {
  el: ElementNode;
  scope: Scope;
  path: string;
  text: string;
  depth: number;
}

export type Target = ElementHandle | { role: string; name?: string | RegExp } | { text: string | RegExp };

export class App {
  readonly dom: VirtualDom;

  constructor(app: Component<never>, options: RenderOptions = {}) {
    this.dom = new VirtualDom(app, options);
  }

  get rt() {
    return this.dom.rt;
  }

  /** Virtual time, in ms. */
  get now(): number {
    return this.dom.rt.now;
  }

  /** Errors caught by the root error boundary. */
  get errors(): readonly unknown[] {
    return this.dom.errors;
  }

  /** "Guard held across an await" reports. */
  get diagnostics(): readonly LearnerError[] {
    return this.dom.diagnostics;
  }

  enter<R>(fn: () => R): R {
    return this.dom.rt.enter(fn);
  }

  runUntilIdle(): void {
    this.dom.rt.runUntilIdle();
  }

  advance(ms: number): void {
    this.dom.rt.advance(ms);
  }

  advanceTo(t: number): void {
    this.dom.rt.advanceTo(t);
  }

  runToCompletion(options?: { maxTime?: number }): void {
    this.dom.rt.runToCompletion(options);
  }

  /** Unmounts everything and drops the runtime. */
  unmount(): void {
    this.dom.unmountAll();
  }

  // ── reading the screen ──────────────────────────────────────────────────

  /** Every element in document order; `pieces` collects the top-level texts (loose text and each top element's text). */
  #flatten(pieces?: string[]): Flat[] {
    const out: Flat[] = [];
    const walk = (nodes: readonly VNode[], scope: Scope, path: string, depth: number): string => {
      let text = "";
      nodes.forEach((n, i) => {
        if (n.kind === "text") {
          text += n.text;
          if (depth === 0) pieces?.push(n.text);
        } else if (n.kind === "component") {
          const child = scope.childOf.get(n);
          if (child?.alive) text += walk(child.rendered, child, `${path}/${child.id}`, depth);
        } else {
          const at = out.length;
          out.push({ el: n, scope, path: `${path}.${i}`, text: "", depth });
          const inner = walk(n.children, scope, `${path}.${i}`, depth + 1);
          out[at]!.text = inner;
          text += inner;
          if (depth === 0) pieces?.push(inner);
        }
      });
      return text;
    };
    if (this.dom.root.alive) walk(this.dom.root.rendered, this.dom.root, "0", 0);
    return out;
  }

  /** All the text on the screen. */
  text(): string {
    if (!this.dom.root.alive) return "";
    const pieces: string[] = [];
    this.#flatten(pieces);
    return pieces.join(" ").replace(/\s+/g, " ").trim();
  }

  #handle(f: Flat): ElementHandle {
    const role = f.el.props.role ?? IMPLICIT_ROLES[f.el.tag];
    return {
      tag: f.el.tag,
      props: f.el.props,
      text: f.text,
      role,
      name: f.el.props.label ?? f.text,
      scope: f.scope,
      path: f.path,
    };
  }

  /** Every element whose text is `text` (innermost matches only). */
  queryAllByText(text: string | RegExp): ElementHandle[] {
    const flat = this.#flatten();
    const matches = flat.filter((f) => match(f.text, text));
    // Keep the innermost: drop an element whose descendant (in its own scope or a child component's) also matches.
    const inside = (g: Flat, f: Flat) => g.path.startsWith(`${f.path}.`) || g.path.startsWith(`${f.path}/`);
    return matches.filter((f) => !matches.some((g) => g !== f && inside(g, f))).map((f) => this.#handle(f));
  }

  queryByText(text: string | RegExp): ElementHandle | undefined {
    return this.queryAllByText(text)[0];
  }

  getByText(text: string | RegExp): ElementHandle {
    return this.#one(this.queryAllByText(text), `with the text ${quote(text)}`);
  }

  queryAllByRole(role: string, options: { name?: string | RegExp } = {}): ElementHandle[] {
    return this.#flatten()
      .map((f) => this.#handle(f))
      .filter((h) => h.role === role && (options.name === undefined || match(h.name, options.name)));
  }

  queryByRole(role: string, options: { name?: string | RegExp } = {}): ElementHandle | undefined {
    return this.queryAllByRole(role, options)[0];
  }

  getByRole(role: string, options: { name?: string | RegExp } = {}): ElementHandle {
    const what = `with role "${role}"${options.name === undefined ? "" : ` named ${quote(options.name)}`}`;
    return this.#one(this.queryAllByRole(role, options), what);
  }

  #one(found: ElementHandle[], what: string): ElementHandle {
    if (found.length === 1) return found[0]!;
    throw new LearnerError({
      kind: found.length === 0 ? "NotOnScreen" : "SeveralOnScreen",
      what:
        found.length === 0
          ? `The screen has no element ${what}.`
          : `The screen has ${found.length} elements ${what}; expected one.`,
      details: [`screen: ${JSON.stringify(this.text())}`],
      why: "A test can only press what a user could see.",
      fix:
        found.length === 0
          ? "Check what the component renders at this point (app.text())."
          : "Narrow the query (a role and a name).",
    });
  }

  // ── events ──────────────────────────────────────────────────────────────

  #resolve(target: Target): ElementHandle {
    if ("path" in target) {
      const f = this.#flatten().find((x) => x.path === target.path && x.el.tag === target.tag);
      if (f === undefined) {
        throw new LearnerError({
          kind: "NotOnScreen",
          what: `The <${target.tag}> "${target.name}" is no longer on the screen.`,
          details: [`screen: ${JSON.stringify(this.text())}`],
          why: "The component that rendered it re-rendered without it, or unmounted.",
          fix: "Query the element again (getByRole / getByText) before acting on it.",
        });
      }
      return this.#handle(f);
    }
    if ("role" in target) return this.getByRole(target.role, target.name === undefined ? {} : { name: target.name });
    return this.getByText(target.text);
  }

  #fire(target: Target, type: string, value: string): Task | undefined {
    const el = this.#resolve(target);
    const listener = (el.props as Record<string, Listener | undefined>)[`on${type}`];
    if (listener === undefined) return undefined;
    const what =
      type === "input"
        ? `input ${JSON.stringify(value)} on <${el.tag}>${el.name ? ` "${el.name}"` : ""}`
        : `${type} on <${el.tag}> "${el.name}"`;
    let dispatching = true;
    const event: UiEvent = {
      type,
      value,
      preventDefault() {
        if (!dispatching) throw preventDefaultTooLate(what);
        this.defaultPrevented = true;
      },
      defaultPrevented: false,
    };
    try {
      return this.dom.dispatch(el.scope, listener, event, what);
    } finally {
      dispatching = false;
    }
  }

  /**
   * Clicks an element now (the clock does not move). Returns the task that
   * finishes an async handler, if it did not complete in its first poll.
   */
  click(target: Target): Task | undefined {
    return this.#fire(target, "click", "");
  }

  /** Types `value` into an input (an `input` event). */
  input(target: Target, value: string): Task | undefined {
    return this.#fire(target, "input", value);
  }

  /**
   * Makes `fire` happen at virtual time `t`, as a user would: when the clock
   * gets there, or later if the main thread is busy then (world/thread.ts).
   *
   *     app.at(30, () => app.click({ role: "button", name: "Search" }), "click Search");
   *     app.runToCompletion();
   */
  at(t: number, fire: () => void, label?: string): void {
    userEvents(this).at(t, fire, label);
  }

  /** How long each event scheduled with `at` waited for its handler, in the order they ran. */
  get eventWaits(): readonly EventWait[] {
    return userEvents(this).waits;
  }
}

function quote(m: string | RegExp): string {
  return typeof m === "string" ? JSON.stringify(m) : String(m);
}

/** Dioxus: only the synchronous part of a handler runs while the browser still waits to act on the event. */
function preventDefaultTooLate(what: string): LearnerError {
  return new LearnerError({
    kind: "PreventDefaultTooLate",
    what: `preventDefault() was called for the ${what} after the handler's first await.`,
    why:
      "The browser acts on an event (submits the form, follows the link) as soon as the handler returns control; " +
      "an async handler returns control at its first await that has to wait (one whose future is not ready yet), so by then the default action has already happened.",
    fix: "Call preventDefault() in the synchronous part of the handler, before any yield* that may wait.",
  });
}

function match(s: string, m: string | RegExp): boolean {
  return typeof m === "string" ? s.trim() === m : m.test(s);
}

/** Mounts `app` on a fresh runtime and renders it once. */
export function render(app: Component<never>, options: RenderOptions = {}): App {
  return new App(app, options);
}
