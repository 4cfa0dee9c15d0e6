// One exercise on the page: editor or quiz form, Run / Check / Stop / Reset, hints,
// the worked solution (after a genuine attempt) and autosave.
import { createEditor } from "./editor.js";
import { loadWork, saveWork, compactResult } from "./storage.js";
import { renderResult } from "./results.js";
import { QuizForm } from "./quiz.js";

const SAVE_DELAY_MS = 400;

function normalise(code) {
  return code.replace(/\r\n/g, "\n").split("\n").map((l) => l.trimEnd()).join("\n").trim();
}

export class ExerciseWidget {
  constructor(root, runtime) {
    this.root = root;
    this.runtime = runtime;
    this.data = JSON.parse(root.querySelector('script[data-role="data"]').textContent);
    this.id = this.data.id;
    this.kind = this.data.kind;
    this.work = loadWork(this.id);
    this.output = root.querySelector('[data-role="output"]');
    this.statusEl = root.querySelector('[data-role="status"]');
    this.bundle = null;
    this.saveTimer = null;
    this.buttons = {};
    for (const b of root.querySelectorAll("[data-action]")) this.buttons[b.dataset.action] = b;
    if (this.kind === "quiz") this.setupQuiz();
    else this.setupEditor();
    this.setupHints();
    this.setupSolution();
    this.buttons.run?.addEventListener("click", () => this.run("run"));
    this.buttons.check.addEventListener("click", () => this.run("check"));
    this.buttons.stop?.addEventListener("click", () => this.runtime.stop());
    this.buttons.reset.addEventListener("click", () => this.reset());
    if (this.work.last_result) {
      this.showStatus(this.work.last_result);
      if (this.quiz) this.quiz.showFeedback(this.work.last_result);
    }
    root.dataset.ready = "true";
  }

  // ---- editor / quiz state -------------------------------------------------------------

  setupEditor() {
    const host = this.root.querySelector('[data-role="editor"]');
    host.textContent = "";
    const saved = typeof this.work.code === "string" ? this.work.code : null;
    this.editor = createEditor(host, {
      doc: saved ?? this.data.starter,
      label: `Code editor: ${this.data.title}. Tab indents; press Escape then Tab to leave the editor.`,
      onChange: () => this.scheduleSave(),
      onRun: () => this.run("run"),
      onCheck: () => this.run("check"),
    });
    const help = document.createElement("p");
    help.className = "ex-help";
    help.textContent = "Ctrl+Enter runs, Shift+Ctrl+Enter checks. Tab indents; Esc then Tab leaves the editor. Your code is saved in this browser as you type.";
    host.after(help);
    if (saved !== null && this.work.starter_hash && this.work.starter_hash !== this.data.starter_hash) {
      this.showStarterChanged(saved);
    } else if (saved === null) {
      this.work = saveWork(this.id, { starter_hash: this.data.starter_hash });
    }
  }

  get code() {
    return this.editor ? this.editor.value : "";
  }

  setupQuiz() {
    this.form = this.root.querySelector('[data-role="quiz"]');
    this.quiz = new QuizForm(this.form, () => this.scheduleSave());
    this.quiz.restore(this.work.answers);
  }

  get answers() {
    return this.quiz.answers;
  }

