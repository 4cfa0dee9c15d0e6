// Build-time bytecode for NumPy and the grader: their wheels hold .py files only, so the
// first `import numpy` in the browser would compile every module. This compiles them once,
// in Pyodide itself (same CPython 3.12 as the browser), as unchecked-hash .pyc files (PEP
// 552: used as they are, no timestamps, deterministic) and packs them into one file the
// worker writes into __pycache__ folders after installing the wheels.
// Usage: node tools/pycache.mjs PYODIDE_DIR OUTFILE
//
// OUTFILE layout: 4-byte little-endian length N, N bytes of JSON {"packages": {name: sha256
// from pyodide-lock.json}, "files": [[path, size], ...]}, then the files' bytes in order.
// The worker uses the files only if the lock it loaded lists the same wheels.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [dist, outfile] = process.argv.slice(2);
if (!dist || !outfile) {
  console.error("usage: node tools/pycache.mjs PYODIDE_DIR OUTFILE");
  process.exit(2);
}
const indexURL = path.resolve(dist) + path.sep;
const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
const pyodide = await loadPyodide({ indexURL, stdout: (s) => console.error(s), stderr: (s) => console.error(s) });
await pyodide.loadPackage(["numpy", "nprl-grader"], { messageCallback: (m) => console.error(m) });
const files = pyodide.runPython(`
import importlib.util, os, py_compile, sysconfig
site = sysconfig.get_paths()["purelib"]
written = []
for top in ("numpy", "grader"):
    for root, dirs, names in os.walk(os.path.join(site, top)):
        dirs[:] = sorted(d for d in dirs if d not in ("tests", "__pycache__"))
        for name in sorted(names):
            if not name.endswith(".py"):
                continue
            source = os.path.join(root, name)
            target = importlib.util.cache_from_source(source)
            try:
                py_compile.compile(source, cfile=target, doraise=True,
                                   invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
            except py_compile.PyCompileError:
                continue  # left to the import system, as without this file
            written.append("/" + target.lstrip("/"))
written
`).toJs();
const blobs = files.map((p) => pyodide.FS.readFile(p));
const lock = JSON.parse(fs.readFileSync(indexURL + "pyodide-lock.json", "utf8"));
const packages = Object.fromEntries(["numpy", "nprl-grader"].map((name) => [name, lock.packages[name].sha256]));
const index = Buffer.from(JSON.stringify({ packages, files: files.map((p, i) => [p, blobs[i].length]) }), "utf8");
const head = Buffer.alloc(4);
head.writeUInt32LE(index.length, 0);
fs.writeFileSync(outfile, Buffer.concat([head, index, ...blobs.map((b) => Buffer.from(b))]));
console.error(`pycache: ${files.length} files -> ${outfile}`);
