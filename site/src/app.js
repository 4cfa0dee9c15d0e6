// Page script: exercise widgets, the Python worker, progress in the table of contents,
// the student's name, "Download my work" and the offline copy (offline.js, sw.js).
import { PythonRuntime } from "./python.js";
import { ExerciseWidget } from "./widget.js";
import { allWork, downloadWork, setStudentName, storageKept, studentName } from "./storage.js";
import { showHomeProgress } from "./home.js";
import { OfflineCopy } from "./offline.js";

const timings = (window.nprlTimings = {});
const course = JSON.parse(document.getElementById("course-data").textContent);

function progressOf(page, work) {
  const ids = Object.keys(page.exercises);
  let passed = 0;
  let points = 0;
  let max = 0;
  for (const id of ids) {
    max += page.exercises[id];
    const r = work[id] && work[id].last_result;
    if (r) {
      points += r.score || 0;
      if (r.passed) passed += 1;
    }
  }
  return { total: ids.length, passed, points, max };
}

function updateProgress() {
  const work = allWork();
  for (const page of course.pages) {
    const p = progressOf(page, work);
    for (const li of document.querySelectorAll(`.toc-item[data-slug="${page.slug}"]`)) {
      const slot = li.querySelector('[data-role="progress"]');
      slot.textContent = p.total ? `${p.passed}/${p.total}` : "";
      slot.title = p.total ? `${p.passed} of ${p.total} exercises passed, ${p.points} of ${p.max} points` : "";
      li.classList.toggle("complete", p.total > 0 && p.passed === p.total);
      li.classList.toggle("started", p.points > 0);
    }
    if (page.slug === document.body.dataset.slug) {
      const slot = document.querySelector('[data-role="page-progress"]');
      if (slot && p.total) {
        slot.textContent = `${p.passed} of ${p.total} exercises passed · ${p.points} of ${p.max} points`;
      }
    }
  }
  showHomeProgress(course, work, progressOf);
}

/**
 * The student's name or id, asked once (the first download) and kept in localStorage: it
 * names the downloaded file and is the student's row in the offline gradebook.
 * Resolves with the name, or null if the student cancelled.
 */
function askName() {
  let dialog = document.getElementById("name-dialog");
  if (!dialog) {
    dialog = document.createElement("dialog");
    dialog.id = "name-dialog";
    dialog.className = "name-dialog";
    dialog.setAttribute("aria-labelledby", "name-dialog-title");
    dialog.innerHTML = `<form method="dialog">
      <h2 id="name-dialog-title">Your name or student id</h2>
      <p id="name-dialog-help">It goes into the file you download and names your row in your instructor's gradebook. It is kept in this browser only; change it with the name button at the top of any page.</p>
      <p><label for="name-dialog-input">Name or id</label><br>
      <input id="name-dialog-input" name="student" type="text" autocomplete="name" maxlength="80" required aria-describedby="name-dialog-help"></p>
      <p class="name-dialog-error" role="alert" hidden>Type your name or id first.</p>
      <div class="banner-actions"><button type="submit" class="btn btn-primary" value="save">Save</button>
      <button type="submit" class="btn btn-quiet" value="cancel" formnovalidate>Cancel</button></div></form>`;
    document.body.append(dialog);
  }
  const input = dialog.querySelector("input");
  input.value = studentName();
  return new Promise((resolve) => {
    dialog.addEventListener(
      "close",
      () => {
        const name = input.value.replace(/\s+/g, " ").trim();
        if (dialog.returnValue === "save" && name) {
          setStudentName(name);
          updateNameButton();
          resolve(studentName());
        } else {
          resolve(null);
        }
      },
      { once: true },
    );
    dialog.returnValue = "";
    dialog.showModal();
    input.focus();
  });
}

function updateNameButton() {
  const button = document.querySelector('[data-action="student-name"]');
  const name = studentName();
  if (button) {
    button.hidden = !name;
    button.textContent = name ? `Name: ${name.length > 24 ? name.slice(0, 23) + "…" : name}` : "";
    button.setAttribute("aria-label", `Change your name (now ${name})`);
  }
  const field = document.querySelector('[data-role="student-name"]');
  if (field && document.activeElement !== field) field.value = name;
}

