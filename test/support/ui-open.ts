/**
 * `npx vitest --ui` opens the UI in a browser, and where no browser can be
 * opened (a container, a server over ssh) vitest prints a stack trace
 * (`spawn xdg-open ENOENT`). The config asks `browserOpener` first: when
 * nothing can open a browser it turns `open` off, and `uiAddressLine` says
 * how to open the printed address by hand.
 */
import fs from "node:fs";
import path from "node:path";

type Env = Readonly<Record<string, string | undefined>>;

/** Whether a program is on PATH. */
function onPath(program: string, env: Env): boolean {
  return (env.PATH ?? "").split(path.delimiter).some((dir) => {
    if (dir === "") return false;
    try {
      fs.accessSync(path.join(dir, program), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Whether vitest can open a browser here: always on Windows and macOS; on
 * Linux and the BSDs only with xdg-open on PATH and a display to show it on.
 */
export function browserOpener(
  platform: NodeJS.Platform = process.platform,
  env: Env = process.env,
  exists: (program: string) => boolean = (p) => onPath(p, env),
): boolean {
  if (platform === "win32" || platform === "darwin") return true;
  const display = (env.DISPLAY ?? "") !== "" || (env.WAYLAND_DISPLAY ?? "") !== "";
  return display && exists("xdg-open");
}

/** The line printed instead of opening a browser. */
export const UI_ADDRESS_LINE =
  "No browser can be opened from here: open the address vitest prints below (“UI started at http://localhost:…/__vitest__/”) in a browser yourself; " +
  "from another machine, forward its port first (ssh -L 51204:localhost:51204 <this machine>, for the default port).";

/** Says it once per process, however often the config is loaded. */
export function sayUiAddressOnce(write: (line: string) => void = (l) => console.log(l)): void {
  const g = globalThis as { __katasUiAddressSaid?: boolean };
  if (g.__katasUiAddressSaid) return;
  g.__katasUiAddressSaid = true;
  write(UI_ADDRESS_LINE);
}
