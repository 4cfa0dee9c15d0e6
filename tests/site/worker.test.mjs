// site/src/worker.js in a Node vm with a fake Pyodide: the worker side of issue 13's races
// and the live updates of grader/live.py. Run by tests/test_site_unit.py (`node --test`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const SOURCE = readFileSync(new URL("../../site/src/worker.js", import.meta.url), "utf-8");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A worker global scope running worker.js; `entry` is what grader.entry does. */
function startWorker(entry) {
  const posted = [];
  const waiters = [];
  const calls = [];
  const pyodide = {
    loadedPackages: {},
    runPython() {},
    setInterruptBuffer(buffer) {
      pyodide.buffer = buffer;
    },
    async loadPackagesFromImports() {
      await sleep(5); // the real one is async too: the page's Stop can land meanwhile
    },
    pyimport() {
      return {
        entry: (json) => {
          const request = JSON.parse(json);
          calls.push({ request, interrupt: pyodide.buffer ? pyodide.buffer[0] : null });
          return JSON.stringify(entry(request, context));
        },
      };
    },
  };
  const context = {
    console: { warn() {}, log() {} },
    setTimeout,
    clearTimeout,
    performance,
    TextDecoder,
    JSON,
    importScripts() {},
    loadPyodide: async () => pyodide,
    fetch: async () => {
      throw new Error("no network in this test");
    },
    postMessage(msg) {
      posted.push(msg);
      for (const w of waiters.splice(0)) w();
    },
  };
  context.self = context;
  vm.createContext(context);
  vm.runInContext(SOURCE, context, { filename: "worker.js" });
  const send = (msg) => context.onmessage({ data: msg });
  const next = async (type) => {
    for (;;) {
      const found = posted.find((m) => m.type === type);
      if (found) return found;
      await new Promise((resolve) => waiters.push(resolve));
    }
  };
  return { send, next, posted, calls, pyodide };
}

const bundle = { id: "demo", kind: "code", starter: "", imports: [] };

test("a Stop set before the worker starts the request is honoured, not wiped", async () => {
  const buffer = new Int32Array(new SharedArrayBuffer(4));
  const w = startWorker(() => ({ action: "run", stdout: "ran", error: null, figures: [] }));
  w.send({ type: "init", indexURL: "http://x/pyodide/", buffer: buffer.buffer });
  await w.next("ready");
  w.send({ type: "request", id: 1, request: { action: "run", code: "while True: pass", exercise: bundle } });
  buffer[0] = 2; // the page's Stop, while the worker still looks for imports
  const msg = await Promise.race([w.next("stopped"), w.next("result")]);
  assert.equal(msg.type, "stopped", `the worker ran the stopped request: ${JSON.stringify(w.posted)}`);
  assert.equal(w.calls.length, 0, "grader.entry was called for a request stopped before it started");
  assert.equal(w.posted.some((m) => m.type === "started"), false);
});

test("without a Stop the request runs with a clear buffer", async () => {
  const buffer = new Int32Array(new SharedArrayBuffer(4));
  const w = startWorker(() => ({ action: "run", stdout: "ran", error: null, figures: [] }));
  w.send({ type: "init", indexURL: "http://x/pyodide/", buffer: buffer.buffer });
  await w.next("ready");
  w.send({ type: "request", id: 7, request: { action: "run", code: "print(1)", exercise: bundle } });
  const msg = await w.next("result");
  assert.equal(msg.id, 7);
  assert.equal(msg.result.stdout, "ran");
  assert.deepEqual(w.calls.map((c) => c.interrupt), [0]);
});

test("live points from Python are posted during a Run, not during a Check", async () => {
  const w = startWorker((request, scope) => {
    scope.nprlLive(JSON.stringify({ curves: [{ key: 0, title: "loss", start: 0, values: [2.5, 1.25] }] }));
    return { action: request.action, stdout: "", error: null, figures: [] };
  });
  w.send({ type: "init", indexURL: "http://x/pyodide/", buffer: null });
  await w.next("ready");
  w.send({ type: "request", id: 3, request: { action: "run", code: "", exercise: bundle } });
  await w.next("result");
  const live = w.posted.filter((m) => m.type === "live");
  assert.equal(live.length, 1, JSON.stringify(w.posted));
  assert.equal(live[0].id, 3);
  assert.deepEqual(live[0].data.curves[0].values, [2.5, 1.25]);
  const started = w.posted.findIndex((m) => m.type === "started");
  const finished = w.posted.findIndex((m) => m.type === "result");
  const at = w.posted.indexOf(live[0]);
  assert.ok(started < at && at < finished, "the live point must come between started and result");
  w.posted.length = 0;
  w.send({ type: "request", id: 4, request: { action: "check", code: "", exercise: bundle } });
  await w.next("result");
  assert.equal(w.posted.filter((m) => m.type === "live").length, 0);
});

test("a preload sent with init waits for Python, then loads each import line, before any request", async () => {
  const w = startWorker(() => ({ action: "run", stdout: "ran", error: null, figures: [] }));
  const loaded = [];
  const ran = [];
  w.pyodide.loadPackagesFromImports = async (source) => {
    await sleep(2);
    if (source.includes("(")) throw new Error("SyntaxError"); // a line that does not parse alone
    loaded.push(source);
    if (source.includes("matplotlib")) w.pyodide.loadedPackages.matplotlib = "default channel";
  };
  w.pyodide.runPython = (code) => ran.push(code);
  w.send({ type: "init", indexURL: "http://x/pyodide/", buffer: null });
  w.send({ type: "preload", source: "from numpy import (\nimport matplotlib.pyplot as plt\nimport numpy" });
  w.send({ type: "request", id: 5, request: { action: "run", code: "", exercise: bundle } });
  await w.next("ready");
  const msg = await w.next("result");
  assert.equal(msg.id, 5);
  assert.deepEqual(loaded.slice(0, 2), ["import matplotlib.pyplot as plt", "import numpy"], `loaded: ${JSON.stringify(loaded)}`);
  assert.ok(ran.includes("import matplotlib.pyplot"), `pyplot was not imported ahead: ${JSON.stringify(ran)}`);
  assert.ok(w.calls.length === 1, "the request did not run after the preload");
});
