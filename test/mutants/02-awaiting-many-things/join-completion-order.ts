/**
 * Misconception: "join gives results in the order they arrive". The output
 * order must follow the arguments, or callers mix up whose result is whose.
 */
import { Poll, pollFn, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/02-awaiting-many-things.ts";

export function join<A, B>(a: Future<A>, b: Future<B>): Future<[A, B]> {
  const done: unknown[] = [];
  let aDone = false;
  let bDone = false;
  return pollFn(
    (cx) => {
      if (!aDone) {
        const p = a.poll(cx);
        if (p.ready) (aDone = true), done.push(p.value);
      }
      if (!bDone) {
        const q = b.poll(cx);
        if (q.ready) (bDone = true), done.push(q.value);
      }
      return aDone && bDone ? Poll.Ready(done as [A, B]) : Poll.Pending;
    },
    { onDrop: () => (a[Symbol.dispose](), b[Symbol.dispose]()) },
  );
}
