// Saved work, one localStorage entry per exercise, and the "Download my work" export.
// Format of the export: docs/export-format.md ("nprl-work/1").

const PREFIX = "nprl:ex:";
const STUDENT_KEY = "nprl:student";

export function loadWork(id) {
  try {
    return JSON.parse(localStorage.getItem(PREFIX + id)) || {};
  } catch {
    return {};
  }
}

export function saveWork(id, changes) {
  const work = { ...loadWork(id), ...changes, updated_at: new Date().toISOString() };
  try {
    localStorage.setItem(PREFIX + id, JSON.stringify(work));
  } catch (err) {
    console.warn("could not save work", err);
  }
  document.dispatchEvent(new CustomEvent("nprl:saved", { detail: { id } }));
  return work;
}

export function allWork() {
  const out = {};
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key && key.startsWith(PREFIX)) {
      try {
        out[key.slice(PREFIX.length)] = JSON.parse(localStorage.getItem(key));
      } catch {
        /* ignore a damaged entry */
      }
    }
  }
  return out;
}

export function studentName() {
  return localStorage.getItem(STUDENT_KEY) || "";
}

export function setStudentName(name) {
  localStorage.setItem(STUDENT_KEY, name);
}

/** The verdict kept with the work: the check result without figures, stdout shortened. */
export function compactResult(result) {
  const { figures, ...rest } = result;
  if (typeof rest.stdout === "string" && rest.stdout.length > 20000) {
    rest.stdout = rest.stdout.slice(0, 20000) + "\n... (shortened)";
  }
  return rest;
}

export function exportWork(courseVersion) {
  const exercises = {};
  const work = allWork();
  for (const id of Object.keys(work).sort()) {
    const w = work[id];
    exercises[id] = {
      code: w.code ?? null,
      answers: w.answers ?? null,
      last_result: w.last_result ?? null,
      updated_at: w.updated_at ?? null,
    };
  }
  const doc = { format: "nprl-work/1", course_version: courseVersion, exported_at: new Date().toISOString(), exercises };
  const name = studentName().trim();
  if (name) doc.student = name;
  return doc;
}

export function downloadWork(courseVersion) {
  const doc = exportWork(courseVersion);
  const blob = new Blob([JSON.stringify(doc, null, 2) + "\n"], { type: "application/json" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = `my-work-${courseVersion}.json`;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(a.href);
    a.remove();
  }, 0);
}
