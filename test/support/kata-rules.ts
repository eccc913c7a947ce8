/**
 * What a kata file may use: the runtime, and plain JavaScript. Nothing else.
 *
 * Kata code runs in the same worker thread as the tests that judge it. If it
 * could import vitest, fast-check, a solution or a Node module, or reach the
 * process and its globals, it could change the verdict instead of earning it
 * (register a hook that marks tests as passed, replace `toBe`, skip the tests,
 * re-export the solution). So every file under katas/ is checked when it is
 * loaded, before any of its code runs; a file that breaks a rule does not load,
 * and the board says which rule and where, in one line.
 *
 * The rules, checked on the file's syntax tree:
 *   - every import and re-export (`import … from`, `export … from`,
 *     `export * from`) names the runtime, `../runtime/index.ts`
 *     (type-only imports are erased before the code runs and are allowed);
 *   - no `import()`, no `require`, no `import.meta`;
 *   - none of the names that reach outside the model: `globalThis`, `global`,
 *     `process`, `eval`, `Function`, `.constructor` (the way to the `Function`
 *     constructor from any value), and vitest's own `__vi…` / `__vitest…`
 *     variables.
 * A second check, when modules are resolved, refuses any module a kata file
 * asks for other than the runtime, however the request was made.
 *
 * These rules close every way a learner could stumble into or copy from an
 * answer on the web; they are not a sandbox against code written to defeat them.
 */
import path from "node:path";
import { parseAst, type Plugin } from "vite";

/** The only module a kata file may import, relative to the repository root. */
const RUNTIME = "runtime/index.ts";

const FORBIDDEN_NAMES = new Set(["globalThis", "global", "process", "require", "module", "eval", "Function"]);
const FORBIDDEN_PREFIXES = ["__vi", "__vitest"];

/** The error a kata file that breaks a rule fails to load with: its message is the one line the board shows. */
export class KataRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KataRuleError";
  }
}

/** The folders whose files are kata files: katas/, and the harness's stand-ins for kata files. */
const KATA_DIRS = ["katas", "test/harness/fixtures/katas"];

function isKataFile(root: string, id: string): boolean {
  const file = id.split("?")[0] ?? id;
  return KATA_DIRS.some((dir) => {
    const rel = path.relative(path.join(root, dir), file);
    return !rel.startsWith("..") && !path.isAbsolute(rel) && /\.[cm]?[jt]sx?$/.test(rel);
  });
}

function isRuntime(root: string, resolved: string): boolean {
  const file = (resolved.split("?")[0] ?? resolved).replace(/^\/@fs/, "");
  const want = path.join(root, RUNTIME);
  return file === want || file === want.replace(/\.ts$/, ".js") || file === want.replace(/\.ts$/, "");
}

const RULE = `a kata file may import only the runtime ("../${RUNTIME}")`;

type Node = { type: string; start: number; [key: string]: unknown };

function isNode(v: unknown): v is Node {
  return typeof v === "object" && v !== null && typeof (v as { type?: unknown }).type === "string";
}

/** Children that hold types only (erased before the code runs) or names that are not references. */
const SKIPPED_KEYS = new Set([
  "typeAnnotation",
  "returnType",
  "typeParameters",
  "typeArguments",
  "superTypeArguments",
  "superTypeParameters",
]);

/**
 * The first rule the source breaks, as one line naming the file, the line and
 * what it uses; undefined when it keeps every rule (or does not parse: the
 * usual syntax error, with its code frame, is clearer than anything said here).
 */
