// Run the grader inside real Pyodide under Node.js, the way the browser worker does.
//
//   node builder/pyodide_runner.mjs DIST_DIR
//
// DIST_DIR is a self-hosted Pyodide folder whose pyodide-lock.json lists "nprl-grader"
// (builder.pyodide_dist.add_wheels_to_lock). Start-up mirrors site/src/worker.js:
// loadPyodide({indexURL}) -> loadPackage(["numpy", "nprl-grader"]) -> MPLBACKEND=Agg ->
// pyimport("grader").entry. Before each request, loadPackagesFromImports(code / tests),
// then a synchronous call of grader.entry (never runPythonAsync).
//
// Protocol: one JSON object per line. Requests on stdin:
//   {"id": 1, "op": "entry", "request": "<request JSON string>"}
//   {"id": 2, "op": "eval", "code": "<python source>"}   (value of the last expression, as str)
//   {"id": 3, "op": "load", "packages": ["matplotlib"]}  (loadPackage; JSON list of loaded names)
// Replies on stdout, each line starting with the marker "@@nprl@@ ":
//   {"id": 1, "ok": true, "result": "<string>", "ms": 12.3}
//   {"id": 1, "ok": false, "error": "<message>"}
// plus {"id": null, "ok": true, "ready": true, "ms": ...} once Pyodide is ready.
// Everything else (Python's print, Pyodide's messages) goes to stderr.
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import path from "node:path";

const MARK = "@@nprl@@ ";
const reply = (obj) => process.stdout.write(MARK + JSON.stringify(obj) + "\n");
// Keep stdout for the protocol only.
console.log = (...args) => console.error(...args);
console.info = (...args) => console.error(...args);

const distDir = path.resolve(process.argv[2] || ".");
const indexURL = distDir + path.sep;
const quiet = { messageCallback: (m) => process.stderr.write(`[pyodide] ${m}\n`) };

let pyodide = null;
let entry = null;

async function init() {
  const t0 = performance.now();
  const { loadPyodide } = await import(pathToFileURL(path.join(distDir, "pyodide.mjs")).href);
  pyodide = await loadPyodide({
    indexURL,
    stdout: (s) => process.stderr.write(s + "\n"),
    stderr: (s) => process.stderr.write(s + "\n"),
  });
  await pyodide.loadPackage(["numpy", "nprl-grader"], quiet);
  pyodide.runPython("import os; os.environ.setdefault('MPLBACKEND', 'Agg')");
  entry = pyodide.pyimport("grader").entry;
  return performance.now() - t0;
}

async function loadImports(sources) {
  for (const source of sources) {
    if (!source) continue;
    try {
      await pyodide.loadPackagesFromImports(source, quiet);
    } catch (err) {
      // An import missing from the lock is reported by Python itself when the code runs.
    }
  }
}

async function handle(msg) {
  const t0 = performance.now();
  if (msg.op === "entry") {
    let request = {};
    try {
      request = JSON.parse(msg.request);
    } catch (err) {
      // grader.entry reports malformed JSON itself.
    }
    await loadImports([request.code || "", (request.exercise && request.exercise.tests) || ""]);
    const result = entry(msg.request);
    return { id: msg.id, ok: true, result: String(result), ms: performance.now() - t0 };
  }
  if (msg.op === "eval") {
    await loadImports([msg.code]);
    let value = pyodide.runPython(msg.code);
    if (value && typeof value.toJs === "function") {
      const proxy = value;
      value = proxy.toString();
      proxy.destroy();
    }
    return { id: msg.id, ok: true, result: String(value), ms: performance.now() - t0 };
  }
  if (msg.op === "load") {
    // Load packages by name from the dist's lock (no network: indexURL is a local folder).
    const loaded = [];
    await pyodide.loadPackage(msg.packages, {
      messageCallback: (m) => process.stderr.write(`[pyodide] ${m}\n`),
      errorCallback: (m) => {
        throw new Error(m);
      },
    });
    for (const name of Object.keys(pyodide.loadedPackages).sort()) loaded.push(name);
    return { id: msg.id, ok: true, result: JSON.stringify(loaded), ms: performance.now() - t0 };
  }
  throw new Error(`unknown op ${JSON.stringify(msg.op)}`);
}

async function main() {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  const pending = [];
  let wake = null;
  lines.on("line", (line) => {
    pending.push(line);
    if (wake) wake();
  });
  let closed = false;
  lines.on("close", () => {
    closed = true;
    if (wake) wake();
  });
  try {
    const ms = await init();
    reply({ id: null, ok: true, ready: true, ms });
  } catch (err) {
    reply({ id: null, ok: false, ready: false, error: String((err && err.stack) || err) });
    process.exit(2);
  }
  // Requests are answered strictly one after another, in order.
  for (;;) {
    if (pending.length === 0) {
      if (closed) break;
      await new Promise((resolve) => (wake = resolve));
      wake = null;
      continue;
    }
    const line = pending.shift();
    if (!line.trim()) continue;
    let msg;
    try {
      msg = JSON.parse(line);
    } catch (err) {
      reply({ id: null, ok: false, error: `bad request line: ${err.message}` });
      continue;
    }
    try {
      reply(await handle(msg));
    } catch (err) {
      reply({ id: msg.id, ok: false, error: String((err && err.message) || err) });
    }
  }
  process.exit(0);
}

main();
