// The page side of the offline copy (site/src/sw.js): registers the service worker once the
// page is idle, says when a new version of the course is ready (reload to use it: saved
// work lives in localStorage and is untouched), and puts a small control at the foot of
// the page: how much is stored, and a button to remove it (or store it again).
//
// JupyterLite (jupyter/) has its own service worker for its own scope. On its first start
// it unregisters every service worker of the site unless it finds its own registered with
// its version noted (@jupyterlite/server's ServiceWorkerManager); so once the course's
// copy is stored, this registers JupyterLite's worker for it, the way JupyterLite would.
//
// Storing it again after a removal: while another tab still uses the removed copy's worker,
// Chromium keeps that registration and register() revives it, active worker and all, with
// its cache gone and sw.js unchanged, so no install comes; `refill` asks that worker to
// store its copy again. Every step has a deadline, so the footer ends stored or says what
// did not answer.

const OFF_KEY = "nprl:offline"; // "off": the student removed the offline copy; do not store it again
const LITE_KEY = "nprl:offline-lite"; // the course version for which JupyterLite's worker was registered
const IDLE_MS = 4000;
export const REGISTER_TIMEOUT_MS = 30_000; // navigator.serviceWorker.register: fetch sw.js, start it
const INFO_TIMEOUT_MS = 3000; // a running worker answers "info" at once
const WAKE_TIMEOUT_MS = 10_000; // ... a stopped one is started first

