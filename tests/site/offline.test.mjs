// site/src/offline.js (the page side of the offline copy) with a fake navigator.serviceWorker
// and a fake footer: storing the course again after "Remove offline copy" ends stored or
// with a message that names what did not answer, never in a silent stall (issue 19).
// Run by tests/test_site_unit.py (`node --test`).
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";

const SCOPE = "https://course.example/nprl/";
const SW_URL = SCOPE + "sw.js";
const INFO = { version: "0b96816e5a05a5f9", course: "2026.11.0", bytes: 52_730_557, files: 700 };

class FakeElement {
  constructor(tag) {
    this.tag = tag;
    this.dataset = {};
    this.hidden = false;
    this.textContent = "";
    this.children = [];
    this.listeners = {};
  }
  setAttribute(name, value) {
    if (name === "hidden") this.hidden = true;
    else this[name] = value;
  }
  append(...children) {
    this.children.push(...children);
  }
  addEventListener(type, fn) {
    this.listeners[type] = fn;
  }
  click() {
    this.listeners.click();
  }
}

/** A service worker: answers "info" with `copy` (undefined: no answer), records what it was sent. */
class FakeWorker extends EventTarget {
  constructor(state, copy) {
    super();
    this.scriptURL = SW_URL;
    this.state = state;
    this.copy = copy;
    this.posted = [];
  }
  postMessage(msg, ports = []) {
    this.posted.push(msg.type);
    if (msg.type === "info" && this.copy !== undefined) setTimeout(() => ports[0].postMessage({ ...INFO, ...this.copy }), 1);
    if (msg.type === "store" && this.onStore) this.onStore();
  }
  become(state) {
    this.state = state;
    this.dispatchEvent(new Event("statechange"));
  }
}

class FakeRegistration extends EventTarget {
  constructor({ active = null, installing = null, waiting = null } = {}) {
    super();
    Object.assign(this, { scope: SCOPE, active, installing, waiting });
    this.updates = 0;
  }
  async update() {
    this.updates += 1;
  }
}

let container;
const store = new Map();

beforeEach(() => {
  store.clear();
  container = new EventTarget();
  container.controller = null;
  container.registered = [];
  container.answer = () => new Promise(() => {});
  container.register = (url, options) => {
    container.registered.push([url, options.scope]);
    return container.answer();
  };
  container.getRegistration = async () => null;
  /** A message from the worker to every page, as sw.js's tell(). */
  container.tell = (data) => container.dispatchEvent(Object.assign(new Event("message"), { data: { type: "nprl-offline", ...data } }));
  const navigator = { serviceWorker: container, onLine: true, storage: { persist: async () => true, estimate: async () => ({ usage: 106e6 }) } };
  Object.defineProperty(globalThis, "navigator", { value: navigator, configurable: true, writable: true });
  globalThis.window = globalThis;
  globalThis.isSecureContext = true;
  globalThis.caches = {};
  globalThis.confirm = () => true;
  globalThis.requestIdleCallback = (fn) => setTimeout(fn, 0);
  globalThis.fetch = async () => ({ ok: false, status: 404 }); // a site without JupyterLite
  globalThis.MessageChannel = class {
    constructor() {
      this.port1 = { onmessage: null };
      this.port2 = { postMessage: (data) => this.port1.onmessage && this.port1.onmessage({ data }) };
    }
  };
  globalThis.localStorage = {
    getItem: (k) => (store.has(k) ? store.get(k) : null),
    setItem: (k, v) => store.set(k, String(v)),
    removeItem: (k) => store.delete(k),
  };
  globalThis.document = {
    baseURI: SCOPE + "03-activation-functions.html",
    readyState: "complete",
    visibilityState: "visible",
    body: new FakeElement("body"),
    createElement: (tag) => new FakeElement(tag),
    querySelector: () => null,
    addEventListener() {},
  };
});

