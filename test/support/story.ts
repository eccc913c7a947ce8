/**
 * A story: what happened in one run, in virtual time, in the words of the app.
 *
 * Kata tests tell it as they drive the runtime ("t=0 click hound → call #1");
 * when a property fails, the story of the smallest failing run is printed
 * above its timeline, so a learner reads what a user would have seen.
 */
export interface StoryLine {
  readonly t: number;
  readonly text: string;
}

export class Story {
  readonly lines: StoryLine[] = [];

  /** Adds a line at virtual time `t`. */
  at(t: number, text: string): void {
    this.lines.push({ t, text });
  }

  /** The story as text, one event a line, times aligned. */
  render(indent = "  "): string {
    const width = Math.max(0, ...this.lines.map((l) => String(l.t).length));
    let last: number | undefined;
    return this.lines
      .map((l) => {
        const time = l.t === last ? " ".repeat(width + 2) : `t=${String(l.t).padEnd(width)}`;
        last = l.t;
        return `${indent}${time}  ${l.text}`;
      })
      .join("\n");
  }
}
