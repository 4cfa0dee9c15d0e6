// The page side of the Python worker: one worker per page, requests one at a time,
// Stop (interrupt buffer when cross-origin isolated, else terminate + restart) and time limits.

const STOPPED = { title: "Stopped", message: "The program was stopped before it finished.", hint: null, line: null, traceback: null };

export function stoppedResult(action, error = STOPPED) {
  return { action, stopped: true, passed: false, score: 0, tests: [], stdout: "", figures: [], error };
}

export class PythonRuntime {
  constructor(indexURL) {
    this.indexURL = new URL(indexURL, document.baseURI).href;
    this.isolated = Boolean(self.crossOriginIsolated && typeof SharedArrayBuffer !== "undefined");
    this.listeners = new Set();
    this.nextId = 1;
    this.current = null; // {id, resolve, action, timer, stopTimer, timedOut, timeLimit}
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
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (msg) => {
        if (msg.type === "ready") {
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
        this.setStatus("error", message || "the Python worker failed to start");
        reject(new Error(message));
      };
      this.worker.onmessage = (event) => onMessage(event.data);
      this.worker.onerror = (event) => onError(event.message);
      if (boot) {
        for (const msg of boot.messages) onMessage(msg);
        if (boot.error) onError(boot.error);
      }
    });
    this.ready.catch(() => {});
    if (!boot) {
      this.worker.postMessage({ type: "init", indexURL: this.indexURL, buffer: this.interrupt ? this.interrupt.buffer : null });
    }
  }

  /** Let the worker start Python now (the head's boot worker waits for this; see boot.js). */
  release() {
    this.worker.postMessage({ type: "release" });
  }

  /** Send one grader request; resolves with the result dict (never rejects). */
  request(request, { timeLimit = 10, onStarted = () => {} } = {}) {
    const run = async () => {
      try {
        await this.ready;
      } catch (err) {
        return stoppedResult(request.action, { title: "Python could not start", message: String(err.message || err), hint: "Reload the page to try again.", line: null, traceback: null });
      }
      return new Promise((resolve) => {
        const id = this.nextId++;
        this.current = { id, resolve, action: request.action, timeLimit, onStarted };
        this.setStatus("busy");
        this.worker.postMessage({ type: "request", id, request });
      });
    };
    const result = this.chain.then(run);
    this.chain = result.catch(() => {});
    return result;
  }

  onWorkerMessage(msg) {
    const cur = this.current;
    if (!cur || msg.id !== cur.id) return;
    if (msg.type === "started") {
      cur.onStarted();
      cur.timer = setTimeout(() => {
        cur.timedOut = true;
        this.stop();
      }, cur.timeLimit * 1000);
    } else if (msg.type === "interrupted") {
      this.restart();
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
    this.current = null;
    if (this.status === "busy") this.setStatus("ready");
    cur.resolve(result);
  }

  get busy() {
    return this.current !== null;
  }

  /** Interrupt the running code; terminate and restart the worker if that does not work. */
  stop() {
    const cur = this.current;
    if (!cur) return;
    if (this.interrupt) {
      this.interrupt[0] = 2; // SIGINT: Python raises KeyboardInterrupt at the next bytecode
      cur.stopTimer = setTimeout(() => this.restart(), 1500);
    } else {
      this.restart();
    }
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
