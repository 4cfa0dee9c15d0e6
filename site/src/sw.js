// The course's service worker (one for the whole site, registered by site/src/offline.js).
// build.py (builder/offline.py) writes it to the site root as sw.js, after a first line
// `const MANIFEST = {version, course, bytes, files: [[path, size, sha256, inflatedSha256?]]}`.
//
// - Install: every file of MANIFEST is fetched (revalidated, never from a stale HTTP cache),
//   checked against its SHA-256 and stored in the cache "nprl-course-<version>"; a marker
//   entry is written last. One missing or different file fails the install, so the version
//   in use stays whole (a half-uploaded deploy is never taken in).
// - Activate (a first install at once; an update when the page asks, see offline.js):
//   the other course versions' caches are deleted. JupyterLite's cache is not ours.
// - Stored again (a page's "store" message): the browser revives a registration that the
//   student removed while another tab still used it, cache gone; its active worker then
//   fills its cache again (the same checked install), see offline.js `OfflineCopy.refill`.
// - Fetch: same-origin GETs in our scope are answered from the cache, else the network;
//   every answer gets the cross-origin isolation headers if the host did not send them,
//   so from the second visit on the page can use SharedArrayBuffer (Stop by interrupt).
//   jupyter/ is left alone: JupyterLite's own service worker controls that scope, and
//   JupyterLite must not be isolated (its kernel's isolated path hangs: builder/serve.py).
/* global MANIFEST */
"use strict";

const PREFIX = "nprl-course-";
const CACHE = PREFIX + MANIFEST.version;
const MARKER = "__nprl-offline-complete__";
const PASS_THROUGH = ["jupyter/"];
const PARALLEL = 4;
const TYPES = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  mjs: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  json: "application/json",
  svg: "image/svg+xml",
  wasm: "application/wasm",
  woff2: "font/woff2",
  zip: "application/zip",
  whl: "application/zip",
  gz: "application/octet-stream",
};
const ISOLATION = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
};

const scope = () => self.registration.scope;
const markerURL = () => new URL(MARKER, scope()).href;

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function tell(message) {
  const clients = await self.clients.matchAll({ includeUncontrolled: true, type: "window" });
  for (const client of clients) client.postMessage({ type: "nprl-offline", version: MANIFEST.version, ...message });
}

/** Fetch one file of the manifest, check it, and store it under its plain URL. */
async function storeOne(cache, [path, size, sha256, inflated]) {
  const url = new URL(path, scope()).href;
  const resp = await fetch(url, { cache: "no-cache", credentials: "same-origin" });
  if (!resp.ok) throw new Error(`${path}: HTTP ${resp.status}`);
  const body = await resp.arrayBuffer();
  const digest = hex(await crypto.subtle.digest("SHA-256", body));
  if (digest !== sha256 && digest !== inflated) {
    throw new Error(`${path}: the server sent ${body.byteLength} bytes that are not this build's file (${size} bytes); is the upload complete?`);
  }
  const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  const type = TYPES[ext] || resp.headers.get("Content-Type") || "application/octet-stream";
  await cache.put(url, new Response(body, { status: 200, headers: { "Content-Type": type } }));
  return body.byteLength;
}

async function precache() {
  // Caches of installs that never finished (no marker) are not a version anyone uses.
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name !== CACHE && !(await (await caches.open(name)).match(markerURL()))) {
      await caches.delete(name);
    }
  }
  await fill();
}

/** Store every file of MANIFEST not stored yet in CACHE, then the marker. */
async function fill() {
  const cache = await caches.open(CACHE);
  if (await cache.match(markerURL())) return; // this version is stored already (registered again)
  // Entries are checked before they are stored, so those of an interrupted install stay.
  const have = new Set((await cache.keys()).map((req) => req.url));
  const todo = MANIFEST.files.filter(([path]) => !have.has(new URL(path, scope()).href));
  let done = MANIFEST.bytes - todo.reduce((n, [, size]) => n + size, 0);
  let told = 0;
  const work = async () => {
    for (let file = todo.shift(); file; file = todo.shift()) {
      done += await storeOne(cache, file);
      if (Date.now() - told > 250) {
        told = Date.now();
        tell({ state: "installing", done, total: MANIFEST.bytes });
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: PARALLEL }, work));
  } catch (err) {
    todo.length = 0; // stop the other fetchers
    tell({ state: "failed", message: String(err && err.message ? err.message : err) });
    if (err && typeof err === "object") err.told = true;
    throw err;
  }
  const stamp = { version: MANIFEST.version, course: MANIFEST.course, bytes: MANIFEST.bytes, files: MANIFEST.files.length };
  await cache.put(markerURL(), new Response(JSON.stringify(stamp), { headers: { "Content-Type": "application/json" } }));
  tell({ state: "installed", done: MANIFEST.bytes, total: MANIFEST.bytes });
}

