/**
 * Colour in the terminal, and only there: no escape codes when stdout is not
 * a terminal (a pipe, a file, CI) or when `NO_COLOR` is set; `FORCE_COLOR`
 * (any value but 0 or false) turns them on anyway, and wins over `NO_COLOR`
 * as it does for vitest's own output.
 */
export function colourWanted(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return isTTY;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, "");
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const green = wrap(32, 39);
const red = wrap(31, 39);
const yellow = wrap(33, 39);
const bold = wrap(1, 22);
const dim = wrap(2, 22);

/** Colours the board's text (marks, title, warnings), or strips every escape code from it. */
export function paint(text: string, colour: boolean): string {
  const plain = stripAnsi(text);
  if (!colour) return plain;
  return plain
    .split("\n")
    .map((line) =>
      line.startsWith("Dioxus async katas")
        ? bold(line)
        : line.startsWith("⚠")
          ? yellow(line)
          : line
              .replace(/^(\s*)(✔)/, (_, s: string, m: string) => s + green(m))
              .replace(/^(\s*)(✘)/, (_, s: string, m: string) => s + red(m))
              .replace(/^(\s*)([-◦·] )/, (_, s: string, m: string) => s + dim(m)),
    )
    .join("\n");
}
