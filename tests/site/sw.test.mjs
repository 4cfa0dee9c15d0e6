// site/src/sw.js (the course's service worker) in a Node vm with fake caches, fetch and
// clients: one version stored whole or not at all, isolation headers, what is left alone.
// Run by tests/test_site_unit.py (`node --test`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const SOURCE = readFileSync(new URL("../../site/src/sw.js", import.meta.url), "utf-8");
const SCOPE = "https://course.example/nprl/";

const sha = (text) => createHash("sha256").update(text).digest("hex");

/** A build's files (path -> text) as the manifest and the server that serves them. */
function build(files, version) {
  const entries = Object.entries(files).map(([path, text]) => [path, Buffer.byteLength(text), sha(text)]);
  const bytes = entries.reduce((n, e) => n + e[1], 0);
  return { version, course: "2026.11.0", bytes, files: entries };
}

class FakeCache {
  constructor() {
    this.entries = new Map();
  }
  async match(url, { ignoreSearch = false } = {}) {
    const key = ignoreSearch ? String(url).split("?")[0] : String(url);
    const hit = this.entries.get(key);
    return hit ? hit.clone() : undefined;
  }
  async put(url, resp) {
    this.entries.set(String(url), resp);
  }
  async keys() {
    return [...this.entries.keys()].map((url) => ({ url }));
  }
}

class FakeCaches {
  constructor() {
    this.byName = new Map();
  }
  async open(name) {
    if (!this.byName.has(name)) this.byName.set(name, new FakeCache());
    return this.byName.get(name);
  }
  async keys() {
    return [...this.byName.keys()];
  }
  async delete(name) {
    return this.byName.delete(name);
  }
  async has(name) {
    return this.byName.has(name);
  }
  async match(url, opts = {}) {
    const names = opts.cacheName ? [opts.cacheName] : [...this.byName.keys()];
    for (const name of names) {
      const hit = this.byName.has(name) ? await this.byName.get(name).match(url, opts) : undefined;
      if (hit) return hit;
    }
    return undefined;
  }
}

/** A service worker global scope running sw.js for `manifest`, sharing `caches` across versions. */
function startSW(manifest, { served, caches = new FakeCaches(), headers = {} }) {
  const listeners = {};
  const messages = [];
  const fetched = [];
  const context = {
    MANIFEST: manifest,
    caches,
    crypto: globalThis.crypto,
    Response,
    Headers,
    URL,
    Date,
    console: { warn() {}, log() {} },
    registration: { scope: SCOPE },
    location: new URL("sw.js", SCOPE),
    clients: {
      claimed: false,
      async claim() {
        context.clients.claimed = true;
      },
      async matchAll() {
        return [{ postMessage: (m) => messages.push(m) }];
      },
    },
    skipWaiting() {
      context.skipped = true;
    },
    addEventListener(type, fn) {
      listeners[type] = fn;
    },
    async fetch(input) {
      const url = typeof input === "string" ? input : input.url;
      fetched.push(url);
      const path = url.slice(SCOPE.length).split("?")[0];
      if (!(path in served)) {
        if (served.__offline) throw new TypeError("Failed to fetch");
        return new Response("not found", { status: 404 });
      }
      return new Response(served[path], { status: 200, headers: { "Content-Type": "text/plain", ...headers } });
    },
  };
  context.self = context;
  vm.createContext(context);
  vm.runInContext(SOURCE.replace(/^\/\* global MANIFEST \*\/$/m, ""), context, { filename: "sw.js" });
  const lifecycle = async (type) => {
    let done = null;
    listeners[type]({ waitUntil: (p) => (done = p) });
    return done;
  };
  const request = async (path, { mode = "cors", method = "GET", absolute = false } = {}) => {
    let answer = null;
    listeners.fetch({ request: { url: absolute ? path : SCOPE + path, mode, method }, respondWith: (p) => (answer = p) });
    return answer === null ? null : await answer;
  };
  /** A page's message; the promise the worker waits on (event.waitUntil), or null. */
  const message = (data, ports = []) => {
    let done = null;
    listeners.message({ data, ports, waitUntil: (p) => (done = p) });
    return done;
  };
  const info = () =>
    new Promise((resolve) => {
      message({ type: "info" }, [{ postMessage: resolve }]);
    });
  return { install: () => lifecycle("install"), activate: () => lifecycle("activate"), request, message, info, caches, messages, fetched, context };
}

const V1 = { "index.html": "<h1>home</h1>", "03-act.html": "<h1>page 3</h1>", "exercises/relu.json": '{"id":"relu"}', "pyodide/pyodide.asm.wasm": "\0asm" };

