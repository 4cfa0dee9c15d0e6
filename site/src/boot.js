// Inlined at the top of every page with exercises (builder/pages.py): starts the Python
// worker before the stylesheets, the lesson and the editor bundle are loaded, so Pyodide,
// NumPy and the grader load while the page renders. PythonRuntime (python.js) adopts it.
(function () {
  if (typeof Worker === "undefined") return;
  var boot = { messages: [], error: null };
  try {
    boot.buffer = self.crossOriginIsolated && typeof SharedArrayBuffer !== "undefined" ? new SharedArrayBuffer(4) : null;
    boot.worker = new Worker(new URL("assets/worker.js", document.baseURI));
  } catch (err) {
    return; // PythonRuntime starts (and reports) the worker itself
  }
  boot.worker.onmessage = function (event) { boot.messages.push(event.data); };
  boot.worker.onerror = function (event) { boot.error = event.message || "the Python worker failed to start"; };
  boot.worker.postMessage({ type: "init", indexURL: new URL("pyodide/", document.baseURI).href, buffer: boot.buffer });
  window.nprlBoot = boot;
})();
