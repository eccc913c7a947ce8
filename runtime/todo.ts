/**
 * `todo()`: the placeholder in every kata stub.
 *
 * It throws a "not started" error that carries the kata file and line, so the
 * progress board can say "not started: katas/01-lazy-futures.ts:23" instead
 * of printing a stack trace. Its return type is `never`, so a stub that
 * returns `todo()` type-checks whatever it promises to return.
 */
import { LearnerError, userSiteOf } from "./errors.ts";

export function todo(what = "this part"): never {
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, todo);
  throw new LearnerError({
    kind: "NotStarted",
    what: `Not started: ${what} is still a todo().`,
    where: userSiteOf(holder.stack),
    why: "Each kata starts as a stub; its tests stay red until the code is written.",
    fix: "Open the kata file at the line above, read its lesson, and replace the todo() with your code.",
  });
}
