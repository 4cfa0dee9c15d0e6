// Saved work, one localStorage entry per exercise, and the "Download my work" export.
// Format of the export: docs/export-format.md ("nprl-work/1").
//
// Two tabs of one page share these entries. Each saved edit carries `edited_at` (when it
// was typed, ms since 1970) and `tab` (which tab typed it); a tab never replaces code
// that another tab saved with a later `edited_at` (saveWork reports the conflict), and the
// `storage` event tells the other tabs (site/src/widget.js updates the editor or says so).

// An embedded page (embed/<id>.html in another site's iframe) may be refused storage (the
// browser blocks third-party storage): the work is then kept in memory for this visit only.
let backend = null;
function store() {
  if (backend) return backend;
  try {
    const ls = globalThis.localStorage;
    ls.getItem(PREFIX); // throws where storage is refused
    backend = ls;
  } catch {
    const memory = new Map();
    backend = {
      memory: true,
      getItem: (k) => (memory.has(k) ? memory.get(k) : null),
      setItem: (k, v) => memory.set(k, String(v)),
      removeItem: (k) => memory.delete(k),
      key: (i) => [...memory.keys()][i] ?? null,
      get length() {
        return memory.size;
      },
    };
  }
  return backend;
}

/** False where the browser refuses this page storage (work lasts only for this visit). */
export function storageKept() {
  return !store().memory;
}

const PREFIX = "nprl:ex:";
const STUDENT_KEY = "nprl:student";
export const TAB_ID = Math.random().toString(36).slice(2, 10);

export function loadWork(id) {
  try {
    return JSON.parse(store().getItem(PREFIX + id)) || {};
  } catch {
    return {};
  }
}

/** The exercise id of a localStorage key of ours, else null. */
export function workKey(key) {
  return key && key.startsWith(PREFIX) ? key.slice(PREFIX.length) : null;
}

function sameState(a, b) {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Merge `changes` into the saved entry. A change of `code`/`answers` must come with
 * `edited_at`; if the saved entry holds different work edited later in another tab, that
 * work stays and {work, conflict: <the saved entry>} comes back (the rest is merged).
 */
export function saveWork(id, changes) {
  const stored = loadWork(id);
  let conflict = null;
  let merged = changes;
  const field = "code" in changes ? "code" : "answers" in changes ? "answers" : null;
  if (field && !sameState(stored[field], changes[field]) && stored.tab && stored.tab !== TAB_ID && (stored.edited_at || 0) > (changes.edited_at || 0)) {
    conflict = stored;
    merged = { ...changes };
    for (const k of ["code", "answers", "edited_at", "tab"]) delete merged[k];
  }
  const work = { ...stored, ...merged, updated_at: new Date().toISOString() };
  try {
    store().setItem(PREFIX + id, JSON.stringify(work));
  } catch (err) {
    console.warn("could not save work", err);
  }
  document.dispatchEvent(new CustomEvent("nprl:saved", { detail: { id } }));
  return { work, conflict };
}

export function allWork() {
  const out = {};
  const ls = store();
  for (let i = 0; i < ls.length; i++) {
    const id = workKey(ls.key(i));
    if (id !== null) {
      try {
        out[id] = JSON.parse(ls.getItem(PREFIX + id));
      } catch {
        /* ignore a damaged entry */
      }
    }
  }
  return out;
}

export function studentName() {
  return (store().getItem(STUDENT_KEY) || "").trim();
}

export function setStudentName(name) {
  store().setItem(STUDENT_KEY, String(name).replace(/\s+/g, " ").trim().slice(0, 80));
}

/** The name as it appears in a file name: letters, digits, dot, dash and underscore. */
export function fileSafe(name) {
  const safe = String(name)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\p{L}\p{N}._-]+/gu, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 40);
  return safe || "student";
}

export function downloadName(name, courseVersion) {
  return `my-work-${fileSafe(name)}-${courseVersion}.json`;
}

/** The verdict kept with the work: the check result without figures, curves and keys. */
export function compactResult(result) {
  const { figures, curves, solution_key, ...rest } = result;
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
  const name = studentName();
  if (name) doc.student = name;
  return doc;
}

export function downloadWork(courseVersion) {
  const doc = exportWork(courseVersion);
  const blob = new Blob([JSON.stringify(doc, null, 2) + "\n"], { type: "application/json" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = downloadName(doc.student || "", courseVersion);
  document.body.appendChild(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(a.href);
    a.remove();
  }, 0);
}
