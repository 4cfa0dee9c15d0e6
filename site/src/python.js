// The page side of the Python worker: one worker per page, requests one at a time,
// Stop (interrupt buffer when cross-origin isolated, else terminate + restart) and time limits.
// Without isolation a warm spare worker is started in the background once code runs, so
// after a Stop the next Run goes to a Python that is already up (promoted at once).
//
// request() returns a job: a promise of the result with a cancel() of its own, so a Stop
// button stops its own request (a queued one never starts) and never another exercise's.
// The page owns the interrupt buffer: it clears it before sending a request and sets it
// on cancel, so a Stop pressed between sending and "started" is not lost. A worker that
// fails (error event, or no "started" within START_TIMEOUT_MS) ends the request it holds.

const STOPPED = { title: "Stopped", message: "The program was stopped before it finished.", hint: null, line: null, traceback: null };
// Loading what the code imports (e.g. matplotlib) comes before "started": allow for it.
export const START_TIMEOUT_MS = 90_000;
// After an interrupt, how long Python may take to notice it before the worker is replaced.
export const INTERRUPT_GRACE_MS = 1500;

export function stoppedResult(action, error = STOPPED) {
  return { action, stopped: true, passed: false, score: 0, tests: [], stdout: "", figures: [], error };
}

function crashResult(action, message) {
  return stoppedResult(action, {
    title: "Python stopped working",
    message: `The Python worker stopped before your code finished (${message}). It has been restarted.`,
    hint: "Press the button again; if it keeps happening, reload the page.",
    line: null,
    traceback: null,
  });
}

// How many import lines a spare worker is asked to load ahead (see preload below).
const PRELOAD_LINES = 200;

export class PythonRuntime {
  /**
   * `spare`: keep a second worker started in the background, so a Stop that has to end the
   * worker hands over to a Python that is already up (default: when not cross-origin
   * isolated, where every Stop ends the worker).
   */
  constructor(indexURL, { spare } = {}) {
    this.indexURL = new URL(indexURL, document.baseURI).href;
    this.isolated = Boolean(self.crossOriginIsolated && typeof SharedArrayBuffer !== "undefined");
    this.spareEnabled = spare ?? !this.isolated;
    this.spare = null; // a worker slot starting or ready in the background
    this.imports = new Set(); // import lines of the requests sent so far (a new spare loads them too)
    this.stats = { starts: 0, promotions: 0 };
    this.listeners = new Set();
    this.nextId = 1;
    this.current = null; // the job the worker holds (see request())
    this.chain = Promise.resolve();
    this.start();
  }

  onStatus(fn) {
    this.listeners.add(fn);
    fn(this.status, this.statusDetail);
  }

  setStatus(status, detail = "") {
    this.status = status;
    this.statusDetail = detail;
    for (const fn of this.listeners) fn(status, detail);
  }

  start() {
    // The first worker was started by the inline boot script in the page's <head>
    // (site/src/boot.js) with the same init message; adopt it once, with what it said so far.
    const boot = window.nprlBoot || null;
    if (boot && boot.worker) {
      window.nprlBoot = null;
      const slot = this.slot(boot.worker, boot.buffer ? new Int32Array(boot.buffer) : null);
      this.stats.starts += 1;
      this.activate(slot);
      for (const msg of boot.messages) slot.onMessage(msg);
      if (boot.error) slot.onError(boot.error);
    } else {
      this.activate(this.spawn());
    }
  }

  /** A new worker, told to start Python. */
  spawn() {
    const interrupt = this.isolated ? new Int32Array(new SharedArrayBuffer(4)) : null;
    const slot = this.slot(new Worker(new URL("assets/worker.js", document.baseURI)), interrupt);
    slot.worker.postMessage({ type: "init", indexURL: this.indexURL, buffer: interrupt ? interrupt.buffer : null });
    this.stats.starts += 1;
    return slot;
  }

