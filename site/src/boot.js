// Inlined at the top of every page with exercises (builder/pages.py), before the stylesheets,
// the lesson and the editor bundle load.
// 1. Starts the Python worker on hold: the thread and its script are up at once, but it
//    loads Pyodide, NumPy and the grader only when the page has put up the first editor
//    (PythonRuntime.release in python.js, which adopts this worker) or after HOLD_MS.
// 2. On a link to an exercise (#ex-<id>), the lesson around it is not rendered until that
//    editor is up (site/css/style.css: html.target-first), so the browser lays out the
//    exercise first. The class comes off when the editor exists, or after HOLD_MS whatever
//    happens to the editor bundle.
(function () {
  var HOLD_MS = 2500;
  var root = document.documentElement;
  if (/^#ex-[A-Za-z0-9_]+$/.test(location.hash)) {
    root.classList.add("target-first");
    setTimeout(function () { root.classList.remove("target-first"); }, HOLD_MS);
  }
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
  boot.worker.postMessage({ type: "init", indexURL: new URL("pyodide/", document.baseURI).href, buffer: boot.buffer, holdMs: HOLD_MS });
  window.nprlBoot = boot;
})();
