// The Python worker: loads the self-hosted Pyodide, NumPy and the grader, then answers
// {type: "request", id, request} with grader.entry(JSON) -> JSON. Nothing else lives here.
/* global importScripts, loadPyodide */
"use strict";

let pyodide = null;
let entry = null;
let interruptBuffer = null;
let queue = Promise.resolve();
let started = null; // init()'s promise

// Built by builder/site.py (site/tools/snapshot.mjs): Python's memory right after start-up,
// gzipped. Restoring it skips initialising the interpreter; without it (or if it does not
// match this Pyodide build) the worker starts Python the ordinary way.
const SNAPSHOT = "nprl-snapshot.bin.gz";
const SNAPSHOT_MAGIC = 0x706e7300; // "\0snp"
// Built by builder/site.py (site/tools/pycache.mjs): NumPy's and the grader's bytecode.
const PYCACHE = "nprl-pycache.bin.gz";

async function fetchGzip(url) {
  const resp = await fetch(url);
  if (!resp.ok) throw new Error(`${url}: HTTP ${resp.status}`);
  const bytes = new Uint8Array(await resp.arrayBuffer());
  // A server that sends .gz files with Content-Encoding: gzip hands over inflated bytes.
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(inflated).arrayBuffer());
}

/**
 * The snapshot's header as Pyodide 0.27 writes it: magic, header length, then Wasm memory
 * in whole 64 KiB pages. Pyodide sizes the Wasm memory from the file before it reads the
 * header, and a wrong size makes its start-up hang instead of fail: check first.
 */
function checkSnapshot(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = bytes.byteLength >= 16 && view.getUint32(0, true) === SNAPSHOT_MAGIC ? view.getUint32(4, true) : 0;
  const pages = (bytes.byteLength - header) / 65536;
  if (header < 16 || pages < 1 || !Number.isInteger(pages)) throw new Error(`${SNAPSHOT} is not a Pyodide memory snapshot`);
  return bytes;
}

async function startPython(indexURL) {
  // NumPy and the grader wheel are fetched and installed once the interpreter is up.
  const packages = ["numpy", "nprl-grader"];
  if (typeof DecompressionStream === "function") {
    const snapshot = fetchGzip(indexURL + SNAPSHOT).then(checkSnapshot);
    snapshot.catch(() => {});
    try {
      const py = await loadPyodide({ indexURL, packages, _loadSnapshot: snapshot });
      // The snapshot holds `random` seeded at build time: reseed from this browser's entropy.
      py.runPython("import random; random.seed()");
      return py;
    } catch (err) {
      console.warn(`Python snapshot not used (${err && err.message ? err.message : err}); starting normally`);
    }
  }
  return loadPyodide({ indexURL, packages });
}

/** Write the prebuilt .pyc files next to the installed sources, if they are for these wheels. */
async function installPycache(indexURL, pending) {
  try {
    const bytes = await pending;
    const n = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
    const index = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + n)));
    const lock = await (await fetch(indexURL + "pyodide-lock.json")).json();
    for (const [name, sha256] of Object.entries(index.packages)) {
      if (!lock.packages[name] || lock.packages[name].sha256 !== sha256) throw new Error(`${name} differs from the lock file`);
    }
    let offset = 4 + n;
    for (const [path, size] of index.files) {
      pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
      pyodide.FS.writeFile(path, bytes.subarray(offset, offset + size));
      offset += size;
    }
  } catch (err) {
    console.warn(`bytecode cache not used (${err && err.message ? err.message : err})`);
  }
}

/**
 * A spare worker (python.js) loads ahead what the page's code has imported so far, one
 * line at a time (a line that does not parse alone is skipped), and matplotlib's pyplot.
 */
async function preload(source) {
  for (const line of source.split("\n")) await loadImports(line);
  if (/\bmatplotlib\b/.test(source) && pyodide.loadedPackages.matplotlib) pyodide.runPython("import matplotlib.pyplot");
}

// The page releases the hold once its first editor is up (PythonRuntime.release).
let release = () => {};
const released = new Promise((resolve) => {
  release = resolve;
});

