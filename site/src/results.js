// Show a grader result: stdout, the error (with the student's line), figures, test verdicts.

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

/** Grader messages are plain text in which `name` marks code: show those spans as code. */
export function messageText(text) {
  const frag = document.createDocumentFragment();
  String(text).split(/`([^`\n]+)`/).forEach((part, i) => {
    if (i % 2) frag.append(el("code", {}, part));
    else if (part) frag.append(part);
  });
  return frag;
}

// The same words whichever way Stop worked (interrupt in an isolated page, or a restarted
// worker on a plain static server): a stopped run shows only this.
export const STOPPED_TEXT = { title: "Stopped", message: "Your code was stopped before it finished.", hint: "If it ran for a long time, look for a loop that never ends." };

function isStopped(result) {
  return Boolean(result.stopped) || (result.error && result.error.title === "Stopped");
}

function errorBlock(error, code, editor) {
  const box = el("div", { class: "out-error", role: "alert" });
  let title = error.title || "Error";
  if (error.line && !/\bline\b/i.test(title)) title += ` on line ${error.line}`;
  box.append(el("p", { class: "out-error-title" }, title));
  if (error.line && code) {
    const text = code.split("\n")[error.line - 1];
    if (text !== undefined) {
      const jump = el("button", { type: "button", class: "line-link", title: "Show this line in the editor" }, `${error.line} | ${text}`);
      if (editor) jump.addEventListener("click", () => editor.focusLine(error.line));
      box.append(el("pre", { class: "out-error-line" }, jump));
    }
  }
  if (error.message) box.append(el("p", { class: "out-error-message" }, messageText(error.message)));
  if (error.hint) box.append(el("p", { class: "out-error-hint" }, messageText(error.hint)));
  if (error.traceback) {
    box.append(el("details", {}, el("summary", {}, "Traceback"), el("pre", {}, error.traceback)));
  }
  return box;
}

function testList(result) {
  const list = el("ul", { class: "test-list" });
  for (const t of result.tests || []) {
    const earned = t.passed ? t.points : 0;
    const li = el(
      "li",
      { class: t.passed ? "test passed" : "test failed" },
      el("span", { class: "test-mark", "aria-hidden": "true" }, t.passed ? "✓" : "✗"),
      el("span", { class: "test-name" }, t.description || t.name),
      el("span", { class: "test-points" }, `${earned}/${t.points} pt`),
    );
    li.prepend(el("span", { class: "visually-hidden" }, t.passed ? "Passed: " : "Failed: "));
    if (!t.passed && t.message) li.append(el("pre", { class: "test-message" }, messageText(t.message)));
    list.append(li);
  }
  return list;
}

export function renderResult(out, result, { action, code, editor }) {
  out.textContent = "";
  out.dataset.resultOf = action;
  out.dataset.passed = String(Boolean(result.passed));
  if (isStopped(result) && !(result.error && result.error.title === "Time limit exceeded")) {
    out.dataset.stopped = "true";
    if (result.stdout) out.append(el("p", { class: "out-label" }, "Output"), el("pre", { class: "out-stdout" }, result.stdout));
    out.append(errorBlock({ ...STOPPED_TEXT, line: null, traceback: null }, code, editor));
    return;
  }
  delete out.dataset.stopped;
  if (action === "check" && !result.stopped) {
    const max = result.max_score ?? 0;
    const summary = result.passed
      ? `All tests passed: ${result.score}/${max} points.`
      : `Not yet: ${result.score ?? 0}/${max} points.`;
    out.append(el("p", { class: result.passed ? "out-summary passed" : "out-summary failed" }, summary));
  }
  if (result.stdout) {
    out.append(el("p", { class: "out-label" }, "Output"), el("pre", { class: "out-stdout" }, result.stdout));
  }
  if (result.error) out.append(errorBlock(result.error, code, editor));
  for (const [i, png] of (result.figures || []).entries()) {
    out.append(el("img", { class: "out-figure", src: `data:image/png;base64,${png}`, alt: `Figure ${i + 1} drawn by your code` }));
  }
  if (result.tests && result.tests.length) out.append(testList(result));
  if (action === "run" && !result.error && !result.stdout && !(result.figures || []).length) {
    out.append(el("p", { class: "out-empty" }, "Ran without errors (nothing printed)."));
  }
}
