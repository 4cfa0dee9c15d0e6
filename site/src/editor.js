// The code editor: CodeMirror 6 with Python mode, Tab to indent, Ctrl+Enter to run.
import { basicSetup } from "codemirror";
import { EditorView, keymap } from "@codemirror/view";
import { indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { indentUnit } from "@codemirror/language";

export function createEditor(parent, { doc, label, onChange, onRun, onCheck }) {
  const view = new EditorView({
    doc,
    parent,
    extensions: [
      keymap.of([
        { key: "Mod-Enter", run: () => (onRun(), true) },
        { key: "Shift-Mod-Enter", run: () => (onCheck(), true) },
        indentWithTab,
      ]),
      basicSetup,
      python(),
      indentUnit.of("    "),
      EditorView.contentAttributes.of({ "aria-label": label }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChange(update.state.doc.toString());
      }),
    ],
  });
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
