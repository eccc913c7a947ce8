// A Stryker ignorer: leaves alone the names given to signals, hooks, drop
// guards, channels and tasks (`useSignal(init, "status")`,
// `dropGuard(fn, "poller stopped")`, `{ label: "poll status" }`…). Those
// names only label things in the trace's timeline and in diagnostics; the
// app behaves the same whatever they say, so changing one is an equivalent
// mutant, not a gap in the tests. Everything else in the solutions is mutated.
import { PluginKind, declareValuePlugin } from "@stryker-mutator/api/plugin";

/** Functions whose argument at this index is a name for the trace. */
const NAME_ARGUMENT = new Map([
  ["useSignal", 1],
  ["useMemo", 1],
  ["useEffect", 1],
  ["useResource", 1],
  ["useFuture", 1],
  ["dropGuard", 1],
  ["global", 1], // Signal.global(init, name)
  ["channel", 0],
  ["Mutex", 1], // new Mutex(value, name)
]);

/** Functions whose options object may carry a `label` for the trace (elements' labels are not among them: they show). */
const LABELLED_OPTIONS = new Set(["future", "pollFn", "spawn", "spawnForever", "spawnThread"]);

const REASON = "a name for the trace's timeline: the app behaves the same whatever it says";

function calleeName(call) {
  const c = call.callee;
  if (c.type === "Identifier") return c.name;
  if (c.type === "MemberExpression" && c.property.type === "Identifier") return c.property.name;
  return undefined;
}

const isLabelKey = (prop) =>
  prop.type === "ObjectProperty" &&
  !prop.computed &&
  ((prop.key.type === "Identifier" && prop.key.name === "label") ||
    (prop.key.type === "StringLiteral" && prop.key.value === "label"));

/** Whether `node` is an argument of a call to one of LABELLED_OPTIONS. */
const isTaskOptions = (path) =>
  path.node.type === "ObjectExpression" &&
  path.parent?.type === "CallExpression" &&
  LABELLED_OPTIONS.has(calleeName(path.parent) ?? "") &&
  path.parent.arguments.includes(path.node);

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, "trace-labels", {
    shouldIgnore(path) {
      const node = path.node;
      // `{ label: "…" }` as a whole: options that only name a task or a future.
      if (isTaskOptions(path) && node.properties.length > 0 && node.properties.every(isLabelKey)) return REASON;
      if (node.type !== "StringLiteral" && node.type !== "TemplateLiteral") return undefined;
      const parent = path.parentPath;
      if (parent === undefined || parent === null) return undefined;
      // The label of such options, next to other options.
      if (
        isLabelKey(parent.node) &&
        parent.node.value === node &&
        parent.parentPath &&
        isTaskOptions(parent.parentPath)
      )
        return REASON;
      if (parent.node.type === "CallExpression" || parent.node.type === "NewExpression") {
        const at = NAME_ARGUMENT.get(calleeName(parent.node) ?? "");
        if (at !== undefined && parent.node.arguments[at] === node) return REASON;
      }
      return undefined;
    },
  }),
];
