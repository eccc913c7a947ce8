// biome-ignore-all lint: plain JavaScript, with var and without ?., so that old Nodes can run it to say they are too old
// `npm test` and `npm run watch` start here: on a Node older than the one in
// package.json's "engines", say so in one line and stop, before vitest fails
// in some less clear way. Plain JavaScript that old Nodes can still run.
// (KATAS_NODE_VERSION stands in for the running version in the harness's tests.)
import fs from "node:fs";

var pkg = JSON.parse(fs.readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
var wanted = String((pkg.engines && pkg.engines.node) || "").replace(/^>=\s*/, "");
var running = process.env.KATAS_NODE_VERSION || process.versions.node;

function parts(v) {
  return String(v)
    .replace(/^v/, "")
    .split(".")
    .map((n) => Number(n) || 0);
}

function older(a, b) {
  var x = parts(a);
  var y = parts(b);
  for (var i = 0; i < 3; i++) {
    if ((x[i] || 0) !== (y[i] || 0)) return (x[i] || 0) < (y[i] || 0);
  }
  return false;
}

if (wanted !== "" && older(running, wanted)) {
  process.stderr.write(
    "These katas need Node " +
      wanted +
      ' or newer (package.json "engines"); this is Node ' +
      running +
      ". Install a newer Node from https://nodejs.org and run the command again.\n",
  );
  process.exit(1);
}
