/** What kata tests import: the property helper, fast-check, and the probes. */
export { property, type PropertyContext } from "./property.ts";
export { probe, type Probe } from "./probe.ts";
export { Story } from "./story.ts";
export { default as fc } from "fast-check";
