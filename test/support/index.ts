/** What kata tests import: the property helper, fast-check, the arbitraries, and the probes. */
export { property, type PropertyContext } from "./property.ts";
export { probe, timed, type Probe, type Timed } from "./probe.ts";
export { Story } from "./story.ts";
export { default as fc } from "fast-check";
export { latency, type LatencyConstraints } from "./arbitrary/latency.ts";
export { outcome, OUTCOMES, type Outcome } from "./arbitrary/outcome.ts";
export { response, type NetworkResponse, type ResponseConstraints } from "./arbitrary/response.ts";
export { eventSchedule, type ScheduledEvent, type EventScheduleConstraints } from "./arbitrary/event-schedule.ts";
export { stopTime, type StopTimeConstraints } from "./arbitrary/stop-time.ts";
export { runtimeSeed } from "./arbitrary/runtime-seed.ts";
export { toAnswer, inOrder, describeResponse } from "./network.ts";
