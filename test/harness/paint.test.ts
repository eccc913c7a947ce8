/** When the board is coloured (paint.ts). */
import { describe, expect, it } from "vitest";
import { colourWanted, paint, stripAnsi } from "../support/paint.ts";

describe("colour follows the terminal", () => {
  it("on in a terminal, off in a pipe", () => {
    expect(colourWanted({}, true)).toBe(true);
    expect(colourWanted({}, false)).toBe(false);
  });
  it("NO_COLOR turns it off in a terminal", () => {
    expect(colourWanted({ NO_COLOR: "1" }, true)).toBe(false);
  });
  it("FORCE_COLOR turns it on in a pipe; FORCE_COLOR=0 turns it off", () => {
    expect(colourWanted({ FORCE_COLOR: "1" }, false)).toBe(true);
    expect(colourWanted({ FORCE_COLOR: "0" }, true)).toBe(false);
  });
  it("stripping removes colour and other escape codes", () => {
    expect(stripAnsi("\u001b[1m\u001b[31mx\u001b[39m\u001b[22m \u001b[2K")).toBe("x ");
    expect(paint("  ✘ \u001b[31mred\u001b[39m", false)).toBe("  ✘ red");
  });
});
