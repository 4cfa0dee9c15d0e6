// The part of CodeMirror's basic setup the editor adds after its first frame (editor.js).
import { EditorState } from "@codemirror/state";
import { crosshairCursor, dropCursor, keymap, rectangularSelection } from "@codemirror/view";
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { foldGutter, foldKeymap } from "@codemirror/language";

export function extras() {
  return [
    foldGutter(),
    EditorState.allowMultipleSelections.of(true),
    dropCursor(),
    closeBrackets(),
    autocompletion(),
    rectangularSelection(),
    crosshairCursor(),
    highlightSelectionMatches(),
    keymap.of([...closeBracketsKeymap, ...searchKeymap, ...foldKeymap, ...completionKeymap]),
  ];
}
