// The quiz form of one exercise: read and restore answers, reorder items, show feedback.
// The form is rendered at build time (builder/quizform.py); answers name items by their
// original index, so the grader never needs the order the page shows them in.
// Answer formats (docs/spec-reference.md): single an int, multiple a list of ints,
// numeric the text typed (the grader parses it), ordering a list of item indices,
// match a list (one entry per left item) of right indices or null, explain a string.

function questionAnswer(fs) {
  const type = fs.dataset.type;
  if (type === "single") {
    const c = fs.querySelector("input:checked");
    return c ? Number(c.value) : null;
  }
  if (type === "multiple") {
    const picked = [...fs.querySelectorAll("input:checked")].map((i) => Number(i.value));
    return picked.length ? picked : null;
  }
  if (type === "numeric" || type === "explain") {
    const v = fs.querySelector("input, textarea").value;
    return v.trim() === "" ? null : v;
  }
  if (type === "ordering") {
    if (fs.dataset.touched !== "true") return null;
    return [...fs.querySelectorAll("li[data-index]")].map((li) => Number(li.dataset.index));
  }
  if (type === "match") {
    const chosen = [...fs.querySelectorAll("select[data-left]")].map((s) => (s.value === "" ? null : Number(s.value)));
    return chosen.some((v) => v !== null) ? chosen : null;
  }
  return null;
}

function restoreQuestion(fs, value) {
  const type = fs.dataset.type;
  if (type === "single" || type === "multiple") {
    for (const input of fs.querySelectorAll("input")) {
      input.checked = type === "single" ? Number(input.value) === value : Array.isArray(value) && value.includes(Number(input.value));
    }
  } else if (type === "numeric" || type === "explain") {
    fs.querySelector("input, textarea").value = typeof value === "string" || typeof value === "number" ? String(value) : "";
  } else if (type === "ordering" && Array.isArray(value)) {
    const list = fs.querySelector('[data-role="order"]');
    const items = new Map([...list.children].map((li) => [Number(li.dataset.index), li]));
    if (value.length !== items.size || !value.every((k) => items.has(k))) return;
    for (const k of value) list.append(items.get(k));
    fs.dataset.touched = "true";
    updateMoveButtons(list);
  } else if (type === "match" && Array.isArray(value)) {
    for (const s of fs.querySelectorAll("select[data-left]")) {
      const v = value[Number(s.dataset.left)];
      s.value = v === null || v === undefined ? "" : String(v);
    }
  }
}

function updateMoveButtons(list) {
  const items = [...list.children];
  items.forEach((li, pos) => {
    li.querySelector('[data-move="up"]').disabled = pos === 0;
    li.querySelector('[data-move="down"]').disabled = pos === items.length - 1;
  });
}

export class QuizForm {
  constructor(form, onChange) {
    this.form = form;
    this.onChange = onChange;
    for (const list of form.querySelectorAll('[data-role="order"]')) updateMoveButtons(list);
    form.addEventListener("input", () => onChange());
    form.addEventListener("change", () => onChange());
    form.addEventListener("click", (ev) => {
      const button = ev.target.closest("button[data-move]");
      if (button) this.move(button.closest("li"), button.dataset.move);
    });
  }

  get fieldsets() {
    return [...this.form.querySelectorAll("fieldset[data-qid]")];
  }

  get answers() {
    const out = {};
    for (const fs of this.fieldsets) out[fs.dataset.qid] = questionAnswer(fs);
    return out;
  }

  restore(answers) {
    for (const fs of this.fieldsets) {
      const value = (answers || {})[fs.dataset.qid];
      if (value !== undefined && value !== null) restoreQuestion(fs, value);
    }
  }

  reset() {
    this.form.reset();
    for (const fs of this.fieldsets) {
      delete fs.dataset.touched;
      const list = fs.querySelector('[data-role="order"]');
      if (list) {
        const original = [...list.children].sort((a, b) => Number(a.dataset.order) - Number(b.dataset.order));
        for (const li of original) list.append(li);
        updateMoveButtons(list);
      }
      const box = fs.querySelector('[data-role="feedback"]');
      box.textContent = "";
      box.className = "quiz-feedback";
    }
  }

  /** Move an ordering item one place; focus follows it so Enter can be pressed again. */
  move(li, direction) {
    const list = li.parentElement;
    const fs = li.closest("fieldset");
    const other = direction === "up" ? li.previousElementSibling : li.nextElementSibling;
    if (!other) return;
    if (direction === "up") list.insertBefore(li, other);
    else list.insertBefore(other, li);
    fs.dataset.touched = "true";
    updateMoveButtons(list);
    const button = li.querySelector(`[data-move="${direction}"]`);
    (button.disabled ? li.querySelector(`[data-move="${direction === "up" ? "down" : "up"}"]`) : button).focus();
    const pos = [...list.children].indexOf(li) + 1;
    const announce = fs.querySelector('[data-role="announce"]');
    if (announce) announce.textContent = `Moved to position ${pos} of ${list.children.length}.`;
    this.onChange();
  }

  /** Per question: the grader's plain-text message, then the pre-rendered explanation
   * (when right) or the model answer and rubric (a written answer, once given). */
  showFeedback(result) {
    const tests = new Map((result.tests || []).map((t) => [t.name, t]));
    for (const fs of this.fieldsets) {
      const t = tests.get(fs.dataset.qid);
      const box = fs.querySelector('[data-role="feedback"]');
      box.textContent = "";
      if (!t) {
        box.className = "quiz-feedback";
        continue;
      }
      const written = fs.dataset.type === "explain";
      const earned = typeof t.score === "number" ? t.score : t.passed ? t.points : 0;
      let state = t.passed ? "passed" : earned > 0 ? "partial" : "failed";
      if (written) state = t.passed ? "selfcheck" : "failed";
      box.className = `quiz-feedback ${state}`;
      const message = document.createElement("p");
      message.className = "quiz-message";
      message.textContent = t.message || (t.passed ? "Correct." : "Not right yet.");
      box.append(message);
      const extra = fs.querySelector(written ? 'template[data-role="model"]' : 'template[data-role="explanation"]');
      if (extra && t.passed) box.append(extra.content.cloneNode(true));
    }
  }
}
