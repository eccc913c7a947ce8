/** Story.render: one event a line, times aligned, a repeated time left blank. */
import { describe, expect, it } from "vitest";
import { Story } from "../support/story.ts";

describe("Story.render", () => {
  it("prints one line per event with the times aligned, and leaves a repeated time blank", () => {
    const story = new Story();
    story.at(0, "click hound → call #1");
    story.at(0, "click pug → call #2");
    story.at(3, "#2 responds");
    story.at(15, "#1 responds → the screen showed hound: stale");
    expect(story.render()).toBe(
      [
        "  t=0   click hound → call #1",
        "        click pug → call #2",
        "  t=3   #2 responds",
        "  t=15  #1 responds → the screen showed hound: stale",
      ].join("\n"),
    );
  });

  it("takes the indent it is given", () => {
    const story = new Story();
    story.at(7, "unmount");
    expect(story.render("> ")).toBe("> t=7  unmount");
  });

  it("renders an empty story as nothing", () => {
    expect(new Story().render()).toBe("");
  });

  it("only blanks a time equal to the line just above", () => {
    const story = new Story();
    story.at(1, "a");
    story.at(2, "b");
    story.at(1, "c");
    expect(
      story
        .render()
        .split("\n")
        .map((l) => l.trim().slice(0, 3)),
    ).toEqual(["t=1", "t=2", "t=1"]);
  });
});