async function activate() {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
  }
  await self.clients.claim();
  tell({ state: "active" });
}

/** The response with the isolation headers added where the host sent none. */
function isolated(resp) {
  if (!resp || resp.type === "opaque" || resp.type === "opaqueredirect" || resp.status === 0) return resp;
  if (resp.headers.has("Cross-Origin-Embedder-Policy") && resp.headers.has("Cross-Origin-Opener-Policy")) return resp;
  const headers = new Headers(resp.headers);
  for (const [name, value] of Object.entries(ISOLATION)) if (!headers.has(name)) headers.set(name, value);
  const empty = [101, 103, 204, 205, 304].includes(resp.status);
  return new Response(empty ? null : resp.body, { status: resp.status, statusText: resp.statusText, headers });
}

function offlinePage(path) {
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not stored for offline use</title>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1>This page is not stored for offline use</h1><p><code>${path.replace(/[<>&"]/g, "")}</code> is not part of the course's offline copy, and the network cannot be reached.</p>
<p><a href="${new URL("index.html", scope()).href}">Back to the course</a> (the course pages work offline).</p></body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": TYPES.html } });
}

/**
 * The cached answer for a site-relative path ("" and "dir/" mean index.html; "page" may be
 * page.html). Looked up with caches.match, never caches.open, which would create the cache
 * again after the student removed the offline copy (this worker still serves the open page).
 */
async function cached(path, navigate) {
  const tries = [path];
  if (path === "" || path.endsWith("/")) tries.unshift(path + "index.html");
  else if (navigate && !/\.[a-z0-9]+$/i.test(path)) tries.push(path + ".html", path + "/index.html");
  for (const p of tries) {
    const hit = await caches.match(new URL(p, scope()).href, { cacheName: CACHE, ignoreSearch: true });
    if (hit) return hit;
  }
  return null;
}

async function respond(request, path) {
  const navigate = request.mode === "navigate";
  const hit = await cached(path, navigate);
  if (hit) return isolated(hit);
  try {
    return isolated(await fetch(request));
  } catch (err) {
    if (navigate && (path === "" || /(\.html|\/|^[^.]*)$/.test(path))) return offlinePage(path);
    throw err;
  }
}

function onFetch(event) {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(scope())) return;
  const path = decodeURIComponent(url.pathname.slice(new URL(scope()).pathname.length));
  if (path === "sw.js" || PASS_THROUGH.some((prefix) => path.startsWith(prefix))) return;
  event.respondWith(respond(request, path));
}

let refilling = null; // the copy being stored again by this (active) worker, see storeAgain

/**
 * Store this version's copy again, as an install does (checked, resumed, marker last), and
 * take control of the open pages. For a page that asks (offline.js): after "Remove offline
 * copy", Chromium keeps the registration while a tab still uses it and revives it when the
 * student stores the course again; its active worker is this one, with its cache deleted,
 * and no new install comes (sw.js is unchanged). Other versions' caches are left alone (an
 * update may be installing beside it), so this is `fill`, without precache's cleaning.
 */
function storeAgain() {
  if (!refilling) {
    refilling = fill()
      .then(() => self.clients.claim())
      .then(() => tell({ state: "active" }))
      .catch((err) => {
        if (!(err && err.told)) tell({ state: "failed", message: String(err && err.message ? err.message : err) });
      })
      .finally(() => (refilling = null));
  }
  return refilling;
}

async function info() {
  const complete = Boolean(await caches.match(markerURL(), { cacheName: CACHE }));
  return { version: MANIFEST.version, course: MANIFEST.course, bytes: MANIFEST.bytes, files: MANIFEST.files.length, complete, storing: Boolean(refilling) };
}

function onMessage(event) {
  const msg = event.data || {};
  if (msg.type === "skip-waiting") {
    self.skipWaiting();
  } else if (msg.type === "store") {
    const work = storeAgain();
    if (event.waitUntil) event.waitUntil(work); // the worker is kept alive until it is done
  } else if (msg.type === "info" && event.ports && event.ports[0]) {
    const port = event.ports[0];
    info().then((data) => port.postMessage(data), (err) => port.postMessage({ error: String(err) }));
  }
}

self.addEventListener("install", (event) => event.waitUntil(precache()));
self.addEventListener("activate", (event) => event.waitUntil(activate()));
self.addEventListener("fetch", onFetch);
self.addEventListener("message", onMessage);
