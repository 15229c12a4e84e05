/**
 * Track changes inside a unit's editor: inserted words get a mark, deleted base words show as
 * struck-through widgets where they were. Recomputed from scratch on every document change — one
 * per-unit word diff, cheap enough per keystroke (core/diff/words.ts).
 */
import { RangeSetBuilder, type Extension } from '@codemirror/state';
import {
  Decoration,
  EditorView,
  ViewPlugin,
  WidgetType,
  type DecorationSet,
  type ViewUpdate,
} from '@codemirror/view';
import { trackSpans } from './trackSpans';

class DeletedWords extends WidgetType {
  constructor(readonly text: string) {
    super();
  }
  override eq(other: DeletedWords): boolean {
    return other.text === this.text;
  }
  toDOM(): HTMLElement {
    const del = document.createElement('del');
    del.className = 'cm-track-del';
    del.textContent = this.text;
    del.setAttribute('aria-label', `deleted: ${this.text}`);
    return del;
  }
  override ignoreEvent(): boolean {
    return false;
  }
}

const insertedMark = Decoration.mark({
  class: 'cm-track-ins',
  attributes: { 'data-track': 'ins' },
});

function build(view: EditorView, base: string): DecorationSet {
  const text = view.state.doc.toString();
  const spans = trackSpans(base, text);
  const ranges: { from: number; to: number; deco: Decoration }[] = [];
  for (const d of spans.deleted) {
    ranges.push({
      from: d.at,
      to: d.at,
      deco: Decoration.widget({ widget: new DeletedWords(d.text), side: -1 }),
    });
  }
  for (const r of spans.inserted) ranges.push({ from: r.from, to: r.to, deco: insertedMark });
  // RangeSetBuilder wants ranges by position, widgets (side -1) before marks at the same place.
  ranges.sort((a, b) => a.from - b.from || (a.to === a.from ? -1 : 0) - (b.to === b.from ? -1 : 0));
  const builder = new RangeSetBuilder<Decoration>();
  for (const r of ranges) builder.add(r.from, r.to, r.deco);
  return builder.finish();
}

/** The track-changes extension for an editor whose unit read `base` in the edition. */
export function trackChanges(base: string): Extension {
  const plugin = ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = build(view, base);
      }
      update(update: ViewUpdate) {
        if (update.docChanged) this.decorations = build(update.view, base);
      }
    },
    { decorations: (v) => v.decorations },
  );
  return [
    plugin,
    EditorView.baseTheme({
      '.cm-track-ins': {
        backgroundColor: 'rgba(22, 130, 70, 0.13)',
        textDecoration: 'underline 2px rgba(22, 130, 70, 0.8)',
        textUnderlineOffset: '3px',
      },
      '.cm-track-del': {
        color: '#b3261e',
        textDecoration: 'line-through',
        backgroundColor: 'rgba(179, 38, 30, 0.07)',
        marginRight: '0.25em',
        padding: '0 1px',
      },
    }),
  ];
}
