// The page side of the Python worker: one worker per page, requests one at a time,
// Stop (interrupt buffer when cross-origin isolated, else terminate + restart) and time limits.
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

export class PythonRuntime {
  constructor(indexURL) {
    this.indexURL = new URL(indexURL, document.baseURI).href;
    this.isolated = Boolean(self.crossOriginIsolated && typeof SharedArrayBuffer !== "undefined");
    this.listeners = new Set();
    this.nextId = 1;
    this.current = null; // the job the worker holds (see request())
    this.chain = Promise.resolve();
    this.start();
  }

  onStatus(fn) {
    this.listeners.add(fn);
    fn(this.status);
  }

  setStatus(status, detail = "") {
    this.status = status;
    this.statusDetail = detail;
    for (const fn of this.listeners) fn(status, detail);
  }

  start() {
    this.setStatus("loading");
    // The first worker was started by the inline boot script in the page's <head>
    // (site/src/boot.js) with the same init message; adopt it once, with what it said so far.
    const boot = window.nprlBoot || null;
    if (boot && boot.worker) {
      window.nprlBoot = null;
      this.worker = boot.worker;
      this.interrupt = boot.buffer ? new Int32Array(boot.buffer) : null;
    } else {
      this.worker = new Worker(new URL("assets/worker.js", document.baseURI));
      this.interrupt = this.isolated ? new Int32Array(new SharedArrayBuffer(4)) : null;
    }
    const worker = this.worker;
    this.ready = new Promise((resolve, reject) => {
      let started = false;
      const onMessage = (msg) => {
        if (worker !== this.worker) return; // a replaced worker's last words
        if (msg.type === "ready") {
          started = true;
          this.setStatus("ready");
          resolve();
        } else if (msg.type === "init-error") {
          this.setStatus("error", msg.message);
          reject(new Error(msg.message));
        } else {
          this.onWorkerMessage(msg);
        }
      };
      const onError = (message) => {
        if (worker !== this.worker) return;
        if (!started) {
          this.setStatus("error", message || "the Python worker failed to start");
          reject(new Error(message || "the Python worker failed to start"));
        } else {
          this.crashed(message || "the Python worker failed");
        }
      };
      worker.onmessage = (event) => onMessage(event.data);
      worker.onerror = (event) => onError(event && event.message);
      worker.onmessageerror = () => onError("a message from the worker could not be read");
      if (boot) {
        for (const msg of boot.messages) onMessage(msg);
        if (boot.error) onError(boot.error);
      }
    });
    this.ready.catch(() => {});
    if (!boot) {
      worker.postMessage({ type: "init", indexURL: this.indexURL, buffer: this.interrupt ? this.interrupt.buffer : null });
    }
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
    this.worker.terminate();
    if (cur) this.finish(crashResult(cur.action, message));
    this.start();
  }

  restart() {
    const cur = this.current;
    this.worker.terminate();
    if (cur) {
      let result = stoppedResult(cur.action);
      if (cur.timedOut) result = this.timeLimitResult(cur, result);
      this.finish(result);
    }
    this.start();
  }
}
