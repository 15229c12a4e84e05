/**
 * What an import's reading found, shown on the motion text itself: the text read-only with each
 * diagnostic's span highlighted (a caret for an empty one), and beside it the list in plain words
 * with the reader's message, the choices where the reader could not decide alone (radio buttons,
 * or words to mark: MarkWords.tsx) and the hint where the text itself must change. A problem in the list and its highlight lead to
 * each other: click or Enter on one scrolls to and focuses the other.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ImportDiagnostic } from '../api/client';
import { optionParts, plainWords, spanOf, textParts } from '../lib/diagnostics';
import { MarkWords } from './MarkWords';
import type { ImportResolution as Resolution } from '../../schemas/api';

/** One question per diagnostic: a place may ask which unit and then which occurrence. */
export const choiceKey = (at: number, kind: string) => `${at}:${kind}`;

const itemId = (i: number) => `import-problem-${i}`;

export function ImportReview({
  text,
  diagnostics,
  choices,
  onChoose,
  onEdit,
  focusFirst,
}: {
  /** The text exactly as it was sent: the diagnostics' spans are offsets into it. */
  text: string;
  diagnostics: readonly ImportDiagnostic[];
  /** The choices made so far, by {@link choiceKey} of the diagnostic they answer. */
  choices: ReadonlyMap<string, Resolution>;
  /** Absent (with `onEdit`) for a reading shown to read, not to answer: no choices, no editing. */
  onChoose?: (choice: Resolution) => void;
  /** Back to editing the text, with the part a hint is about selected. */
  onEdit?: (select?: { start: number; end: number }) => void;
  /**
   * Focus the first problem when a reading arrives: where the person just asked for it (the
   * import screen, by default when answering), not on a page someone opened to read.
   */
  focusFirst?: boolean;
}) {
  const readOnly = !onChoose;
  const focus = focusFirst ?? !readOnly;
  const [active, setActive] = useState<number | null>(null);
  const marks = useRef(new Map<number, HTMLElement>());
  const items = useRef(new Map<number, HTMLElement>());
  const parts = textParts(text, diagnostics);
  // A new reading: keyboard users start at its first problem, not at the button they pressed.
  useEffect(() => {
    if (focus) items.current.get(0)?.focus();
  }, [diagnostics, focus]);

  const show = (el: HTMLElement | undefined, i: number) => {
    setActive(i);
    if (!el) return;
    el.scrollIntoView({ block: 'nearest' });
    el.focus({ preventScroll: true });
  };
  const onEnter = (go: () => void) => (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    go();
  };

  return (
    <div className="import-review" data-testid="import-review">
      <pre
        className="import-annotated"
        data-testid="import-annotated"
        aria-label="The motion text as sent, with its problems marked"
      >
        {parts.map((p) =>
          p.kind === 'text' ? (
            p.text
          ) : (
            <mark
              key={`${p.kind}-${p.start}`}
              ref={(el) => {
                for (const i of p.starts) {
                  if (el) marks.current.set(i, el);
                  else marks.current.delete(i);
                }
              }}
              className={[
                'hl',
                `hl-${p.severity}`,
                p.kind === 'caret' ? 'hl-caret' : '',
                active !== null && p.ids.includes(active) ? 'hl-active' : '',
              ]
                .filter(Boolean)
                .join(' ')}
              data-diagnostics={p.ids.join(' ')}
              // Only where a span starts: one stop per problem, not one per run.
              tabIndex={p.starts.length > 0 ? 0 : -1}
              title={p.ids.map((i) => headline(diagnostics[i])).join('\n')}
              aria-describedby={p.ids.map(itemId).join(' ')}
              onClick={() => show(items.current.get(p.ids[0] as number), p.ids[0] as number)}
              onKeyDown={onEnter(() =>
                show(items.current.get(p.ids[0] as number), p.ids[0] as number),
              )}
            >
              {p.text}
            </mark>
          ),
        )}
      </pre>
      <ol className="diagnostics" aria-label="Problems in the motion text">
        {diagnostics.map((d, i) => {
          const plain = plainWords(d);
          const span = spanOf(text, d);
          const fix = d.fix;
          return (
            <li
              key={i}
              id={itemId(i)}
              className={[
                'diag',
                `diag-${d.severity}`,
                active === i ? 'diag-active' : '',
                d.fix && choices.has(choiceKey(span.start, d.fix.kind)) ? 'diag-answered' : '',
              ]
                .filter(Boolean)
                .join(' ')}
            >
              <button
                type="button"
                className="diag-go"
                ref={(el) => {
                  if (el) items.current.set(i, el);
                  else items.current.delete(i);
                }}
                onClick={() => show(marks.current.get(i), i)}
                onFocus={() => setActive(i)}
                title="Show it in the text"
              >
                <span className="diag-place">
                  {d.line}:{d.column}
                </span>{' '}
                <span className="diag-plain">{plain ?? d.message}</span>
              </button>
              <p className="diag-detail">
                {plain && <>{d.message} </>}
                <span className="muted">[{d.ruleId}]</span>
              </p>
              {fix?.kind === 'mark-words' && onChoose && (
                <MarkWords
                  // A new question (another text, or asked again after bad marks) starts afresh.
                  key={`${span.start}:${d.ruleId}:${fix.text}`}
                  fix={fix}
                  at={span.start}
                  chosen={choices.get(choiceKey(span.start, fix.kind))?.value}
                  onChoose={onChoose}
                />
              )}
              {fix && fix.kind !== 'edit-text' && fix.kind !== 'mark-words' && onChoose && (
                <fieldset className="diag-fix">
                  <legend>
                    {fix.kind === 'choose-occurrence'
                      ? fix.line
                        ? `Which ‘${fix.words}’ in ${fix.unit} is on line ${fix.line} of your printed copy?`
                        : `Which ‘${fix.words}’ in ${fix.unit} is meant?`
                      : 'Which rule is meant?'}
                  </legend>
                  {fix.options.map((o) => {
                    const cut =
                      fix.kind === 'choose-occurrence' ? optionParts(o.label, fix.words) : null;
                    return (
                      <label key={o.value} className="diag-option">
                        <input
                          type="radio"
                          name={`import-fix-${span.start}-${fix.kind}`}
                          value={o.value}
                          checked={choices.get(choiceKey(span.start, fix.kind))?.value === o.value}
                          onChange={() =>
                            onChoose({ at: span.start, kind: fix.kind, value: o.value })
                          }
                        />
                        <span>
                          {cut ? (
                            <>
                              {cut.before}
                              <strong>{cut.words}</strong>
                              {cut.after}
                            </>
                          ) : (
                            o.label
                          )}
                        </span>
                      </label>
                    );
                  })}
                </fieldset>
              )}
              {fix?.kind === 'edit-text' && (
                <p className="diag-hint">
                  {fix.hint}{' '}
                  {onEdit && (
                    <button type="button" className="btn-link" onClick={() => onEdit(span)}>
                      Edit the text here
                    </button>
                  )}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** A diagnostic's plain sentence, or its message when its rule has none. */
function headline(d: ImportDiagnostic | undefined): string {
  return d ? (plainWords(d) ?? d.message) : '';
}