  /** Wire a worker: {worker, interrupt, state: "loading" | "ready" | "error", ready}. */
  slot(worker, interrupt) {
    const slot = { worker, interrupt, state: "loading", error: "" };
    slot.ready = new Promise((resolve, reject) => {
      slot.resolve = resolve;
      slot.reject = reject;
    });
    slot.ready.catch(() => {});
    const failed = (message) => {
      slot.state = "error";
      slot.error = message;
      slot.reject(new Error(message));
      if (slot === this.active) this.setStatus("error", message);
      else if (slot === this.spare) this.dropSpare();
    };
    slot.onMessage = (msg) => {
      if (msg.type === "ready") {
        slot.state = "ready";
        slot.resolve();
        if (slot === this.active) this.setStatus("ready");
      } else if (msg.type === "init-error") {
        failed(msg.message);
      } else if (slot === this.active) {
        this.onWorkerMessage(msg);
      }
    };
    slot.onError = (message) => {
      if (slot.state === "loading") failed(message || "the Python worker failed to start");
      else if (slot.state === "error") return; // already reported
      else if (slot === this.active) this.crashed(message || "the Python worker failed");
      else if (slot === this.spare) this.dropSpare();
    };
    worker.onmessage = (event) => slot.onMessage(event.data);
    worker.onerror = (event) => slot.onError(event && event.message);
    worker.onmessageerror = () => slot.onError("a message from the worker could not be read");
    return slot;
  }

  /** Make `slot` the worker that runs requests. */
  activate(slot) {
    this.active = slot;
    this.worker = slot.worker;
    this.interrupt = slot.interrupt;
    this.ready = slot.ready;
    if (slot.state === "ready") this.setStatus("ready");
    else if (slot.state === "error") this.setStatus("error", slot.error);
    else this.setStatus("loading");
  }

  /** Start the spare worker if there should be one and there is none. */
  ensureSpare() {
    if (!this.spareEnabled || this.spare) return;
    this.spare = this.spawn();
    if (this.imports.size) this.spare.worker.postMessage({ type: "preload", source: [...this.imports].join("\n") });
  }

  dropSpare() {
    if (!this.spare) return;
    this.spare.worker.terminate();
    this.spare = null;
  }

  /** The worker is gone (Stop, crash): the spare takes over at once, else a new one starts. */
  replace() {
    this.worker.terminate();
    const spare = this.spare;
    this.spare = null;
    if (spare) {
      this.stats.promotions += 1;
      this.activate(spare);
      this.ensureSpare();
    } else {
      this.start();
    }
  }

  /** Note the import lines of a request; a spare worker loads the new ones now. */
  noteImports(request) {
    const exercise = request.exercise || {};
    const lines = [...String(request.code || "").split("\n"), ...(exercise.imports || []).map((m) => `import ${m}`)];
    const fresh = [];
    for (const raw of lines) {
      const line = raw.trim();
      if (!/^(import|from)\s/.test(line) || this.imports.has(line) || this.imports.size >= PRELOAD_LINES) continue;
      this.imports.add(line);
      fresh.push(line);
    }
    if (fresh.length && this.spare) this.spare.worker.postMessage({ type: "preload", source: fresh.join("\n") });
  }

  /** Let the worker start Python now (the head's boot worker waits for this; see boot.js). */
  release() {
    this.worker.postMessage({ type: "release" });
  }

  /**
   * Queue one grader request. Returns a promise of the result dict (it never rejects) with
   * `cancel()`: a queued request then never runs, a running one is stopped.
   * onStarted() runs when the worker starts it; onLive(data) for each live update (grader/live.py).
   */
  request(request, { timeLimit = 10, onStarted = () => {}, onLive = () => {} } = {}) {
    let settle;
    const done = new Promise((resolve) => {
      settle = resolve;
    });
    const job = { action: request.action, timeLimit, onStarted, onLive, state: "queued", id: null };
    job.resolve = (result) => {
      if (job.state === "done") return;
      job.state = "done";
      settle(result);
    };
    const run = async () => {
      if (job.state === "done") return; // cancelled while queued
      try {
        await this.ready;
      } catch (err) {
        job.resolve(stoppedResult(request.action, { title: "Python could not start", message: String(err.message || err), hint: "Reload the page to try again.", line: null, traceback: null }));
        return;
      }
      if (job.state === "done") return;
      this.send(job, request);
      await done;
    };
    this.chain = this.chain.then(run).catch(() => {});
    done.cancel = () => this.cancel(job);
    return done;
  }