export function kataRuleViolation(root: string, file: string, source: string): string | undefined {
  let program: Node;
  try {
    program = parseAst(source, { lang: "ts", sourceType: "module" }) as unknown as Node;
  } catch {
    return undefined;
  }
  const rel = path.relative(root, file);
  const lineOf = (offset: number) => source.slice(0, offset).split("\n").length;
  const at = (n: Node) => `${rel}:${lineOf(n.start)}`;
  const importsOk = (spec: string) => spec.startsWith(".") && isRuntime(root, path.resolve(path.dirname(file), spec));

  let found: string | undefined;
  const visit = (n: Node, parent: Node | undefined, key: string | undefined): void => {
    if (found !== undefined) return;
    switch (n.type) {
      case "ImportDeclaration":
      case "ExportAllDeclaration":
      case "ExportNamedDeclaration": {
        const src = n.source as { value?: unknown } | null | undefined;
        const typeOnly = n.importKind === "type" || n.exportKind === "type";
        if (src && typeof src.value === "string" && !typeOnly && !importsOk(src.value)) {
          const verb = n.type === "ImportDeclaration" ? "imports" : "re-exports";
          found = `${at(n)} ${verb} "${src.value}": ${RULE}.`;
          return;
        }
        break;
      }
      case "ImportExpression":
        found = `${at(n)} uses import(): ${RULE}, with an import at the top of the file.`;
        return;
      case "TSImportEqualsDeclaration":
        found = `${at(n)} uses import … = require(): ${RULE}.`;
        return;
      case "MetaProperty":
        found = `${at(n)} uses ${String((n.meta as Node).name)}.${String((n.property as Node).name)}: kata code may use only the runtime and plain JavaScript.`;
        return;
      case "TSTypeAliasDeclaration":
      case "TSInterfaceDeclaration":
      case "TSDeclareFunction":
      case "TSModuleDeclaration":
        return; // types only: erased before the code runs
      case "Identifier": {
        const name = String(n.name);
        // A property name (`x.process`, `{ process: 1 }`) is not a reference to the global.
        const isPropertyName =
          (parent?.type === "MemberExpression" && key === "property" && parent.computed !== true) ||
          ((parent?.type === "Property" ||
            parent?.type === "MethodDefinition" ||
            parent?.type === "PropertyDefinition") &&
            key === "key" &&
            parent.computed !== true);
        if (isPropertyName) {
          if (name === "constructor" && parent?.type === "MemberExpression") {
            found = `${at(n)} uses .constructor: kata code may use only the runtime and plain JavaScript (this is the way to the Function constructor).`;
          }
          return;
        }
        if (FORBIDDEN_NAMES.has(name) || FORBIDDEN_PREFIXES.some((p) => name.startsWith(p))) {
          found = `${at(n)} uses \`${name}\`: kata code may use only the runtime and plain JavaScript (${name} reaches outside the model).`;
        }
        return;
      }
      case "Literal":
        if (parent?.type === "MemberExpression" && key === "property" && n.value === "constructor") {
          found = `${at(n)} uses ["constructor"]: kata code may use only the runtime and plain JavaScript (this is the way to the Function constructor).`;
        }
        return;
    }
    for (const [k, v] of Object.entries(n)) {
      if (SKIPPED_KEYS.has(k)) continue;
      if (Array.isArray(v)) {
        for (const c of v) if (isNode(c)) visit(c, n, k);
      } else if (isNode(v)) visit(v, n, k);
    }
  };
  visit(program, undefined, undefined);
  return found;
}

/**
 * The vite plugin that applies the rules to every file under katas/ (in every
 * vitest project, so also in `npm run watch` and the UI).
 */
export function kataRules(root: string): Plugin {
  return {
    name: "katas:only-the-runtime",
    enforce: "pre",
    // vitest's file-system module cache (vitest.config.ts) serves a cached
    // module without calling `transform`, so a kata file must never come from
    // it: every kata file is transformed, and checked, on every load.
    configureVitest({ experimental_defineCacheKeyGenerator }) {
      experimental_defineCacheKeyGenerator(({ id }) => (isKataFile(root, id) ? false : undefined));
    },
    transform(code, id) {
      if (!isKataFile(root, id)) return null;
      const violation = kataRuleViolation(root, id.split("?")[0] ?? id, code);
      if (violation !== undefined) throw new KataRuleError(violation);
      return null;
    },
    async resolveId(source, importer, options) {
      if (importer === undefined || !isKataFile(root, importer)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved !== null && isRuntime(root, resolved.id)) return resolved;
      throw new KataRuleError(
        `${path.relative(root, importer.split("?")[0] ?? importer)} imports "${source}": ${RULE}.`,
      );
    },
  };
}

/** The one line of a load error that a kata rule caused (vite wraps it in more), or undefined. */
export function kataRuleLine(message: string): string | undefined {
  return /((?:test\/harness\/fixtures\/)?katas\/[^\s:]+\.ts(?::\d+)? (?:imports|re-exports|uses) [^\n]*)/.exec(
    message,
  )?.[1];
}