test("install stores every file of the manifest, checked, with the marker written last", async () => {
  const sw = startSW(build(V1, "v1"), { served: V1 });
  await sw.install();
  const cache = sw.caches.byName.get("nprl-course-v1");
  const urls = [...cache.entries.keys()].map((u) => u.slice(SCOPE.length)).sort();
  assert.deepEqual(urls, [...Object.keys(V1), "__nprl-offline-complete__"].sort());
  assert.equal([...cache.entries.keys()].at(-1), SCOPE + "__nprl-offline-complete__", "the marker was not written last");
  const wasm = await cache.match(SCOPE + "pyodide/pyodide.asm.wasm");
  assert.equal(wasm.headers.get("Content-Type"), "application/wasm", "the type comes from the file, not the host");
  assert.ok(sw.messages.some((m) => m.state === "installed"));
});

test("one file that is not the build's fails the install and no marker is written", async () => {
  const served = { ...V1, "exercises/relu.json": '{"id":"relu","half":"uploaded"}' };
  const sw = startSW(build(V1, "v2"), { served });
  await assert.rejects(sw.install(), /exercises\/relu\.json: the server sent .* not this build's file/);
  const cache = sw.caches.byName.get("nprl-course-v2");
  assert.equal(await cache.match(SCOPE + "__nprl-offline-complete__"), undefined);
  assert.match(sw.messages.find((m) => m.state === "failed").message, /relu\.json/);
  // A missing file fails it too.
  const { "index.html": _, ...withoutIndex } = V1;
  const sw2 = startSW(build(V1, "v3"), { served: withoutIndex });
  await assert.rejects(sw2.install(), /index\.html: HTTP 404/);
});

test("a new version is stored beside the old one, and activating it deletes only course caches", async () => {
  const caches = new FakeCaches();
  const one = startSW(build(V1, "v1"), { served: V1, caches });
  await one.install();
  await one.activate();
  await caches.open("precache"); // JupyterLite's service worker keeps its cache here
  const V2 = { ...V1, "exercises/relu.json": '{"id":"relu","starter":"new"}' };
  const two = startSW(build(V2, "v2"), { served: V2, caches });
  await two.install();
  assert.deepEqual((await caches.keys()).sort(), ["nprl-course-v1", "nprl-course-v2", "precache"], "the old version must stay until the new one takes over");
  // Until then the old version answers from its own copy.
  const old = await one.request("exercises/relu.json");
  assert.equal(await old.text(), V1["exercises/relu.json"]);
  await two.activate();
  assert.deepEqual((await caches.keys()).sort(), ["nprl-course-v2", "precache"]);
  assert.equal(two.context.clients.claimed, true);
  assert.equal(await (await two.request("exercises/relu.json")).text(), V2["exercises/relu.json"]);
});

test("an interrupted install's leftovers are removed and a stored version is not fetched again", async () => {
  const caches = new FakeCaches();
  const broken = startSW(build(V1, "v9"), { served: { ...V1, "index.html": "changed" }, caches });
  await assert.rejects(broken.install());
  assert.ok((await caches.keys()).includes("nprl-course-v9"));
  const good = startSW(build(V1, "v1"), { served: V1, caches });
  await good.install();
  assert.deepEqual(await caches.keys(), ["nprl-course-v1"], "the unfinished v9 cache was kept");
  const again = startSW(build(V1, "v1"), { served: V1, caches });
  await again.install();
  assert.deepEqual(again.fetched, [], "a version already stored whole was downloaded again");
});

test("answers get the isolation headers the host did not send; the host's own are kept", async () => {
  const sw = startSW(build(V1, "v1"), { served: { ...V1, "notebooks/p3.ipynb": "{}" } });
  await sw.install();
  const page = await sw.request("03-act.html", { mode: "navigate" });
  assert.equal(page.headers.get("Cross-Origin-Opener-Policy"), "same-origin");
  assert.equal(page.headers.get("Cross-Origin-Embedder-Policy"), "require-corp");
  assert.equal(page.headers.get("Cross-Origin-Resource-Policy"), "same-origin");
  assert.equal(await page.text(), V1["03-act.html"]);
  const fromNetwork = await sw.request("notebooks/p3.ipynb");
  assert.equal(fromNetwork.headers.get("Cross-Origin-Embedder-Policy"), "require-corp");
  const host = startSW(build(V1, "v1"), {
    served: { "notebooks/p3.ipynb": "{}" },
    headers: { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "credentialless" },
  });
  const kept = await host.request("notebooks/p3.ipynb");
  assert.equal(kept.headers.get("Cross-Origin-Embedder-Policy"), "credentialless");
});

test("offline: pages come from the copy (also as / and without .html); others fail plainly", async () => {
  const served = { ...V1 };
  const sw = startSW(build(V1, "v1"), { served });
  await sw.install();
  for (const key of Object.keys(served)) delete served[key];
  served.__offline = true;
  assert.equal(await (await sw.request("", { mode: "navigate" })).text(), V1["index.html"]);
  assert.equal(await (await sw.request("03-act", { mode: "navigate" })).text(), V1["03-act.html"]);
  assert.equal(await (await sw.request("03-act.html?x=1", { mode: "navigate" })).text(), V1["03-act.html"]);
  const missing = await sw.request("99-later.html", { mode: "navigate" });
  assert.equal(missing.status, 503);
  assert.match(await missing.text(), /not stored for offline use/);
  await assert.rejects(sw.request("notebooks/p3.ipynb"), /Failed to fetch/);
});

test("JupyterLite's scope, sw.js itself, other origins and POSTs are not touched", async () => {
  const sw = startSW(build(V1, "v1"), { served: V1 });
  await sw.install();
  assert.equal(await sw.request("jupyter/lab/index.html", { mode: "navigate" }), null);
  assert.equal(await sw.request("jupyter/api/drive.v1"), null);
  assert.equal(await sw.request("sw.js"), null);
  assert.equal(await sw.request("index.html", { method: "POST" }), null);
  assert.equal(await sw.request("https://course.example/other/index.html", { absolute: true }), null);
  assert.equal(await sw.request("https://cdn.example/lib.js", { absolute: true }), null);
});

test("after the student removes the offline copy, the worker still serving the page never creates it again", async () => {
  const sw = startSW(build(V1, "v1"), { served: V1 });
  await sw.install();
  await sw.activate();
  for (const name of await sw.caches.keys()) await sw.caches.delete(name); // removeOfflineCopy
  const page = await sw.request("03-act.html", { mode: "navigate" });
  assert.equal(await page.text(), V1["03-act.html"], "the page is still answered, from the network");
  await sw.request("exercises/relu.json");
  assert.deepEqual(await sw.caches.keys(), [], "a fetch created a course cache again");
});

test("a revived worker whose copy was removed stores it again when a page asks (issue 19)", async () => {
  // Chromium revives the unregistered registration while a tab still uses it: same worker,
  // cache deleted by removeOfflineCopy, sw.js unchanged so no install. offline.js asks it.
  const sw = startSW(build(V1, "v1"), { served: V1 });
  await sw.install();
  await sw.activate();
  for (const name of await sw.caches.keys()) await sw.caches.delete(name);
  assert.equal((await sw.info()).complete, false);
  const update = await sw.caches.open("nprl-course-v2"); // an update installing beside it
  await update.put(SCOPE + "index.html", new Response("<h1>v2</h1>"));
  sw.context.clients.claimed = false;
  sw.messages.length = 0;
  const done = sw.message({ type: "store" });
  assert.ok(done instanceof Promise || (done && typeof done.then === "function"), "the worker did not take up the page's 'store'");
  assert.equal((await sw.info()).storing, true, "info does not say the copy is being stored");
  assert.equal(sw.message({ type: "store" }), done, "a second 'store' started a second download");
  await done;
  const now = await sw.info();
  assert.deepEqual([now.complete, now.storing], [true, false]);
  const cache = sw.caches.byName.get("nprl-course-v1");
  assert.deepEqual([...cache.entries.keys()].map((u) => u.slice(SCOPE.length)).sort(), [...Object.keys(V1), "__nprl-offline-complete__"].sort());
  assert.equal(await (await sw.request("03-act.html", { mode: "navigate" })).text(), V1["03-act.html"]);
  assert.ok((await sw.caches.keys()).includes("nprl-course-v2"), "the update's cache was deleted");
  assert.equal(sw.context.clients.claimed, true, "the page that asked is not controlled");
  assert.deepEqual(sw.messages.map((m) => m.state).filter((s) => s !== "installing"), ["installed", "active"]);
});

test("storing again says once why it failed, and a later 'store' tries again", async () => {
  const served = { ...V1, "exercises/relu.json": '{"id":"relu","other":"build"}' };
  const sw = startSW(build(V1, "v1"), { served });
  await sw.message({ type: "store" });
  const failed = sw.messages.filter((m) => m.state === "failed");
  assert.equal(failed.length, 1, JSON.stringify(sw.messages));
  assert.match(failed[0].message, /exercises\/relu\.json: the server sent .* not this build's file/);
  assert.deepEqual([(await sw.info()).complete, (await sw.info()).storing], [false, false]);
  served["exercises/relu.json"] = V1["exercises/relu.json"];
  await sw.message({ type: "store" });
  assert.equal((await sw.info()).complete, true);
});
