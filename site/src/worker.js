// The Python worker: loads the self-hosted Pyodide, NumPy and the grader, then answers
// {type: "request", id, request} with grader.entry(JSON) -> JSON. Nothing else lives here.
/* global importScripts, loadPyodide */
"use strict";

let pyodide = null;
let entry = null;
let interruptBuffer = null;
let queue = Promise.resolve();

async function init({ indexURL, buffer }) {
  const t0 = performance.now();
  importScripts(indexURL + "pyodide.js");
  // NumPy and the grader wheel load while the interpreter starts (same as loadPackage after).
  pyodide = await loadPyodide({ indexURL, packages: ["numpy", "nprl-grader"] });
  // Import NumPy now: a Stop must never land inside its first (slow) import.
  pyodide.runPython("import os; os.environ.setdefault('MPLBACKEND', 'Agg'); import numpy");
  if (buffer) {
    interruptBuffer = new Int32Array(buffer);
    pyodide.setInterruptBuffer(interruptBuffer);
  }
  entry = pyodide.pyimport("grader").entry;
  return performance.now() - t0;
}

async function handle(id, request) {
  // Load what the student's code imports (e.g. matplotlib) from the local lock file only.
  const sources = [request.code || "", (request.exercise && request.exercise.tests) || ""];
  for (const source of sources) {
    if (source) {
      try {
        await pyodide.loadPackagesFromImports(source, { messageCallback: () => {} });
      } catch (err) {
        // An import that is not in the lock is reported by Python itself when the code runs.
      }
    }
  }
  if (/\bmatplotlib\b/.test(request.code || "") && pyodide.loadedPackages.matplotlib) {
    // Import pyplot outside the grader's guard: its import-time setup is not student code.
    pyodide.runPython("import matplotlib.pyplot");
  }
  if (interruptBuffer) interruptBuffer[0] = 0;
  self.postMessage({ type: "started", id });
  let result;
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
  }
  self.postMessage({ type: "result", id, result });
}

self.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === "init") {
    init(msg).then(
      (ms) => self.postMessage({ type: "ready", ms }),
      (err) => self.postMessage({ type: "init-error", message: String(err && err.message ? err.message : err) }),
    );
  } else if (msg.type === "request") {
    queue = queue.then(() =>
      handle(msg.id, msg.request).catch((err) =>
        self.postMessage({ type: "failure", id: msg.id, message: String(err && err.message ? err.message : err) }),
      ),
    );
  }
};
