// Page script: exercise widgets, the Python worker, progress in the table of contents,
// the student's name and "Download my work".
import { PythonRuntime } from "./python.js";
import { ExerciseWidget } from "./widget.js";
import { allWork, downloadWork, setStudentName, studentName } from "./storage.js";

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
}

function setupChrome() {
  document.querySelector('[data-action="download-work"]').addEventListener("click", () => downloadWork(course.version));
  const name = document.querySelector('[data-role="student-name"]');
  if (name) {
    name.value = studentName();
    name.addEventListener("input", () => setStudentName(name.value));
  }
  const toggle = document.querySelector(".toc-toggle");
  toggle.addEventListener("click", () => {
    const open = document.body.classList.toggle("toc-open");
    toggle.setAttribute("aria-expanded", String(open));
  });
  updateProgress();
  document.addEventListener("nprl:saved", updateProgress);
  window.addEventListener("storage", updateProgress);
}

function setupExercises() {
  const sections = [...document.querySelectorAll("section.exercise")];
  if (!sections.length) return;
  const runtime = new PythonRuntime("pyodide/");
  window.nprlRuntime = runtime;
  runtime.onStatus((status, detail) => {
    document.body.dataset.python = status;
    if (status === "ready" && timings.python === undefined) timings.python = performance.now();
    if (status === "error") {
      for (const s of sections) {
        s.querySelector('[data-role="runtime"]').textContent = `Python could not start: ${detail}`;
      }
    }
  });
  // The exercise the reader came for (URL hash) gets its editor first; the others follow,
  // one per task, so the page stays responsive while a long page sets up.
  const target = sections.find((s) => location.hash === `#${s.id}`) || sections[0];
  const rest = sections.filter((s) => s !== target);
  target.classList.add("is-target"); // rendered now, whatever content-visibility would skip
  window.nprlWidgets = [new ExerciseWidget(target, runtime)];
  timings.editor = performance.now();
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

setupChrome();
setupExercises();