async function init({ indexURL, buffer, holdMs = 0 }) {
  if (holdMs > 0) {
    // Started from the page's <head> (site/src/boot.js): the editor the reader came for
    // comes first. Measured on 2 cores (page 3, 8 cold loads each): starting Python, or
    // even just downloading it, at once made that editor 50-60 ms later and Python ready
    // no sooner.
    await Promise.race([released, new Promise((resolve) => setTimeout(resolve, holdMs))]);
  }
  const t0 = performance.now();
  importScripts(indexURL + "pyodide.js");
  const pycache = typeof DecompressionStream === "function" ? fetchGzip(indexURL + PYCACHE) : Promise.reject(new Error("no DecompressionStream"));
  pycache.catch(() => {});
  pyodide = await startPython(indexURL);
  await installPycache(indexURL, pycache);
  // Import NumPy now: a Stop must never land inside its first (slow) import.
  pyodide.runPython("import os; os.environ.setdefault('MPLBACKEND', 'Agg'); import numpy");
  if (buffer) {
    interruptBuffer = new Int32Array(buffer);
    pyodide.setInterruptBuffer(interruptBuffer);
  }
  entry = pyodide.pyimport("grader").entry;
  return performance.now() - t0;
}

// Import lines already handed to loadPackagesFromImports: asking again loads nothing new.
// stopRequested: a Stop interrupted Python while it looked for imports (reset per request).
let stopRequested = false;
const seenImports = new Set();

async function loadImports(source) {
  const key = source.split("\n").filter((line) => line.includes("import")).join("\n");
  if (!key || seenImports.has(key)) return;
  try {
    await pyodide.loadPackagesFromImports(source, { messageCallback: () => {} });
    if (seenImports.size < 200) seenImports.add(key);
  } catch (err) {
    // An import that is not in the lock is reported by Python itself when the code runs.
    if (err && err.type === "KeyboardInterrupt") stopRequested = true;
  }
}

// Live updates (grader/live.py) go to the page while a Run runs: Python calls this with a
// JSON string, at most about ten times a second.
let liveId = null;
self.nprlLive = (payload) => {
  if (liveId !== null) self.postMessage({ type: "live", id: liveId, data: JSON.parse(payload) });
};

async function handle(id, request) {
  // Load what the student's code imports (e.g. matplotlib) from the local lock. The hidden
  // tests are sealed in the bundle (grader/seal.py); what they import is listed beside them.
  await loadImports(request.code || "");
  const exercise = request.exercise || {};
  await loadImports(exercise.tests || (exercise.imports || []).map((m) => `import ${m}`).join("\n"));
  if (/\bmatplotlib\b/.test(request.code || "") && pyodide.loadedPackages.matplotlib) {
    // matplotlib's first import builds its font cache (seconds) and prints a notice: do it
    // here, not inside the student's run, its captured output and its time limit.
    try {
      pyodide.runPython("import matplotlib.pyplot");
    } catch (err) {
      if (!(err && err.type === "KeyboardInterrupt")) throw err;
      stopRequested = true;
    }
  }
  // The page clears the interrupt buffer before it sends a request and sets it on Stop, so a
  // Stop pressed before this point is still here (it may also have stopped Python inside
  // loadImports, which then swallowed it: stopRequested).
  if (stopRequested || (interruptBuffer && interruptBuffer[0] !== 0)) {
    if (interruptBuffer) interruptBuffer[0] = 0;
    self.postMessage({ type: "stopped", id });
    return;
  }
  self.postMessage({ type: "started", id });
  let result;
  liveId = request.action === "run" ? id : null;
  try {
    result = JSON.parse(entry(JSON.stringify(request)));
  } catch (err) {
    // Stop landed outside the student's code (e.g. while the grader set up): the page
    // reports a stop and restarts this worker, since Python's state may be half-changed.
    if (err && err.type === "KeyboardInterrupt") {
      self.postMessage({ type: "interrupted", id });
      return;
    }
    throw err;
  } finally {
    liveId = null;
  }
  self.postMessage({ type: "result", id, result });
}

self.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === "release") {
    release();
  } else if (msg.type === "preload") {
    queue = queue.then(() => started).then(() => preload(msg.source)).catch(() => {});
  } else if (msg.type === "init") {
    started = init(msg);
    started.then(
      (ms) => self.postMessage({ type: "ready", ms }),
      (err) => self.postMessage({ type: "init-error", message: String(err && err.message ? err.message : err) }),
    );
  } else if (msg.type === "request") {
    queue = queue.then(() =>
      ((stopRequested = false), handle(msg.id, msg.request)).catch((err) =>
        self.postMessage({ type: "failure", id: msg.id, message: String(err && err.message ? err.message : err) }),
      ),
    );
  }
};
