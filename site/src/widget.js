// One exercise on the page: editor or quiz form, Run / Check / Stop / Reset, hints,
// the worked solution (after a genuine attempt, decided by the grader), the live curve and
// autosave (also on pagehide; two tabs keep the newest edit, see storage.js).
import { createEditor, TAB_HELP } from "./editor.js";
import { loadWork, saveWork, compactResult, workKey, TAB_ID } from "./storage.js";
import { renderResult } from "./results.js";
import { QuizForm } from "./quiz.js";
import { unsealTemplates } from "./sealed.js";
import { LiveCurves } from "./curve.js";

const SAVE_DELAY_MS = 400;

function clock(ms) {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
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
    this.buttons.stop?.addEventListener("click", () => this.job?.cancel());
    this.buttons.reset.addEventListener("click", () => this.reset());
    if (this.work.last_result) {
      this.showStatus(this.work.last_result);
      if (this.quiz) this.unseal().then(() => this.quiz.showFeedback(this.work.last_result));
    }
    this.setupSync();
    root.dataset.ready = "true";
  }

  // ---- editor / quiz state -------------------------------------------------------------

  setupEditor() {
    const host = this.root.querySelector('[data-role="editor"]');
    host.textContent = "";
    const saved = typeof this.work.code === "string" ? this.work.code : null;
    const helpId = `ex-${this.id}-help`;
    this.editor = createEditor(host, {
      doc: saved ?? this.data.starter,
      label: `Code editor: ${this.data.title}`,
      describedBy: helpId,
      onChange: (text, { byPage }) => {
        if (!byPage) this.edited();
      },
      onRun: () => this.run("run"),
      onCheck: () => this.run("check"),
    });
    const help = document.createElement("p");
    help.className = "ex-help";
    help.id = helpId;
    help.textContent = `${TAB_HELP} Ctrl+Enter runs, Shift+Ctrl+Enter checks. Your code is saved in this browser as you type.`;
    host.after(help);
    this.curveHost = document.createElement("div");
    this.curveHost.className = "ex-curve";
    this.curveHost.dataset.role = "curve";
    help.after(this.curveHost);
    this.curves = new LiveCurves(this.curveHost);
    if (saved !== null && this.work.starter_hash && this.work.starter_hash !== this.data.starter_hash) {
      this.showStarterChanged(saved);
    } else if (saved === null) {
      this.work = saveWork(this.id, { starter_hash: this.data.starter_hash }).work;
    }
  }

  get code() {
    return this.editor ? this.editor.value : "";
  }

  setupQuiz() {
    this.form = this.root.querySelector('[data-role="quiz"]');
    this.quiz = new QuizForm(this.form, () => this.edited());
    this.quiz.restore(this.work.answers);
  }

  get answers() {
    return this.quiz.answers;
  }

  /** The student changed the code or an answer (not the page): save it soon. */
  edited() {
    this.dirty = true;
    this.editedAt = Date.now();
    this.scheduleSave();
  }

  scheduleSave() {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveNow(), SAVE_DELAY_MS);
  }

  get state() {
    return this.kind === "quiz" ? { answers: this.answers } : { code: this.code };
  }

  /** Save the extra fields, and the code/answers if they were edited here since the last save. */
  saveNow(extra = {}) {
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const changes = { ...extra };
    if (this.dirty) Object.assign(changes, this.state, { edited_at: this.editedAt, tab: TAB_ID });
    const { work, conflict } = saveWork(this.id, changes);
    this.work = work;
    this.dirty = false;
    if (conflict) this.adopt(conflict, { mine: changes.code ?? changes.answers });
  }

  // ---- two tabs, reloads -----------------------------------------------------------------

  setupSync() {
    this.dirty = false;
    this.editedAt = 0;
    // The last keystrokes before a reload, a link or closing the tab (the 400 ms autosave
    // would lose them).
    const flush = () => {
      if (this.dirty) this.saveNow();
    };
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") flush();
      else this.resync(loadWork(this.id));
    });
    window.addEventListener("pageshow", (event) => {
      if (event.persisted) this.resync(loadWork(this.id));
    });
    window.addEventListener("storage", (event) => {
      if (event.key === null || workKey(event.key) === this.id) this.resync(loadWork(this.id));
    });
  }

  /** Another tab saved this exercise: take its newer work, or keep ours if ours is newer. */
  resync(stored) {
    const field = this.kind === "quiz" ? "answers" : "code";
    const theirs = stored[field];
    const before = this.work;
    this.work = { ...stored };
    if (Boolean(before.solution_key) !== Boolean(stored.solution_key)) this.updateSolution();
    if (theirs === undefined || JSON.stringify(theirs) === JSON.stringify(this.state[field])) return;
    if (stored.tab === TAB_ID) return;
    if (this.dirty && this.editedAt >= (stored.edited_at || 0)) {
      this.saveNow(); // ours is the newer edit: it wins, and the other tab hears of it
      return;
    }
    this.adopt(stored, { mine: this.dirty ? this.state[field] : undefined });
  }

  /** Show another tab's newer work in this one, saying so (and offering ours back if edited). */
  adopt(stored, { mine }) {
    clearTimeout(this.saveTimer);
    this.dirty = false;
    const field = this.kind === "quiz" ? "answers" : "code";
    if (this.kind === "quiz") {
      this.quiz.reset();
      this.quiz.restore(stored.answers);
    } else {
      this.editor.value = stored.code;
    }
    let note = this.root.querySelector('[data-role="sync-note"]');
    if (!note) {
      note = document.createElement("div");
      note.className = "ex-banner ex-sync-note";
      note.dataset.role = "sync-note";
      note.setAttribute("role", "status");
      const anchor = this.root.querySelector('[data-role="editor"], [data-role="quiz"]');
      anchor.before(note);
    }
    note.hidden = false;
    note.textContent = "";
    const what = this.kind === "quiz" ? "answers" : "code";
    const text = document.createElement("p");
    text.textContent = `This exercise was changed in another tab or window (at ${clock(stored.edited_at || Date.now())}); its newer ${what} ${this.kind === "quiz" ? "are" : "is"} shown here.`;
    note.append(text);
    if (mine !== undefined && JSON.stringify(mine) !== JSON.stringify(stored[field])) {
      const back = document.createElement("button");
      back.type = "button";
      back.className = "btn btn-quiet";
      back.textContent = `Use the ${what} from this tab instead`;
      back.addEventListener("click", () => {
        if (this.kind === "quiz") {
          this.quiz.reset();
          this.quiz.restore(mine);
        } else {
          this.editor.value = mine;
        }
        this.edited();
        this.editedAt = Math.max(this.editedAt, (stored.edited_at || 0) + 1); // chosen: it is the newest now
        this.saveNow();
        note.hidden = true;
      });
      note.append(back);
    }
    const ok = document.createElement("button");
    ok.type = "button";
    ok.className = "btn btn-quiet";
    ok.textContent = "OK";
    ok.addEventListener("click", () => (note.hidden = true));
    note.append(ok);
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
        this.edited();
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
      this.edited();
      this.saveNow();
    } else {
      this.editor.value = this.data.starter;
      this.edited();
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
    this.curves?.reset();
    let result;
    try {
      const request = { action, exercise: await this.loadBundle(), failed_checks: this.work.failed_checks || 0 };
      if (this.kind === "quiz") request.answers = answers;
      else request.code = code;
      this.job = this.runtime.request(request, {
        timeLimit: this.data.time_limit,
        onStarted: () => this.setRuntime(action === "check" ? "Checking…" : "Running…"),
        onLive: (data) => this.curves?.update(data),
      });
      if (this.buttons.stop) this.buttons.stop.disabled = false;
      result = await this.job;
    } catch (err) {
      // The bundle did not download: nothing was checked, so nothing is recorded.
      result = { action, error: { title: "Could not load the exercise", message: String(err.message || err), hint: "Check your connection, then press the button again." }, tests: [] };
    }
    this.job = null;
    this.setBusy(false);
    this.running = false;
    if (this.curves && Array.isArray(result.curves) && result.curves.length) this.curves.final(result.curves);
    // A check result is the grader's only if it says whether it was an attempt.
    const graded = action === "check" && !result.stopped && typeof result.attempt === "boolean";
    if (graded) {
      const changes = { last_result: compactResult(result) };
      if (result.attempt) changes.attempted = true;
      else changes.checked_starter = true;
      if (!result.passed) changes.failed_checks = (this.work.failed_checks || 0) + 1;
      if (result.solution_key) {
        changes.solution_key = result.solution_key;
        if (!this.work.solution_key) changes.unlocked_by = result.attempt ? "attempt" : "checks";
      }
      this.saveNow(changes);
      if (this.work.solution_key) await this.unseal();
    }
    // A quiz's verdicts are shown next to each question (prompts rendered), not as a list.
    const shown = this.kind === "quiz" ? { ...result, tests: [] } : result;
    renderResult(this.output, shown, { action, code, editor: this.editor, root: this.root });
    if (this.kind === "quiz") this.quiz.showFeedback(result);
    if (graded) {
      this.showStatus(result);
      this.updateSolution();
    }
  }

  /** Decrypt the sealed solution and explanations once the grader has handed out the key. */
  async unseal() {
    if (this.unsealed === undefined) this.unsealed = null;
    if (this.unsealed) return true;
    if (!this.work.solution_key) return false;
    this.unsealed = await unsealTemplates(this.root, this.work.solution_key);
    return this.unsealed;
  }

  setBusy(busy, action) {
    this.root.classList.toggle("is-busy", busy);
    if (this.buttons.run) this.buttons.run.disabled = busy;
    this.buttons.check.disabled = busy;
    if (this.buttons.stop) this.buttons.stop.disabled = !busy || !this.job;
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
    return Boolean(this.work.solution_key);
  }

  async updateSolution(fromClick = false) {
    const unlocked = this.unlocked;
    if (unlocked && this.solutionOpen && !(await this.unseal())) {
      this.solutionNote.textContent = self.crypto && crypto.subtle
        ? "The worked solution could not be opened in this browser. Press Check again to unlock it afresh."
        : "The worked solution can only be shown when this site is opened over https:// or on localhost.";
      return;
    }
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
      this.solutionNote.textContent = this.work.unlocked_by === "checks"
        ? `Unlocked after ${this.data.unlock_after_checks || "several"} Checks. Compare it with your code before moving on.`
        : "Unlocked because you checked your own attempt. Compare it with yours before moving on.";
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
