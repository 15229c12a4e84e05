/**
 * A CodeMirror 6 editor bound to a Y.Text with y-codemirror.next: shared text, remote cursors
 * and selections (names and colours from awareness), shared undo, plus optional track changes.
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
  if (options.placeholder) extensions.push(placeholderExt(options.placeholder));
  if (options.base !== undefined) extensions.push(trackChanges(options.base));
  return new EditorView({
    parent: options.parent,
    state: EditorState.create({ doc: options.text.toString(), extensions }),
  });
}
