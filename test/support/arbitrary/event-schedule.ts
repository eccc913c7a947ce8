import fc from "fast-check";

/** One user event (a click, a key press, a toggle…) at virtual time `t`, in ms. */
export interface ScheduledEvent<T> {
  readonly t: number;
  readonly event: T;
}

export interface EventScheduleConstraints {
  /** The fewest events (default 1). */
  readonly minEvents?: number;
  /** The most events (default 6). */
  readonly maxEvents?: number;
  /** The longest wait between two events, in virtual ms (default 50). */
  readonly maxGap?: number;
}

/**
 * When a user does things: a list of events, each with a payload from
 * `payload` (which button, which text typed…), at virtual times that never go
 * backwards.
 *
 *     eventSchedule(fc.constantFrom("hound", "pug"))
 *     // e.g. [{ t: 0, event: "hound" }, { t: 0, event: "pug" }, { t: 17, event: "hound" }]
 *
 * Varies: how many events (`minEvents` to `maxEvents`, default 1 to 6), each
 * payload, and the gap before each event (0 to `maxGap` ms, the first one
 * counted from t=0). One gap in four is 0, so two events in the same instant
 * (the races a user cannot make by hand) come up in about half the schedules.
 *
 * Shrinks: toward fewer events, simpler payloads and every gap 0, that is
 * toward "everything at t=0". The schedule is built from gaps, not absolute
 * times, so shrinking one gap moves every later event earlier with it and
 * the times stay in order.
 */
export function eventSchedule<T>(
  payload: fc.Arbitrary<T>,
  { minEvents = 1, maxEvents = 6, maxGap = 50 }: EventScheduleConstraints = {},
): fc.Arbitrary<ScheduledEvent<T>[]> {
  const gap = fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.constant(0), weight: 1 },
    { arbitrary: fc.nat({ max: maxGap }), weight: 3 },
  );
  return fc.array(fc.tuple(gap, payload), { minLength: minEvents, maxLength: maxEvents }).map((steps) => {
    let t = 0;
    return steps.map(([gap, event]) => {
      t += gap;
      return { t, event };
    });
  });
}
