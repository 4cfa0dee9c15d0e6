// The code editor: CodeMirror 6 with Python mode, Ctrl+Enter to run.
// The editor starts with what typing needs (line numbers, history, indentation, brackets,
// highlighting); the rest of CodeMirror's basic setup (autocompletion, closing brackets,
// search, folding, multiple selections) is added right after the first frame, so the
// editor the reader came for is up sooner.
//
// Tab never types into an editor it only passes through: an editor reached with the
// keyboard starts in CodeMirror's tab-focus mode (Tab and Shift+Tab move focus on). A
// click in it, Enter, or typing enters it on purpose; from then on Tab indents, and
// Escape then Tab leaves (CodeMirror's own escape). The help line under the editor says so.
import { EditorView, keymap, lineNumbers, highlightActiveLineGutter, highlightSpecialChars, drawSelection, highlightActiveLine } from "@codemirror/view";
import { Annotation, Compartment } from "@codemirror/state";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { bracketMatching, defaultHighlightStyle, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { extras as basicExtras } from "./editor-extras.js";

export const TAB_HELP = "Tab moves past the editor; click in it or press Enter to edit, then Tab indents. Esc then Tab leaves the editor.";

// Marks changes made by the page (reset, another tab's newer code), not by typing.
const fromPage = Annotation.define();
const QUIET_KEYS = new Set(["Tab", "Escape", "Shift", "Control", "Alt", "Meta", "CapsLock", "Fn"]);

/** Tab-focus mode for keyboard arrivals; leave it when the student starts editing. */
function tabPassThrough(onMode) {
  let pointer = false;
  return EditorView.domEventHandlers({
    pointerdown(event, view) {
      pointer = true;
      view.setTabFocusMode(false);
      onMode(false);
      return false;
    },
    focus(event, view) {
      // Focus that no pointer brought (Tab, Shift+Tab, a script): pass Tab through.
      if (!pointer) {
        view.setTabFocusMode(true);
        onMode(true);
      }
      pointer = false;
      return false;
    },
    blur() {
      pointer = false;
      return false;
    },
  });
}

export function createEditor(parent, { doc, label, describedBy, onChange, onRun, onCheck }) {
  const extras = new Compartment();
  let passing = false;
  const setPassing = (on) => {
    passing = on;
    parent.dataset.tabMode = on ? "moves" : "indents";
  };
  const view = new EditorView({
    doc,
    parent,
    extensions: [
      keymap.of([
        { key: "Mod-Enter", run: () => (onRun(), true) },
        { key: "Shift-Mod-Enter", run: () => (onCheck(), true) },
        indentWithTab,
      ]),
      extras.of([]),
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightSpecialChars(),
      history(),
      drawSelection(),
      indentOnInput(),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      bracketMatching(),
      highlightActiveLine(),
      keymap.of([...defaultKeymap, ...historyKeymap]),
      python(),
      indentUnit.of("    "),
      tabPassThrough(setPassing),
      EditorView.contentAttributes.of(describedBy ? { "aria-label": label, "aria-describedby": describedBy } : { "aria-label": label }),
      // Already focusable (contenteditable); the explicit tabindex lets accessibility checkers see it, so the scroller counts as keyboard-reachable.
      EditorView.contentAttributes.of({ tabindex: "0" }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) {
          const byPage = update.transactions.some((tr) => tr.annotation(fromPage));
          onChange(update.state.doc.toString(), { byPage });
        }
      }),
    ],
  });
  // Any key but Tab, Escape and modifiers enters the editor on purpose; Enter only enters it.
  view.dom.addEventListener(
    "keydown",
    (event) => {
      if (!passing || QUIET_KEYS.has(event.key)) return;
      view.setTabFocusMode(false);
      setPassing(false);
      if (event.key === "Enter" && !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    true,
  );
  setPassing(false);
  // After the first frame: the rest of the basic setup.
  requestAnimationFrame(() => setTimeout(() => view.dispatch({ effects: extras.reconfigure(basicExtras()) }), 0));
  return {
    view,
    get value() {
      return view.state.doc.toString();
    },
    /** Replace the text (a change by the page, not typing: onChange gets byPage). */
    set value(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, annotations: fromPage.of(true) });
    },
    get tabMoves() {
      return passing;
    },
    focusLine(line) {
      const n = Math.max(1, Math.min(line, view.state.doc.lines));
      const pos = view.state.doc.line(n).from;
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
    },
  };
}