  scheduleSave() {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveNow(), SAVE_DELAY_MS);
  }

  saveNow(extra = {}) {
    clearTimeout(this.saveTimer);
    const state = this.kind === "quiz" ? { answers: this.answers } : { code: this.code };
    this.work = saveWork(this.id, { ...state, ...extra });
  }

  showStarterChanged(saved) {
    const banner = this.root.querySelector('[data-role="banner"]');
    banner.hidden = false;
    banner.innerHTML = `<p><strong>The starter code of this exercise has changed</strong> since you last saved. Your code is still in the editor.</p>
      <div class="banner-actions"><button type="button" class="btn btn-quiet" data-banner="view">View new starter</button>
      <button type="button" class="btn btn-quiet" data-banner="keep">Keep mine</button></div>`;
    banner.querySelector('[data-banner="view"]').addEventListener("click", () => {
      if (banner.querySelector("pre")) return;
      const pre = document.createElement("pre");
      pre.className = "starter-preview";
      pre.textContent = this.data.starter;
      const use = document.createElement("button");
      use.type = "button";
      use.className = "btn btn-quiet";
      use.textContent = "Switch to the new starter (keep mine as a backup)";
      use.addEventListener("click", () => {
        this.editor.value = this.data.starter;
        this.saveNow({ backup_code: saved, starter_hash: this.data.starter_hash });
        banner.hidden = true;
      });
      banner.append(pre, use);
    });
    banner.querySelector('[data-banner="keep"]').addEventListener("click", () => {
      this.saveNow({ starter_hash: this.data.starter_hash });
      banner.hidden = true;
    });
  }

  reset() {
    const what = this.kind === "quiz" ? "clear your answers" : "replace your code with the starter code";
    if (!window.confirm(`Reset "${this.data.title}": ${what}? This cannot be undone.`)) return;
    if (this.kind === "quiz") {
      this.quiz.reset();
      this.saveNow();
    } else {
      this.editor.value = this.data.starter;
      this.saveNow({ starter_hash: this.data.starter_hash });
    }
    this.output.textContent = "";
  }

  // ---- running -------------------------------------------------------------------------

  async loadBundle() {
    if (!this.bundle) {
      const resp = await fetch(new URL(`exercises/${this.id}.json`, document.baseURI));
      if (!resp.ok) throw new Error(`exercises/${this.id}.json: HTTP ${resp.status}`);
      this.bundle = await resp.json();
    }
    return this.bundle;
  }

  async run(action) {
    if (this.running) return;
    this.running = true;
    this.saveNow();
    const code = this.code;
    const answers = this.kind === "quiz" ? this.answers : undefined;
    this.setBusy(true, action);
    let result;
    try {
      const request = { action, exercise: await this.loadBundle() };
      if (this.kind === "quiz") request.answers = answers;
      else request.code = code;
      result = await this.runtime.request(request, {
        timeLimit: this.data.time_limit,
        onStarted: () => this.setRuntime(action === "check" ? "Checking…" : "Running…"),
      });
    } catch (err) {
      result = { action, error: { title: "Could not start", message: String(err.message || err) }, tests: [] };
    }
    this.setBusy(false);
    this.running = false;
    // A quiz's verdicts are shown next to each question (prompts rendered), not as a list.
    const shown = this.kind === "quiz" ? { ...result, tests: [] } : result;
    renderResult(this.output, shown, { action, code, editor: this.editor, root: this.root });
    if (this.kind === "quiz") this.quiz.showFeedback(result);
    if (action === "check" && !result.stopped) {
      const genuine = this.kind === "quiz"
        ? Object.values(answers).some((v) => v !== null)
        : normalise(code) !== normalise(this.data.starter);
      const changes = { last_result: compactResult(result) };
      if (genuine) changes.attempted = true;
      else changes.checked_starter = true;
      this.saveNow(changes);
      this.showStatus(result);
      this.updateSolution();
    }
  }

  setBusy(busy, action) {
    this.root.classList.toggle("is-busy", busy);
    if (this.buttons.run) this.buttons.run.disabled = busy;
    this.buttons.check.disabled = busy;
    if (this.buttons.stop) this.buttons.stop.disabled = !busy;
    if (busy) {
      this.setRuntime(this.runtime.status === "ready" || this.runtime.status === "busy" ? "Waiting…" : "Starting Python…");
      this.output.setAttribute("aria-busy", "true");
    } else {
      this.setRuntime("");
      this.output.removeAttribute("aria-busy");
    }
  }

  setRuntime(text) {
    this.root.querySelector('[data-role="runtime"]').textContent = text;
  }

  showStatus(result) {
    const max = result.max_score ?? this.data.points;
    if (result.passed) {
      this.statusEl.textContent = `Passed · ${result.score}/${max}`;
      this.statusEl.className = "ex-status passed";
    } else if (typeof result.score === "number") {
      this.statusEl.textContent = `${result.score}/${max} points`;
      this.statusEl.className = "ex-status partial";
    }
  }

  // ---- hints and solution ----------------------------------------------------------------

  setupHints() {
    const box = this.root.querySelector('[data-role="hints"]');
    const button = this.buttons.hint;
    if (!box) {
      button.hidden = true;
      return;
    }
    this.hintTemplates = [...box.querySelectorAll("template")];
    this.hintList = document.createElement("ol");
    this.hintList.className = "hint-list";
    box.append(this.hintList);
    const shown = Math.min(this.work.hints_shown || 0, this.hintTemplates.length);
    for (let i = 0; i < shown; i++) this.appendHint(i);
    this.updateHintButton();
    button.addEventListener("click", () => {
      const n = this.hintList.children.length;
      if (n >= this.hintTemplates.length) return;
      this.appendHint(n);
      this.saveNow({ hints_shown: n + 1 });
      this.updateHintButton();
      this.hintList.lastElementChild.focus();
    });
  }

  appendHint(i) {
    const li = document.createElement("li");
    li.tabIndex = -1;
    li.append(this.hintTemplates[i].content.cloneNode(true));
    this.hintList.append(li);
  }

  updateHintButton() {
    const n = this.hintList.children.length;
    const total = this.hintTemplates.length;
    const b = this.buttons.hint;
    b.textContent = n >= total ? "No more hints" : `Hint ${n + 1} of ${total}`;
    b.disabled = n >= total;
  }

  setupSolution() {
    this.solution = this.root.querySelector('[data-role="solution"]');
    this.solutionNote = this.solution.querySelector('[data-role="solution-note"]');
    this.solutionOpen = false;
    this.updateSolution();
    this.buttons.solution.addEventListener("click", () => {
      this.solutionOpen = !this.solutionOpen;
      this.updateSolution(true);
    });
  }

  get unlocked() {
    return Boolean(this.work.attempted);
  }

  updateSolution(fromClick = false) {
    const unlocked = this.unlocked;
    this.solution.dataset.unlocked = String(unlocked);
    this.buttons.solution.textContent = unlocked ? (this.solutionOpen ? "Hide solution" : "Solution") : "Solution (locked)";
    this.buttons.solution.setAttribute("aria-expanded", String(unlocked && this.solutionOpen));
    let body = this.solution.querySelector(".ex-solution-body");
    if (unlocked && this.solutionOpen) {
      if (!body) {
        body = document.createElement("div");
        body.className = "ex-solution-body";
        body.append(this.solution.querySelector("template").content.cloneNode(true));
        this.solution.append(body);
      }
      this.solutionNote.textContent = "Unlocked because you checked your own attempt. Compare it with yours before moving on.";
    } else {
      body?.remove();
      if (!unlocked && (fromClick || this.work.checked_starter)) {
        const what = this.kind === "quiz" ? "answer at least one question and press Check" : "change the starter code and press Check";
        this.solutionNote.textContent = this.work.checked_starter
          ? `Locked: you checked the starter code unchanged. The worked solution unlocks once you Check an attempt of your own (${what}).`
          : `Locked: the worked solution unlocks after a genuine attempt (${what}).`;
      } else if (!unlocked || !fromClick) {
        this.solutionNote.textContent = "";
      }
    }
  }
}