function mb(bytes) {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function whenIdle() {
  return new Promise((resolve) => {
    const go = () => (window.requestIdleCallback ? requestIdleCallback(() => resolve(), { timeout: IDLE_MS }) : setTimeout(resolve, 500));
    if (document.readyState === "complete") go();
    else window.addEventListener("load", go, { once: true });
  });
}

/** `promise`'s value, or `fallback` if it has not settled within `ms`. */
function within(promise, ms, fallback) {
  let timer;
  const late = new Promise((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Ask a service worker for {version, course, bytes, files, complete, storing}; null if it does not answer. */
function askInfo(worker, ms = INFO_TIMEOUT_MS) {
  if (!worker) return Promise.resolve(null);
  const answer = new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data && !event.data.error ? event.data : null);
    if (!post(worker, { type: "info" }, [channel.port2])) resolve(null);
  });
  return within(answer, ms, null);
}

/** postMessage to a worker; false if the browser refused it (a worker it has let go of). */
function post(worker, message, transfer = []) {
  try {
    worker.postMessage(message, transfer);
    return true;
  } catch {
    return false;
  }
}

export class OfflineCopy {
  constructor({ course, beforeRegister = Promise.resolve(), registerTimeoutMs = REGISTER_TIMEOUT_MS }) {
    this.course = course;
    this.registerTimeoutMs = registerTimeoutMs;
    this.supported = "serviceWorker" in navigator && window.isSecureContext && "caches" in window;
    this.swURL = new URL("sw.js", document.baseURI).href;
    this.scope = new URL("./", this.swURL).href;
    this.progress = null;
    this.failure = null;
    this.requested = false; // the student asked to store it: "Storing…" until stored or failed
    this.footer = this.renderFooter();
    this.show();
    if (!this.supported) return;
    // A page that was already controlled when it loaded reloads when a newer version takes over.
    this.hadController = Boolean(navigator.serviceWorker.controller);
    navigator.serviceWorker.addEventListener("controllerchange", () => {
      if (this.hadController && !this.reloading) {
        this.reloading = true;
        location.reload();
      } else {
        this.show();
      }
    });
    navigator.serviceWorker.addEventListener("message", (event) => this.onMessage(event.data || {}));
    document.addEventListener("visibilitychange", () => {
      // Registered again if something (JupyterLite, the browser's storage settings) removed it.
      if (document.visibilityState === "visible" && this.registration) this.register();
    });
    if (!this.off) beforeRegister.then(whenIdle).then(() => this.register());
  }

  get off() {
    return localStorage.getItem(OFF_KEY) === "off";
  }

  async register() {
    if (this.off) return;
    const late = Symbol("late");
    const asked = navigator.serviceWorker.register(this.swURL, { scope: this.scope });
    let reg;
    try {
      reg = await within(asked, this.registerTimeoutMs, late);
      if (reg === late) {
        this.failure = `the browser did not answer navigator.serviceWorker.register for ${this.swURL} within ${this.registerTimeoutMs / 1000} s`;
        this.show();
        reg = await asked; // it may still answer: then this goes on as usual
        this.failure = null;
      }
    } catch (err) {
      this.failure = `the browser refused the service worker (${err && err.message ? err.message : err})`;
      this.show();
      return;
    }
    const known = reg === this.registration;
    this.registration = reg;
    if (!known) this.watch(reg);
    await this.refill(reg);
    this.show();
  }

  /**
   * An active worker without its copy, and no install to bring one (a registration revived
   * after "Remove offline copy", or a cache the browser evicted): ask it to store it again.
   */
  async refill(reg) {
    if (!reg.active || reg.installing || reg.waiting) return;
    const worker = reg.active;
    const data = await askInfo(worker, WAKE_TIMEOUT_MS);
    if (data && (data.complete || data.storing)) return;
    // Progress and the end come as messages (onMessage); a late answer clears the failure.
    if (!post(worker, { type: "store" })) this.failure = `the browser refused a message to the course's service worker (${worker.scriptURL})`;
    else if (!data) this.failure = `the course's service worker (${worker.scriptURL}) did not answer within ${WAKE_TIMEOUT_MS / 1000} s`;
  }

  watch(reg) {
    const track = (worker) => {
      if (!worker || worker.nprlTracked) return;
      worker.nprlTracked = true;
      this.failure = null;
      let was = worker.state;
      worker.addEventListener("statechange", () => {
        if (was === "installing" && worker.state === "redundant" && !this.failure) {
          this.failure = `the browser dropped the new service worker (${worker.scriptURL}) before it was installed`;
        }
        was = worker.state;
        if (worker.state === "installed" && navigator.serviceWorker.controller) this.showUpdate(reg);
        if (worker.state === "activated") this.stored();
        if (worker.state !== "installing") this.progress = null;
        this.show();
      });
    };
    track(reg.installing);
    reg.addEventListener("updatefound", () => track(reg.installing));
    if (reg.waiting && navigator.serviceWorker.controller) this.showUpdate(reg);
    if (reg.active) this.stored();
    // The browser looked for a new sw.js when this page was opened, maybe before this page
    // listened; look again (an install under way is joined, a failed one is tried again).
    this.checked = navigator.onLine && reg.active ? reg.update().then(() => true, () => false) : Promise.resolve(false);
  }

  /** A version is active: keep it from eviction, and share the site with JupyterLite. */
  async stored() {
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
    const data = await askInfo(this.registration && this.registration.active);
    if (!data || localStorage.getItem(LITE_KEY) === data.version) return; // once per course version
    if (await shareWithJupyterLite(this.scope).catch(() => false)) localStorage.setItem(LITE_KEY, data.version);
  }

  onMessage(msg) {
    if (msg.type !== "nprl-offline") return;
    if (msg.state === "installing") this.progress = msg;
    else this.progress = null;
    if (msg.state === "failed") this.failure = msg.message;
    if (msg.state === "installed" || msg.state === "active") this.failure = null;
    this.show();
  }

  // ---- the update notice -----------------------------------------------------------------

  showUpdate(reg) {
    if (document.querySelector('[data-role="update-notice"]')) return;
    const reload = el("button", { type: "button", class: "btn btn-primary", "data-action": "update-reload" }, "Reload now");
    const later = el("button", { type: "button", class: "btn btn-quiet", "data-action": "update-later" }, "Later");
    const notice = el(
      "div",
      { class: "update-notice", role: "status", "data-role": "update-notice" },
      el("p", {}, el("strong", {}, "A new version of the course is available."), " Reload to use it; your saved code and answers are kept."),
      el("div", { class: "banner-actions" }, reload, later),
    );
    reload.addEventListener("click", () => {
      reload.disabled = true;
      // Each tab saves what was typed on pagehide (widget.js) before it reloads.
      const waiting = reg.waiting;
      if (waiting) waiting.postMessage({ type: "skip-waiting" }); // controllerchange then reloads every tab
      else location.reload();
    });
    later.addEventListener("click", () => notice.remove());
    document.body.append(notice);
  }

  // ---- the storage control ---------------------------------------------------------------

  renderFooter() {
    const footer = el("footer", { class: "site-footer", "data-role": "offline" });
    this.text = el("p", { class: "offline-text", "data-role": "offline-status", "aria-live": "polite" });
    this.button = el("button", { type: "button", class: "btn btn-quiet", "data-action": "offline-toggle", hidden: "" });
    this.button.addEventListener("click", () => this.toggle());
    footer.setAttribute("aria-label", "Offline use");
    footer.append(this.text, this.button);
    (document.querySelector("main") || document.body).append(footer);
    return footer;
  }

  /** Say what is stored; the active version's own word counts, an install adds to it. */
  async show() {
    const ticket = (this.shown = (this.shown || 0) + 1); // only the latest call writes
    const kept = " Your saved code and answers are kept in this browser either way.";
    let state;
    let line;
    let removable = false;
    if (!this.supported) {
      state = "unsupported";
      line = "This browser cannot keep the course for offline use here (it needs service workers and an https:// or localhost address).";
    } else if (this.off) {
      state = "off";
      line = "The course is not stored for offline use in this browser, so it needs the network." + kept;
    } else {
      const reg = this.registration || (await navigator.serviceWorker.getRegistration(this.scope).catch(() => null));
      const data = reg && reg.active ? await askInfo(reg.active) : null;
      const installing = Boolean(reg && reg.installing) || Boolean(data && data.storing);
      const progress = installing && this.progress ? `: ${mb(this.progress.done)} of ${mb(this.progress.total)}` : "";
      let usage = "";
      if (navigator.storage && navigator.storage.estimate) {
        const est = await within(navigator.storage.estimate().catch(() => null), INFO_TIMEOUT_MS, null);
        if (est && est.usage) usage = ` This site uses ${mb(est.usage)} of this browser's storage in all.`;
      }
      if (ticket !== this.shown) return;
      if (data && data.complete) {
        state = "stored";
        removable = true;
        line = `Stored for offline use: ${mb(data.bytes)} (course ${data.course}, build ${data.version.slice(0, 8)}), so the course works without the network.${usage}`;
        if (installing) line += ` A new version is being stored${progress}.`;
        else if (this.failure) line += ` A newer version could not be stored (${this.failure}); the stored one stays in use.`;
        this.footer.dataset.version = data.version;
      } else if (installing || (this.requested && !this.failure)) {
        state = "installing";
        line = `Storing the course for offline use${progress}…`;
      } else if (this.failure) {
        state = "failed";
        line = `Storing the course for offline use did not work (${this.failure}). It is tried again on your next visit.`;
      } else {
        state = "pending";
        line = "The course will be stored for offline use during this visit.";
      }
    }
    if (ticket !== this.shown) return;
    this.footer.dataset.state = state;
    this.text.textContent = line;
    this.button.textContent = this.off ? "Store it for offline use" : "Remove offline copy";
    this.button.hidden = !(this.off || removable);
  }

  async toggle() {
    if (this.off) {
      localStorage.removeItem(OFF_KEY);
      this.requested = true;
      this.failure = null;
      this.show(); // "Storing…" at once; register() may take seconds
      await this.register();
      return;
    }
    const ok = window.confirm("Remove the course's offline copy from this browser? The course will need the network again. Your saved code and answers are kept.");
    if (!ok) return;
    localStorage.setItem(OFF_KEY, "off");
    this.requested = false;
    await removeOfflineCopy(this.scope);
    this.registration = null;
    this.show();
  }
}

/** Unregister the course's service worker (not JupyterLite's) and delete its caches. */
export async function removeOfflineCopy(scope) {
  const reg = await navigator.serviceWorker.getRegistration(scope);
  if (reg && reg.scope === scope) await reg.unregister();
  for (const name of await caches.keys()) {
    if (name.startsWith("nprl-course-")) await caches.delete(name);
  }
}

/**
 * Register JupyterLite's service worker for jupyter/ as JupyterLite itself does, and note
 * its version where JupyterLite looks, so that its first start finds it and does not
 * unregister the course's worker. Needs the network (jupyter/ is not in the offline copy).
 */
export async function shareWithJupyterLite(scope) {
  if (!navigator.onLine) return false;
  const resp = await fetch(new URL("jupyter/jupyter-lite.json", scope), { cache: "no-cache" });
  if (!resp.ok) return resp.status === 404; // a site built without JupyterLite: nothing to share
  const config = (await resp.json())["jupyter-config-data"] || {};
  if (!config.appVersion) return false;
  const url = new URL("jupyter/service-worker.js", scope);
  url.searchParams.set("enableCache", String(config.enableServiceWorkerCache || "false"));
  const liteScope = new URL("jupyter/", scope).href;
  const existing = await navigator.serviceWorker.getRegistration(liteScope);
  if (!existing || existing.scope !== liteScope) await navigator.serviceWorker.register(url.href);
  localStorage.setItem(`${url.href}-version`, config.appVersion);
  return true;
}
