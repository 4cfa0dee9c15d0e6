// The code editor: CodeMirror 6 with Python mode, Tab to indent, Ctrl+Enter to run.
// The editor starts with what typing needs (line numbers, history, indentation, brackets,
// highlighting); the rest of CodeMirror's basic setup (autocompletion, closing brackets,
// search, folding, multiple selections) is added right after the first frame, so the
// editor the reader came for is up sooner.
import { EditorView, keymap, lineNumbers, highlightActiveLineGutter, highlightSpecialChars, drawSelection, highlightActiveLine } from "@codemirror/view";
import { Compartment } from "@codemirror/state";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { bracketMatching, defaultHighlightStyle, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { extras as basicExtras } from "./editor-extras.js";

export function createEditor(parent, { doc, label, onChange, onRun, onCheck }) {
  const extras = new Compartment();
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
      EditorView.contentAttributes.of({ "aria-label": label }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChange(update.state.doc.toString());
      }),
    ],
  });
  // After the first frame: the rest of the basic setup.
  requestAnimationFrame(() => setTimeout(() => view.dispatch({ effects: extras.reconfigure(basicExtras()) }), 0));
  return {
    view,
    get value() {
      return view.state.doc.toString();
    },
    set value(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    focusLine(line) {
      const n = Math.max(1, Math.min(line, view.state.doc.lines));
      const pos = view.state.doc.line(n).from;
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
    },
  };
}
