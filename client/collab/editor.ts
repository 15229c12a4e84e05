/**
 * A CodeMirror 6 editor bound to a Y.Text with y-codemirror.next: shared text, remote cursors
 * and selections (names and colours from awareness), shared undo, plus optional track changes.
 * A read-only editor still follows the shared text live; it only refuses the person's input.
 */
import { EditorState, Prec, type Extension } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderExt } from '@codemirror/view';
import { minimalSetup } from 'codemirror';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { trackChanges } from './trackChanges';

export interface EditorOptions {
  parent: HTMLElement;
  text: Y.Text;
  awareness: Awareness | null;
  /** The unit's base text; when given, track changes are shown against it. */
  base?: string;
  label: string;
  placeholder?: string;
  /** Shown but not editable: a viewer, or a text frozen by the workflow. */
  readOnly?: boolean;
}

/** Mounts an editor and returns its view; call `view.destroy()` to unmount. */
export function mountEditor(options: EditorOptions): EditorView {
  const undoManager = new Y.UndoManager(options.text);
  const extensions: Extension[] = [
    minimalSetup,
    // Shared undo (only this user's edits) must win over minimalSetup's local history keys.
    Prec.high(keymap.of(yUndoManagerKeymap)),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ 'aria-label': options.label }),
    yCollab(options.text, options.awareness, { undoManager }),
  ];
  if (options.readOnly) {
    // Both: readOnly stops commands changing the text, editable=false stops typing and IME.
    extensions.push(
      EditorState.readOnly.of(true),
      EditorView.editable.of(false),
      EditorView.contentAttributes.of({ 'aria-readonly': 'true' }),
    );
  } else if (options.placeholder) {
    extensions.push(placeholderExt(options.placeholder));
  }
  if (options.base !== undefined) extensions.push(trackChanges(options.base));
  return new EditorView({
    parent: options.parent,
    state: EditorState.create({ doc: options.text.toString(), extensions }),
  });
}
