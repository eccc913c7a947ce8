// `npm run watch` starts here (after the Node check): watch mode re-runs the
// katas on every save and waits for keys (q to quit), so it needs a terminal.
// Without one vitest would run once and exit 0, which looks like watching
// worked; say so in one line and exit non-zero instead.
// (KATAS_ASSUME_TTY=0 stands in for "no terminal" in the harness's tests.)
var forced = process.env.KATAS_ASSUME_TTY;
var terminal = forced === undefined ? Boolean(process.stdin.isTTY && process.stdout.isTTY) : forced === "1";
if (!terminal) {
  process.stderr.write(
    "npm run watch needs a terminal (it re-runs the katas on every save and waits for your keys): run it in a terminal window, or use npm test for one run.\n",
  );
  process.exit(1);
}
