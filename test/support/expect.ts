/**
 * `expect` for kata tests: vitest's own, with a quick path for the matchers
 * the properties use, taken only when the assertion surely passes.
 *
 * A property body asserts at every step of every generated run, and each
 * call of vitest's `expect` builds a chai assertion and copies vitest's
 * expect state (`setState`): about 5% of the whole solved suite's CPU. Here
 * a matcher first checks the cases where the answer is certain and
 * vitest's matcher would agree (the same value by `Object.is`, arrays of such
 * values, plain numbers compared); in every other case, and whenever the
 * check does not pass, it hands over to vitest's `expect(actual, message)`,
 * so a failure is vitest's own, message and all.
 */
import { expect as vitestExpect } from "vitest";

/** True only when vitest's `toEqual` and `toStrictEqual` would surely pass: the same value, or plain arrays of such values. */
function surelyEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  if (Object.getPrototypeOf(a) !== Array.prototype || Object.getPrototypeOf(b) !== Array.prototype) return false;
  // No holes and no extra properties: both would count for vitest.
  if (Object.keys(a).length !== a.length || Object.keys(b).length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!surelyEqual(a[i], b[i])) return false;
  return true;
}

const numbers = (a: unknown, b: unknown): a is number => typeof a === "number" && typeof b === "number";

export class Assertion<T> {
  readonly #actual: T;
  readonly #message: string | undefined;
  constructor(actual: T, message?: string) {
    this.#actual = actual;
    this.#message = message;
  }

  /** vitest's assertion, for every case the quick path does not settle. */
  #vitest() {
    return vitestExpect(this.#actual, this.#message);
  }

  toBe(expected: unknown): void {
    if (!Object.is(this.#actual, expected)) this.#vitest().toBe(expected);
  }
  toEqual(expected: unknown): void {
    if (!surelyEqual(this.#actual, expected)) this.#vitest().toEqual(expected);
  }
  toStrictEqual(expected: unknown): void {
    if (!surelyEqual(this.#actual, expected)) this.#vitest().toStrictEqual(expected);
  }
  toBeDefined(): void {
    if (this.#actual === undefined) this.#vitest().toBeDefined();
  }
  toBeUndefined(): void {
    if (this.#actual !== undefined) this.#vitest().toBeUndefined();
  }
  toBeGreaterThan(n: number): void {
    if (!(numbers(this.#actual, n) && this.#actual > n)) this.#vitest().toBeGreaterThan(n);
  }
  toBeGreaterThanOrEqual(n: number): void {
    if (!(numbers(this.#actual, n) && this.#actual >= n)) this.#vitest().toBeGreaterThanOrEqual(n);
  }
  toBeLessThanOrEqual(n: number): void {
    if (!(numbers(this.#actual, n) && this.#actual <= n)) this.#vitest().toBeLessThanOrEqual(n);
  }
  toBeOneOf(options: readonly unknown[]): void {
    if (!options.some((o) => Object.is(o, this.#actual))) this.#vitest().toBeOneOf(options as unknown[]);
  }
  toContain(item: unknown): void {
    const a = this.#actual;
    const sure =
      (Array.isArray(a) && a.indexOf(item) !== -1) ||
      (typeof a === "string" && typeof item === "string" && a.includes(item));
    if (!sure) this.#vitest().toContain(item);
  }
  get not(): { toBe(expected: unknown): void } {
    return {
      toBe: (expected: unknown) => {
        if (Object.is(this.#actual, expected)) this.#vitest().not.toBe(expected);
      },
    };
  }
}

/** `expect(actual, "what should have happened")`, and `expect.fail(message)`: see the top of this file. */
export const expect = Object.assign(<T>(actual: T, message?: string): Assertion<T> => new Assertion(actual, message), {
  fail: (message: string): never => vitestExpect.fail(message),
});