  send(job, request) {
    this.noteImports(request);
    job.id = this.nextId++;
    job.state = "sent";
    this.current = job;
    if (this.interrupt) this.interrupt[0] = 0; // a Stop from an earlier request must not carry over
    this.setStatus("busy");
    job.startTimer = setTimeout(() => this.crashed("it did not start the code in time"), START_TIMEOUT_MS);
    this.worker.postMessage({ type: "request", id: job.id, request });
  }

  cancel(job) {
    if (job.state === "done") return;
    if (job.state === "queued") {
      job.resolve(stoppedResult(job.action));
      return;
    }
    if (job !== this.current) return;
    job.cancelled = true;
    if (this.interrupt) {
      this.interrupt[0] = 2; // SIGINT: Python raises KeyboardInterrupt at the next bytecode
      if (!job.stopTimer) job.stopTimer = setTimeout(() => this.restart(), INTERRUPT_GRACE_MS);
    } else {
      this.restart();
    }
  }

  onWorkerMessage(msg) {
    const cur = this.current;
    if (!cur || msg.id !== cur.id) return;
    if (msg.type === "started") {
      cur.state = "started";
      clearTimeout(cur.startTimer);
      cur.onStarted();
      this.ensureSpare(); // code runs: a Stop may now need a fresh Python
      cur.timer = setTimeout(() => {
        cur.timedOut = true;
        this.cancel(cur);
      }, cur.timeLimit * 1000);
    } else if (msg.type === "live") {
      try {
        cur.onLive(msg.data);
      } catch (err) {
        console.warn("live update failed", err);
      }
    } else if (msg.type === "interrupted") {
      this.restart();
    } else if (msg.type === "stopped") {
      // Stopped before any code ran; Python itself is fine.
      this.finish(stoppedResult(cur.action));
    } else if (msg.type === "result" || msg.type === "failure") {
      let result = msg.type === "result" ? msg.result : stoppedResult(cur.action, { title: "Internal error", message: msg.message, hint: "Reload the page; if it happens again, tell your instructor.", line: null, traceback: null });
      if (cur.timedOut) result = this.timeLimitResult(cur, result);
      this.finish(result);
    }
  }

  timeLimitResult(cur, result) {
    return {
      ...result,
      stopped: true,
      passed: false,
      error: { title: "Time limit exceeded", message: `Your code ran for longer than the ${cur.timeLimit} s this exercise allows.`, hint: "Look for a loop that never ends, or work on whole arrays instead of element by element.", line: result.error ? result.error.line : null, traceback: null },
    };
  }

  finish(result) {
    const cur = this.current;
    if (!cur) return;
    clearTimeout(cur.timer);
    clearTimeout(cur.stopTimer);
    clearTimeout(cur.startTimer);
    this.current = null;
    if (this.status === "busy") this.setStatus("ready");
    cur.resolve(result);
  }

  get busy() {
    return this.current !== null;
  }

  /** Stop whatever request the worker holds now (prefer job.cancel(): it stops only its own). */
  stop() {
    if (this.current) this.cancel(this.current);
  }

  /** The worker failed while it held a request (or before): end that request and start afresh. */
  crashed(message) {
    const cur = this.current;
    if (cur) this.finish(crashResult(cur.action, message));
    this.replace();
  }

  restart() {
    const cur = this.current;
    if (cur) {
      let result = stoppedResult(cur.action);
      if (cur.timedOut) result = this.timeLimitResult(cur, result);
      this.finish(result);
    }
    this.replace();
  }
}
