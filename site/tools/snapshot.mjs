// Build-time Pyodide memory snapshot: the interpreter right after start-up (standard library
// and Pyodide's own modules imported), so the browser worker restores it instead of
// initialising Python again. Usage: node tools/snapshot.mjs PYODIDE_DIR OUTFILE
//
// Deterministic: fixed clock, PYTHONHASHSEED=0 (the hash secret lives in the snapshot, so it
// is fixed anyway; this makes it explicit), `random` seeded with 0 (the worker reseeds it
// from the browser's entropy after the restore), a fixed environment. NumPy and the grader
// are not in the snapshot (Pyodide 0.27 snapshots hold the Wasm memory only, not loaded
// dynamic libraries); the worker loads them after the restore.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [dist, outfile] = process.argv.slice(2);
if (!dist || !outfile) {
  console.error("usage: node tools/snapshot.mjs PYODIDE_DIR OUTFILE");
  process.exit(2);
}
const FIXED_MS = Date.UTC(2020, 0, 1);
Date.now = () => FIXED_MS;
for (const key of Object.keys(process.env)) delete process.env[key];
const indexURL = path.resolve(dist) + path.sep;
const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
const pyodide = await loadPyodide({
  indexURL,
  _makeSnapshot: true,
  env: { HOME: "/home/pyodide", PYTHONHASHSEED: "0" },
  stdout: (s) => console.error(s),
  stderr: (s) => console.error(s),
});
pyodide.runPython(`
import os, random, sys
os.environ.pop("PYTHONHASHSEED", None)
os.environ.pop("_", None)
while "" in sys.path:
    sys.path.remove("")  # loadPyodide puts it back after a restore
random.seed(0)
`);
const snapshot = pyodide.makeMemorySnapshot();
fs.writeFileSync(outfile, snapshot);
console.error(`snapshot: ${snapshot.length} bytes -> ${outfile}`);