const { OfflineCopy } = await import("../../site/src/offline.js");

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Wait until `copy`'s footer is in `state`; fail saying what it shows instead. */
async function until(copy, state, ms = 2000) {
  for (const start = Date.now(); Date.now() - start < ms; await sleep(2)) if (copy.footer.dataset.state === state) return;
  assert.fail(`expected the footer to say '${state}' within ${ms} ms, it says ${copy.footer.dataset.state}: ${copy.text.textContent}`);
}

/** A page whose student removed the offline copy earlier (the footer offers to store it). */
async function removedPage(options = {}) {
  store.set("nprl:offline", "off");
  const copy = new OfflineCopy({ course: INFO.course, ...options });
  await until(copy, "off");
  assert.equal(copy.button.textContent, "Store it for offline use");
  assert.deepEqual(container.registered, [], "registered although the student removed the copy");
  return copy;
}

test("storing again revives the removed registration: its worker is asked to store its copy again", async () => {
  // Chromium keeps an unregistered registration while a tab still uses its worker, and
  // register() gives it back, active, its cache deleted; sw.js is unchanged, so no install.
  const revived = new FakeWorker("activated", { complete: false });
  revived.onStore = () => {
    revived.copy = { complete: false, storing: true };
    setTimeout(() => container.tell({ state: "installing", done: 20e6, total: INFO.bytes }), 5);
    setTimeout(() => {
      revived.copy = { complete: true };
      container.tell({ state: "installed" });
      container.tell({ state: "active" });
    }, 30);
  };
  container.answer = async () => new FakeRegistration({ active: revived });
  const copy = await removedPage();
  copy.button.click();
  await until(copy, "stored");
  assert.ok(revived.posted.includes("store"), `the revived worker was never asked to store its copy: ${revived.posted}`);
  assert.match(copy.text.textContent, /^Stored for offline use: 53 MB \(course 2026\.11\.0, build 0b96816e\)/);
  assert.equal(copy.button.textContent, "Remove offline copy");
  assert.equal(store.get("nprl:offline"), undefined);
});

test("the click says 'Storing…' at once, before register() answers", async () => {
  const copy = await removedPage();
  copy.button.click();
  await until(copy, "installing", 50);
  assert.equal(copy.text.textContent, "Storing the course for offline use…");
  assert.equal(copy.button.hidden, true);
});

test("a register() that never answers ends in a failure line naming it, not in 'off'", async () => {
  const copy = await removedPage({ registerTimeoutMs: 40 });
  copy.button.click();
  await until(copy, "failed");
  assert.match(copy.text.textContent, /did not answer navigator\.serviceWorker\.register for https:\/\/course\.example\/nprl\/sw\.js within 0\.04 s/);
  assert.deepEqual(container.registered, [[SW_URL, SCOPE]]);
});

test("a register() that answers after its deadline goes on to a stored copy", async () => {
  const fresh = new FakeWorker("installing");
  const reg = new FakeRegistration({ installing: fresh });
  container.answer = () => sleep(80).then(() => reg);
  const copy = await removedPage({ registerTimeoutMs: 30 });
  copy.button.click();
  await until(copy, "failed");
  await until(copy, "installing");
  reg.installing = null;
  reg.active = fresh;
  fresh.copy = { complete: true };
  fresh.become("activated");
  await until(copy, "stored");
});

test("an install the browser drops without a word ends in a failure line, not in 'Storing…'", async () => {
  const fresh = new FakeWorker("installing");
  const reg = new FakeRegistration({ installing: fresh });
  container.answer = async () => reg;
  const copy = await removedPage();
  copy.button.click();
  await until(copy, "installing");
  reg.installing = null;
  fresh.become("redundant");
  await until(copy, "failed");
  assert.match(copy.text.textContent, /dropped the new service worker \(https:\/\/course\.example\/nprl\/sw\.js\) before it was installed/);
});

test("a visit to a stored copy asks nothing to be stored again", async () => {
  const active = new FakeWorker("activated", { complete: true });
  container.answer = async () => new FakeRegistration({ active });
  container.controller = active;
  const copy = new OfflineCopy({ course: INFO.course });
  await until(copy, "stored");
  await sleep(20);
  assert.ok(!active.posted.includes("store"), `a whole copy was asked to store again: ${active.posted}`);
});
