/**
 * `npm run watch`: after each run the screen is cleared and shows the board
 * alone, with a line saying what happens next. Only in a terminal: piped
 * output is never cleared.
 */

/** Clears the screen and its scrollback, and moves the cursor home. */
export const CLEAR_SCREEN = "\u001b[2J\u001b[3J\u001b[H";

export const WATCH_FOOTER =
  "Watching: save a kata file and its tests run again (hints move on only after a change) · press q to quit, h for vitest's keys.";

/** The board as watch mode shows it: on a cleared screen, with the footer. */
export function watchScreen(board: string, watching: boolean, terminal: boolean): string {
  if (!watching) return board;
  return `${terminal ? CLEAR_SCREEN : ""}${board}${WATCH_FOOTER}\n`;
}
