/**
 * The test-driver API: what a test uses to run an app and look at what
 * happened, next to the prelude (index.ts) the app code imports.
 *
 *     import { render, Runtime, renderTimeline } from "../runtime/testing.ts";
 */
export { Runtime, type Owner, type RuntimeOptions } from "./executor.ts";
export { currentRuntime, recordingSitesOutside } from "./ambient.ts";
export { LearnerError, learnerSiteOf, returned as caughtOnPurpose, type LearnerErrorKind } from "./errors.ts";
export { Trace, sameTrace, type TraceEntry, type TraceKind } from "./trace.ts";
export { renderTimeline } from "./timeline.ts";
export { Rng } from "./random.ts";

// The Dioxus layer seen from a test: the virtual DOM, its scopes, the app handle.
export { VirtualDom, Scope, currentDom, type RenderOptions } from "./scope.ts";
export { App, render, type ElementHandle, type Target } from "./app.ts";

// The simulated outside world, as a test scripts and inspects it: the network, the thread pool, users at virtual times.
export {
  network,
  answer,
  Network,
  type Answer,
  type NetworkScript,
  type RequestInfo,
  type RequestRecord,
  type RequestState,
} from "./world/http.ts";
export { threads, ThreadPool } from "./world/thread.ts";
export { userEvents, UserEvents, type EventWait } from "./world/user-events.ts";