function setupChrome() {
  const download = document.querySelector('[data-action="download-work"]');
  download.addEventListener("click", async () => {
    if (!studentName() && !(await askName())) return;
    downloadWork(course.version);
  });
  const change = document.createElement("button");
  change.type = "button";
  change.className = "btn btn-quiet";
  change.dataset.action = "student-name";
  change.addEventListener("click", () => askName());
  download.after(change);
  updateNameButton();
  window.addEventListener("storage", (event) => {
    if (event.key === "nprl:student" || event.key === null) updateNameButton();
  });
  const name = document.querySelector('[data-role="student-name"]');
  if (name) {
    name.value = studentName();
    name.addEventListener("input", () => {
      setStudentName(name.value);
      updateNameButton();
    });
  }
  const toggle = document.querySelector(".toc-toggle"); // none on an embed page
  toggle?.addEventListener("click", () => {
    const open = document.body.classList.toggle("toc-open");
    toggle.setAttribute("aria-expanded", String(open));
  });
  const note = document.querySelector('[data-role="embed-note"]');
  if (note && !storageKept()) {
    note.hidden = false;
    note.textContent = "This browser does not let this embedded exercise save your work: it lasts until you leave this page. Download it, or open the exercise in the course to keep it.";
  }
  updateProgress();
  document.addEventListener("nprl:saved", updateProgress);
  window.addEventListener("storage", updateProgress);
}

function targetSelector() {
  // The exercise the reader came for (URL hash), else the first one on the page.
  const hash = decodeURIComponent(location.hash.slice(1));
  return /^ex-[A-Za-z0-9_]+$/.test(hash) ? `section.exercise#${hash}` : "section.exercise";
}

function stylesLoaded() {
  return [...document.querySelectorAll('link[rel="stylesheet"]')].every((link) => link.sheet);
}

/** Call fn(section) as soon as the target exercise is completely parsed and styled (null if none). */
function whenTargetParsed(fn) {
  const tick = () => {
    if (document.readyState !== "loading") {
      fn(document.querySelector(targetSelector()) || document.querySelector("section.exercise"));
      return;
    }
    const section = document.querySelector(targetSelector());
    // The parser has moved past the section once it has a next sibling.
    if (section && section.nextElementSibling && stylesLoaded()) fn(section);
    else setTimeout(tick, 0);
  };
  tick();
}

let runtime = null;
function pythonRuntime() {
  if (runtime) return runtime;
  runtime = window.nprlRuntime = new PythonRuntime("pyodide/");
  runtime.onStatus((status, detail) => {
    document.body.dataset.python = status;
    if (status === "ready" && timings.python === undefined) timings.python = performance.now();
    if (status === "error") {
      for (const s of document.querySelectorAll("section.exercise")) {
        s.querySelector('[data-role="runtime"]').textContent = `Python could not start: ${detail}`;
      }
    }
  });
  return runtime;
}

function setupTarget(target) {
  // The target gets its editor first (while the rest of the page may still be loading);
  // the others follow after DOMContentLoaded, one per task, so the page stays responsive.
  window.nprlWidgets = [];
  if (!target) return;
  target.classList.add("is-target"); // rendered now, whatever content-visibility would skip
  window.nprlWidgets.push(new ExerciseWidget(target, pythonRuntime()));
  timings.editor = performance.now(); // the editor exists and takes typing
  // Now the rest of the lesson may render, and Python may start (see boot.js).
  document.documentElement.classList.remove("target-first");
  runtime.release();
  // And on screen: the next frame after its creation has been rendered.
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      timings.editorPainted = performance.now();
    };
    channel.port2.postMessage(null);
  });
}

function setupExercises() {
  const rest = [...document.querySelectorAll("section.exercise")].filter((s) => s.dataset.ready !== "true");
  if (rest.length) pythonRuntime();
  const next = () => {
    const section = rest.shift();
    if (section) {
      window.nprlWidgets.push(new ExerciseWidget(section, runtime));
      setTimeout(next, 0);
    } else {
      document.body.dataset.editor = "ready";
    }
  };
  next();
}

function whenDOMReady(fn) {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn, { once: true });
  else fn();
}

// Loaded with `async`: this may run while the lesson is still being parsed.
/** Resolves once Python has started or failed (at once on a page without exercises). */
function pythonSettled() {
  if (!runtime) return Promise.resolve();
  return new Promise((resolve) => runtime.onStatus((status) => status !== "loading" && resolve()));
}

whenTargetParsed((target) => {
  setupTarget(target);
  whenDOMReady(() => {
    setupChrome();
    setupExercises();
    // The offline copy is fetched after Python is up, so it never slows the first Run.
    // Not from an embed page: inside another site's iframe the browser keeps its storage
    // apart, and a second 53 MB copy there would help no one.
    if (!document.body.classList.contains("embed")) {
      window.nprlOffline = new OfflineCopy({ course, beforeRegister: pythonSettled() });
    }
  });
});
