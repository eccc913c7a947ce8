/**
 * `.katas-state/`: what the harness remembers between runs (the hint level,
 * each kata's last results). Git ignores it; nothing is ever written into
 * katas/.
 *
 * Nothing in it may take the board down. A file that is missing, empty,
 * garbage, `null`, a directory, or a folder that cannot be written (after one
 * `sudo npm test`, say) all read as "nothing remembered" and report one
 * problem, which the reporter prints as one warning line. Writes go to a
 * temporary file that is then renamed over the old one, so two runs at once
 * never leave a half-written file.
 *
 * `KATAS_STATE_DIR` moves the folder (the harness's own tests use it).
 */
import fs from "node:fs";
import path from "node:path";
import { threadId } from "node:worker_threads";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const STATE_DIR = process.env.KATAS_STATE_DIR ?? path.join(ROOT, ".katas-state");

/** How a state file is named in messages: relative to the repository when it is inside it. */
export function shown(file: string): string {
  const rel = path.relative(ROOT, file);
  return rel.startsWith("..") ? file : rel;
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (e instanceof Error ? e.message : String(e));
}

export interface StateRead<T> {
  readonly value: T | undefined;
  /** Why the file could not be used, when it exists but is not usable. */
  readonly problem?: string;
}

/** Reads a JSON state file; a missing file is no problem, anything else unusable is. */
export function readState<T>(file: string, valid: (v: unknown) => v is T): StateRead<T> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT" || (e as NodeJS.ErrnoException).code === "ENOTDIR")
      return { value: undefined };
    return { value: undefined, problem: `${shown(file)} could not be read (${reason(e)})` };
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (valid(parsed)) return { value: parsed };
  } catch {
    // not JSON: said below
  }
  return { value: undefined, problem: `${shown(file)} does not hold what the harness wrote there` };
}

/** Writes a JSON state file atomically; returns why it could not, or undefined. */
export function writeState(file: string, value: unknown): string | undefined {
  const tmp = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
    fs.renameSync(tmp, file);
    return undefined;
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing more to tidy
    }
    return `${shown(file)} could not be saved (${reason(e)})`;
  }
}

/** A plain object (not null, not an array): what every state file holds at its top. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
