/**
 * The `mark-words` fix on the import screen: the text the question is about, its words as toggle
 * buttons, one row of them per set of marks (the words a printed line means; or the new and the
 * deleted words of a text whose formatting was lost). What the reader suggests starts marked; a
 * word marked in one set is unmarked in the others (a word is new or deleted, not both). Nothing
 * is sent until "Use these marks": the reader then checks the marks strictly.
 */
import { Fragment, useState } from 'react';
import type { ImportDiagnostic } from '../api/client';
import { encodeMarks, readMarks, runsOf, wordsIn, wordsOf } from '../../core/amendments/read/marks';
import type { ImportResolution as Resolution } from '../../schemas/api';

type MarkWordsFix = Extract<NonNullable<ImportDiagnostic['fix']>, { kind: 'mark-words' }>;

export function MarkWords({
  fix,
  at,
  chosen,
  onChoose,
}: {
  fix: MarkWordsFix;
  /** The start of the diagnostic's span: where the answer is recorded. */
  at: number;
  /** The value recorded so far for this question, if any. */
  chosen: string | undefined;
  onChoose: (choice: Resolution) => void;
}) {
  const words = wordsOf(fix.text);
  const [marked, setMarked] = useState<Set<number>[]>(() => {
    const read = chosen
      ? readMarks(
          fix.text,
          fix.sets.map((s) => s.name),
          chosen,
        )
      : null;
    return fix.sets.map((s) =>
      wordsIn(words, read && 'sets' in read ? (read.sets.get(s.name) ?? []) : s.marked),
    );
  });
  const value = encodeMarks(
    fix.sets.map((s, i) => ({ name: s.name, marked: runsOf(words, marked[i] ?? new Set()) })),
  );
  const toggle = (set: number, word: number) =>
    setMarked(
      marked.map((m, i) => {
        const next = new Set(m);
        if (i === set && !m.has(word)) next.add(word);
        else next.delete(word);
        return next;
      }),
    );
  return (
    <fieldset className="diag-fix mark-words" data-testid="mark-words">
      <legend>
        {fix.purpose === 'line-anchor'
          ? `Which words of ${fix.unit} are on line ${fix.line ?? '?'} of your printed copy?`
          : `Which words of the text of ${fix.unit} were shown new, and which struck through?`}
      </legend>
      {fix.sets.map((s, i) => (
        <div key={s.name} className="mark-set" role="group" aria-label={s.label}>
          <p className="mark-set-label">{s.label}: press a word to mark or unmark it</p>
          <p className="mark-text">
            {words.map(([a, b], k) => (
              <Fragment key={k}>
                {k > 0 ? fix.text.slice((words[k - 1] as [number, number])[1], a) : ''}
                <button
                  type="button"
                  className={`mark-word mark-${s.name}`}
                  aria-pressed={marked[i]?.has(k) ?? false}
                  onClick={() => toggle(i, k)}
                >
                  {fix.text.slice(a, b)}
                </button>
              </Fragment>
            ))}
          </p>
        </div>
      ))}
      <p className="mark-use">
        <button
          type="button"
          className="btn btn-small"
          onClick={() => onChoose({ at, kind: 'mark-words', value })}
        >
          Use these marks
        </button>{' '}
        <span className="muted" role="status">
          {chosen === value ? 'These marks will be sent when you try again.' : ''}
        </span>
      </p>
    </fieldset>
  );
}
