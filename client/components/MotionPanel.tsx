/**
 * The right-hand panel: live formal motion text (with copy) and, for an imported motion, the text
 * as submitted that it was read from; the redline of every amended unit in context, word counts
 * and diagnostics.
 */
import { useState } from 'react';
import type { ApiUnit, ImportChoiceView, ImportResolution } from '../../schemas/api';
import type { DraftResult } from '../../core/amendments/draft';
import { wordCount } from '../../core/diff/words';
import type { AmendmentEntry } from '../../core/amendments/draft-doc';
import { api, ApiFailure, errorMessage, type ImportDiagnostic } from '../api/client';
import { optionParts } from '../lib/diagnostics';
import { useLoad } from '../lib/hooks';
import { choiceKey, ImportReview } from './ImportReview';
import { ErrorNote } from './Notice';
import { redlineSpans } from '../lib/redline';
import { RedlineSpans } from './RedlineSpans';

export interface PanelAmendment {
  entry: AmendmentEntry;
  base: ApiUnit | undefined;
  text: string;
}

/**
 * The live side panel; `result` is motionFromDraft of the current draft, `submittedText` an
 * imported motion's text as pasted (null for one drafted here) and `importResolutions` the
 * choices made when it was imported.
 */
export function MotionPanel({
  result,
  amendments,
  argumentWords,
  motionId,
  submittedText,
  importResolutions = null,
  onReadingFinished,
}: {
  motionId: string;
  result: DraftResult;
  amendments: PanelAmendment[];
  argumentWords: number;
  submittedText: string | null;
  importResolutions?: ImportChoiceView[] | null;
  /** The reading of a motion kept unread was finished here: the motion has changed. */
  onReadingFinished: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(result.motionText).then(
      () => {
        setCopied(true);
        window.setTimeout(() => setCopied(false), 1500);
      },
      () => undefined,
    );
  };
  const ruleWords = amendments.reduce((n, a) => n + wordCount(a.text), 0);
  return (
    <aside className="panel" aria-label="Generated motion">
      <section className="panel-section">
        <div className="panel-head">
          <h2>Motion text</h2>
          <button
            type="button"
            className="btn btn-small"
            onClick={copy}
            disabled={!result.motionText}
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
        <pre className="motion-text" data-testid="motion-text" aria-live="off">
          {result.motionText || 'The formal motion text appears here as you draft.'}
        </pre>
      </section>
      {submittedText !== null && (
        <section className="panel-section" aria-labelledby="submitted-text-title">
          <h2 id="submitted-text-title">Text as submitted</h2>
          {/* Word for word: the motion text above rewords its instructions in the house style. */}
          <p className="muted panel-note">
            As pasted when the motion was imported; the motion text above was read from it.
          </p>
          <pre className="submitted-text" data-testid="submitted-text">
            {submittedText}
          </pre>
          <SubmittedReading
            motionId={motionId}
            text={submittedText}
            onFinished={onReadingFinished}
          />
        </section>
      )}
      {submittedText !== null && importResolutions && importResolutions.length > 0 && (
        <ImportChoices text={submittedText} choices={importResolutions} />
      )}
      <section className="panel-section">
        <h2>Word counts</h2>
        <dl className="counts">
          <dt>Motion text</dt>
          <dd>{wordCount(result.motionText)}</dd>
          <dt>Proposed rule text</dt>
          <dd>{ruleWords}</dd>
          <dt>Supporting argument</dt>
          <dd>{argumentWords}</dd>
        </dl>
      </section>
      <section className="panel-section">
        <h2>Diagnostics</h2>
        {result.diagnostics.length === 0 ? (
          <p className="muted">No problems found.</p>
        ) : (
          <ul className="diagnostics">
            {result.diagnostics.map((d, i) => (
              <li key={i} className={`diag diag-${d.severity}`}>
                <span className="diag-sev">{d.severity}</span> {d.message}{' '}
                <span className="muted">[{d.ruleId}]</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel-section" data-testid="redline">
        <h2>Redline</h2>
        {amendments.length === 0 && <p className="muted">No units changed yet.</p>}
        {amendments.map(({ entry, base, text }) => (
          <div key={entry.id} className="redline-unit">
            <div className="redline-label">
              {entry.kind === 'insert'
                ? `New unit ${entry.marker || ''} after ${entry.target}`
                : entry.kind === 'delete'
                  ? `${entry.target} deleted`
                  : entry.target}
            </div>
            <p className="legal">
              <RedlineSpans
                spans={redlineSpans(
                  entry.kind === 'insert' ? '' : (base?.text ?? ''),
                  entry.kind === 'delete' ? '' : text,
                )}
              />
            </p>
          </div>
        ))}
      </section>
    </aside>
  );
}

/**
 * What the person importing the text decided where it could be read more than one way: the
 * words each question was about, as submitted, and the answer chosen.
 */
function ImportChoices({ text, choices }: { text: string; choices: ImportChoiceView[] }) {
  return (
    <section className="panel-section" aria-labelledby="import-choices-title">
      <h2 id="import-choices-title">Choices made on import</h2>
      <p className="muted panel-note">
        Where the text as submitted could be read more than one way, the person importing it chose:
      </p>
      <ol className="import-choices" data-testid="import-choices">
        {choices.map((c) => {
          const quoted = text.slice(c.at, c.end).replace(/\s+/g, ' ').trim();
          const cut = optionParts(c.label, quoted.replace(/^[‘'“"]|[’'”"]$/g, ''));
          return (
            <li key={c.at}>
              <span className="choice-words">{quoted || `(at character ${c.at + 1})`}</span>{' '}
              {c.kind === 'choose-occurrence'
                ? `— occurrence ${c.value}:`
                : c.kind === 'choose-unit'
                  ? `— in ${c.value}:`
                  : c.kind === 'mark-words'
                    ? '— words marked:'
                    : `— ${c.value}:`}{' '}
              <span className="choice-label">
                {cut ? (
                  <>
                    {cut.before}
                    <strong>{cut.words}</strong>
                    {cut.after}
                  </>
                ) : (
                  c.label
                )}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/**
 * What reading the text as submitted finds, marked on it: the warnings its import accepted (a
 * restatement that differs from what the instructions give, words found in another case …), for
 * the CAC and everyone who reads the motion. Nothing is shown when the text reads cleanly. For a
 * motion kept unread, the questions its reading asks, answered here by whoever may finish the
 * reading (its drafters while it is a draft, the CAC before ruling it): finishing reads its
 * instructions into the draft, or shows what still does not read.
 */
function SubmittedReading({
  motionId,
  text,
  onFinished,
}: {
  motionId: string;
  text: string;
  onFinished: () => void;
}) {
  const [reading, reread] = useLoad(`reading:${motionId}`, () => api.reading(motionId));
  const [choices, setChoices] = useState<ReadonlyMap<string, ImportResolution>>(new Map());
  /** What a refused finish found, shown instead of the reading it was asked from. */
  const [refused, setRefused] = useState<ImportDiagnostic[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (reading.state !== 'ready') return null;
  const { unread, canFinish } = reading.value;
  const diagnostics = refused ?? reading.value.diagnostics;
  if (diagnostics.length === 0 && !unread) return null;
  const choose = (choice: ImportResolution) =>
    setChoices(new Map(choices).set(choiceKey(choice.at, choice.kind ?? ''), choice));
  const finish = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.finishReading(motionId, [...choices.values()]);
      setChoices(new Map());
      setRefused(null);
      reread();
      onFinished();
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiFailure && err.diagnostics.length > 0) setRefused(err.diagnostics);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="submitted-reading" data-testid="submitted-reading">
      <h3>{unread ? 'Not read yet' : 'What reading it found'}</h3>
      {unread && (
        <p className="panel-note" data-testid="unread-note">
          {canFinish
            ? 'Nothing has been read from this text yet. Answer the questions below and finish reading it: its instructions go into the draft, and your choices are kept with the motion.'
            : 'Nothing has been read from this text yet: its drafters, or the CAC once it is submitted, finish reading it.'}
        </p>
      )}
      <ImportReview
        text={text}
        diagnostics={diagnostics}
        choices={choices}
        onChoose={canFinish ? choose : undefined}
        focusFirst={refused !== null}
      />
      {error && <ErrorNote message={error} />}
      {canFinish && (
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy}
          onClick={() => void finish()}
        >
          {busy ? 'Reading…' : 'Finish reading with my choices'}
        </button>
      )}
    </div>
  );
}
