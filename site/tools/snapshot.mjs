// Build-time Pyodide memory snapshot: the interpreter after start-up, with every standard-
// library module the worker's start and a first Run or Check import already imported, so the
// browser worker restores it instead of initialising Python and compiling those modules.
// Usage: node tools/snapshot.mjs PYODIDE_DIR OUTFILE
//
// 1. A probe: a throwaway Pyodide loads NumPy and the grader as the worker does, runs a
//    program that fails and checks a small exercise; the standard-library modules it ends
//    up with are listed (the list follows the grader and NumPy as they change).
// 2. The snapshot: a fresh Pyodide imports that list. NumPy and the grader themselves are not
//    in it (Pyodide 0.27 snapshots hold the Wasm memory only, not loaded dynamic libraries
//    or files); the worker installs them after the restore.
// 3. Python 3.12's zipimport re-reads the standard library's whole zip directory, once per
//    package imported from it, on every importlib.invalidate_caches() (Pyodide calls it
//    after installing packages: about 0.3 s here). The zip never changes while Python runs,
//    so the snapshot skips that re-read for it (Python 3.13 made the re-read lazy).
//
// Deterministic: fixed clock, PYTHONHASHSEED=0 (the hash secret lives in the snapshot, so it
// is fixed anyway; this makes it explicit), `random` seeded with 0 (the worker reseeds it
// from the browser's entropy after the restore), a fixed environment, sorted module list.
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
const quiet = { stdout: () => {}, stderr: (s) => console.error(s) };
// Emscripten names the program (sys.executable, the `_` variable) after this script's path:
// a fixed name instead, so the bytes do not depend on where the checkout is.
process.argv.splice(1, process.argv.length - 1, "snapshot");
const env = { HOME: "/home/pyodide", PYTHONHASHSEED: "0" };

// What a first Run and Check go through: a program that raises, and an exercise with a
// passing, a failing and an erroring test.
const PROBE_TESTS = `
import numpy as np
from grader.testing import call_unmodified, expect_array, expect_raises, expect_scalar, expect_true, test_case

@test_case(points=1)
def passes(student):
    """double doubles."""
    expect_array(call_unmodified(student.double, np.arange(3.0)), [0.0, 2.0, 4.0], name="double(x)")
    expect_scalar(float(student.double(np.float64(1.5))), 3.0, name="double(1.5)")

@test_case(points=1)
def fails(student):
    """double is wrong on purpose."""
    expect_true(False, "a failing test")

@test_case(points=1)
def raises(student):
    """student code that raises."""
    expect_raises(ValueError, student.double, None)
`;
const PROBE_REQUESTS = [
  { action: "run", exercise: { id: "probe" }, code: "import numpy as np\nprint(np.ones(2))\n1 / 0\n" },
  {
    action: "check",
    exercise: { id: "probe", kind: "code", function_names: ["double"], tests: PROBE_TESTS, seed: 0, time_limit: 10 },
    code: "import numpy as np\n\ndef double(x):\n    return np.asarray(x, dtype=float) * 2\n",
  },
];

const probe = await loadPyodide({ indexURL, env, ...quiet });
await probe.loadPackage(["numpy", "nprl-grader"], { messageCallback: () => {} });
probe.runPython("import os; os.environ.setdefault('MPLBACKEND', 'Agg'); import numpy, grader");
const entry = probe.pyimport("grader").entry;
for (const request of PROBE_REQUESTS) {
  const result = JSON.parse(entry(JSON.stringify(request)));
  if (result.exercise !== "probe" || (request.action === "check" && result.tests.length !== 3)) {
    console.error(`snapshot probe: unexpected result ${JSON.stringify(result).slice(0, 500)}`);
    process.exit(1);
  }
}
const modules = probe
  .runPython(
    `
import sys
ZIPS = tuple(entry + "/" for entry in sys.path if entry.endswith(".zip"))  # /lib/python312.zip
def _from_stdlib(module):
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
    return origin in ("built-in", "frozen") or origin.startswith(ZIPS)
sorted(name for name, module in list(sys.modules.items()) if name != "__main__" and _from_stdlib(module))
`,
  )
  .toJs();

const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true, env, ...quiet });
pyodide.globals.set("PRELOAD", pyodide.toPy(modules));
const missing = pyodide
  .runPython(
    `
import importlib, os, random, sys, zipimport
missing = []
for name in PRELOAD:
    try:
        importlib.import_module(name)
    except Exception as exc:
        missing.append(f"{name}: {type(exc).__name__}: {exc}")
del name, PRELOAD

def _skip_stdlib_reread(invalidate, archives):
    def invalidate_caches(self):
        if self.archive not in archives:
            invalidate(self)
    invalidate_caches.__doc__ = invalidate.__doc__
    return invalidate_caches

zipimport.zipimporter.invalidate_caches = _skip_stdlib_reread(
    zipimport.zipimporter.invalidate_caches,
    frozenset(f.archive for f in sys.path_importer_cache.values() if isinstance(f, zipimport.zipimporter)),
)
del _skip_stdlib_reread
os.environ.pop("PYTHONHASHSEED", None)
os.environ.pop("_", None)
while "" in sys.path:
    sys.path.remove("")  # loadPyodide puts it back after a restore
random.seed(0)
missing
`,
  )
  .toJs();
pyodide.globals.delete("missing");
if (missing.length) {
  console.error(`snapshot: standard-library modules that did not import:\n  ${missing.join("\n  ")}`);
  process.exit(1);
}
const snapshot = pyodide.makeMemorySnapshot();
fs.writeFileSync(outfile, snapshot);
console.error(`snapshot: ${modules.length} standard-library modules, ${snapshot.length} bytes -> ${outfile}`);
