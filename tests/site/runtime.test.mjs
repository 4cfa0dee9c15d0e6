// PythonRuntime (site/src/python.js) against a fake Worker: the request races of issue 13.
// Run by tests/test_site_unit.py (`node --test`); no browser, no Pyodide.
import { test, mock, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";

import { PythonRuntime, START_TIMEOUT_MS } from "../../site/src/python.js";

class FakeWorker {
  static all = [];
  constructor(url) {
    this.url = String(url);
    this.sent = [];
    this.terminated = false;
    FakeWorker.all.push(this);
  }
  postMessage(msg) {
    this.sent.push(msg);
  }
  terminate() {
    this.terminated = true;
  }
  emit(msg) {
    this.onmessage({ data: msg });
  }
  requests() {
    return this.sent.filter((m) => m.type === "request");
  }
}

function setup({ isolated }) {
  FakeWorker.all = [];
  globalThis.window = globalThis;
  globalThis.self = globalThis;
  globalThis.document = { baseURI: "http://localhost/course/page.html" };
  globalThis.Worker = FakeWorker;
  globalThis.crossOriginIsolated = isolated;
  delete globalThis.nprlBoot;
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

async function readyRuntime({ isolated = false } = {}) {
  setup({ isolated });
  const runtime = new PythonRuntime("pyodide/");
  const worker = FakeWorker.all[0];
  worker.emit({ type: "ready", ms: 1 });
  await flush();
  return { runtime, worker };
}

function result(id, extra = {}) {
  return { type: "result", id, result: { action: "run", stdout: "ok\n", error: null, figures: [], ...extra } };
}

beforeEach(() => mock.timers.enable({ apis: ["setTimeout"] }));
afterEach(() => mock.timers.reset());

test("cancel() of a queued request stops only that request, never the running one", async () => {
  const { runtime, worker } = await readyRuntime({ isolated: true });
  const a = runtime.request({ action: "run", code: "A" });
  const b = runtime.request({ action: "run", code: "B" });
  await flush();
  assert.equal(typeof b.cancel, "function", "request() must return a job with cancel()");
  const [sentA] = worker.requests();
  assert.equal(sentA.request.code, "A");
  worker.emit({ type: "started", id: sentA.id });
  b.cancel();
  const stoppedB = await b;
  assert.equal(stoppedB.stopped, true, "the cancelled queued request resolves as stopped");
  assert.equal(runtime.interrupt[0], 0, `A was interrupted by B's Stop (buffer ${runtime.interrupt[0]})`);
  assert.equal(worker.terminated, false, "B's Stop terminated the worker running A");
  worker.emit(result(sentA.id));
  const resultA = await a;
  assert.equal(resultA.stdout, "ok\n", `A should finish normally, got ${JSON.stringify(resultA)}`);
  await flush();
  assert.deepEqual(worker.requests().map((m) => m.request.code), ["A"], "B was sent after being cancelled");
});

test("cancel() without isolation restarts the worker only for its own running request", async () => {
  const { runtime, worker } = await readyRuntime({ isolated: false });
  const a = runtime.request({ action: "run", code: "A" });
  await flush();
  worker.emit({ type: "started", id: worker.requests()[0].id });
  a.cancel();
  const out = await a;
  assert.equal(out.stopped, true);
  assert.equal(worker.terminated, true);
  assert.notEqual(runtime.worker, worker, "the stopped worker is still the runtime's");
  assert.equal(runtime.worker.terminated, false, "the worker that took over is not running");
});

test("a worker crash before 'started' ends the request instead of leaving it pending", async () => {
  const { runtime, worker } = await readyRuntime();
  const job = runtime.request({ action: "check", code: "x = 1" });
  await flush();
  assert.equal(worker.requests().length, 1);
  worker.onerror({ message: "out of memory" });
  const out = await job;
  assert.equal(out.stopped, true);
  assert.match(out.error.title, /Python stopped working/);
  assert.match(out.error.message, /out of memory/);
  assert.equal(runtime.busy, false);
  assert.equal(FakeWorker.all.length, 2, "the crashed worker is replaced");
  // The new worker answers the next request.
  const next = runtime.request({ action: "run", code: "y" });
  FakeWorker.all[1].emit({ type: "ready" });
  await flush();
  const [sent] = FakeWorker.all[1].requests();
  FakeWorker.all[1].emit(result(sent.id));
  assert.equal((await next).stdout, "ok\n");
});

test("a worker that never says 'started' times out instead of hanging", async () => {
  const { runtime, worker } = await readyRuntime();
  const job = runtime.request({ action: "check", code: "x = 1" });
  await flush();
  let settled = false;
  job.then(() => (settled = true));
  mock.timers.tick(START_TIMEOUT_MS - 1);
  await flush();
  assert.equal(settled, false, "gave up too early");
  mock.timers.tick(2);
  const out = await job;
  assert.match(out.error.title, /Python stopped working/);
  assert.equal(worker.terminated, true);
});

test("a Stop pressed before 'started' stays in the interrupt buffer", async () => {
  const { runtime, worker } = await readyRuntime({ isolated: true });
  const job = runtime.request({ action: "run", code: "while True: pass" });
  await flush();
  const [sent] = worker.requests();
  job.cancel();
  assert.equal(runtime.interrupt[0], 2, "Stop before 'started' did not set the interrupt buffer");
  worker.emit({ type: "started", id: sent.id });
  assert.equal(runtime.interrupt[0], 2, "the interrupt was wiped when the request started");
  worker.emit({ type: "stopped", id: sent.id });
  const out = await job;
  assert.equal(out.stopped, true);
  // The next request starts with a clear buffer.
  runtime.request({ action: "run", code: "print(1)" });
  await flush();
  assert.equal(runtime.interrupt[0], 0);
});

test("live updates reach the request that asked for them", async () => {
  const { runtime, worker } = await readyRuntime();
  const seen = [];
  const job = runtime.request({ action: "run", code: "train()" }, { onLive: (d) => seen.push(d) });
  await flush();
  const [sent] = worker.requests();
  worker.emit({ type: "started", id: sent.id });
  worker.emit({ type: "live", id: sent.id, data: { curves: [{ key: 0, start: 0, values: [1.5] }] } });
  worker.emit({ type: "live", id: sent.id + 100, data: { curves: [] } }); // someone else's
  worker.emit(result(sent.id));
  await job;
  assert.deepEqual(seen, [{ curves: [{ key: 0, start: 0, values: [1.5] }] }]);
});

// ---- the warm spare worker (issue 19): Stop without isolation needs no fresh Python start

test("without isolation a spare starts once code runs, and a Stop hands over to it ready", async () => {
  const { runtime, worker } = await readyRuntime({ isolated: false });
  assert.equal(FakeWorker.all.length, 1, "a spare started before any code ran");
  const job = runtime.request({ action: "run", code: "import numpy as np\nwhile True: pass" });
  await flush();
  worker.emit({ type: "started", id: worker.requests()[0].id });
  assert.equal(FakeWorker.all.length, 2, "no spare was started when the code started");
  const spare = FakeWorker.all[1];
  assert.equal(spare.sent[0].type, "init");
  spare.emit({ type: "ready", ms: 1 }); // warm in the background
  assert.equal(runtime.status, "busy", "the spare's ready changed the page's status");
  job.cancel();
  const out = await job;
  assert.equal(out.stopped, true);
  assert.equal(runtime.worker, spare, "the spare did not take over");
  assert.equal(runtime.status, "ready", "the promoted spare is ready at once");
  assert.equal(runtime.stats.promotions, 1);
  // The next Run goes to the promoted spare at once: no init, no wait.
  const next = runtime.request({ action: "run", code: "print('back')" });
  await flush();
  const [sent] = spare.requests();
  assert.ok(sent, "the next Run was not sent to the spare");
  spare.emit({ type: "started", id: sent.id });
  spare.emit(result(sent.id));
  assert.equal((await next).stdout, "ok\n");
  // And a new spare is warming for the Stop after that.
  assert.equal(FakeWorker.all.length, 3);
  assert.equal(runtime.spare.worker, FakeWorker.all[2]);
});

test("a spare loads what the code imported so far, and new imports as they come", async () => {
  const { runtime, worker } = await readyRuntime({ isolated: false });
  const job = runtime.request({ action: "run", code: "import matplotlib.pyplot as plt\nx = 1", exercise: { imports: ["numpy"] } });
  await flush();
  worker.emit({ type: "started", id: worker.requests()[0].id });
  const spare = FakeWorker.all[1];
  const preload = spare.sent.find((m) => m.type === "preload");
  assert.ok(preload, "the spare was not told what to load");
  assert.deepEqual(preload.source.split("\n").sort(), ["import matplotlib.pyplot as plt", "import numpy"]);
  worker.emit(result(worker.requests()[0].id));
  await job;
  runtime.request({ action: "run", code: "from grader.live import LossCurve\nimport numpy" });
  await flush();
  const later = spare.sent.filter((m) => m.type === "preload").map((m) => m.source);
  assert.deepEqual(later, [preload.source, "from grader.live import LossCurve"], "only the new import line is sent");
});

test("a Stop before the spare is ready still hands over to it (it started earlier)", async () => {
  const { runtime, worker } = await readyRuntime({ isolated: false });
  const job = runtime.request({ action: "run", code: "while True: pass" });
  await flush();
  worker.emit({ type: "started", id: worker.requests()[0].id });
  const spare = FakeWorker.all[1];
  job.cancel();
  await job;
  assert.equal(runtime.worker, spare);
  assert.equal(runtime.status, "loading");
  const next = runtime.request({ action: "run", code: "print(1)" });
  await flush();
  assert.equal(spare.requests().length, 0, "sent before the spare was ready");
  spare.emit({ type: "ready", ms: 1 });
  await flush();
  const [sent] = spare.requests();
  spare.emit({ type: "started", id: sent.id });
  spare.emit(result(sent.id));
  assert.equal((await next).stdout, "ok\n");
});

test("a spare that fails to start is dropped, and the next Stop starts a fresh worker", async () => {
  const { runtime, worker } = await readyRuntime({ isolated: false });
  const job = runtime.request({ action: "run", code: "while True: pass" });
  await flush();
  worker.emit({ type: "started", id: worker.requests()[0].id });
  const spare = FakeWorker.all[1];
  spare.emit({ type: "init-error", message: "no network" });
  assert.equal(spare.terminated, true);
  assert.equal(runtime.spare, null);
  assert.equal(runtime.status, "busy", "the spare's failure reached the page's status");
  job.cancel();
  await job;
  assert.equal(FakeWorker.all.length, 3, "no fresh worker after the Stop");
  assert.equal(runtime.worker, FakeWorker.all[2]);
  assert.equal(runtime.stats.promotions, 0);
});

test("with isolation there is no spare: Stop interrupts the one worker", async () => {
  const { runtime, worker } = await readyRuntime({ isolated: true });
  const job = runtime.request({ action: "run", code: "while True: pass" });
  await flush();
  const [sent] = worker.requests();
  worker.emit({ type: "started", id: sent.id });
  assert.equal(FakeWorker.all.length, 1, "a spare was started although Stop can interrupt");
  job.cancel();
  assert.equal(runtime.interrupt[0], 2);
  worker.emit(result(sent.id, { error: { title: "Stopped" } }));
  await job;
  assert.equal(runtime.worker, worker);
});
