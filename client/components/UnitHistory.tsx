/**
 * Consolidation in the rulebook view: each unit's history ("Amended by Conference 2026, card
 * vote 8 — title (body)"), the summary of amendments at the top of a consolidated edition, the
 * redline of a changed unit, and the conference official's panel that consolidates the carried
 * motions of an edition into the next one.
 */
import { useState, type FormEvent } from 'react';
import type { EditionHistory, UnitHistoryEntry } from '../../schemas/api';
import { api, ApiFailure, errorMessage } from '../api/client';
import { amendedBy, nextEdition } from '../lib/consolidation';
import { useLoad } from '../lib/hooks';
import { routeHash } from '../lib/route';
import { ErrorNote, Loading } from './Notice';

/** The history of one unit: each carried motion that changed it, newest edition first. */
export function UnitHistory({
  entries,
  editionId,
}: {
  entries: readonly UnitHistoryEntry[];
  editionId: string;
}) {
  return (
    <ul className="unit-history" data-testid="unit-history" aria-label="History of this unit">
      {entries.map((e) => (
        <li key={`${e.editionId} ${e.motionId}`} data-testid="unit-history-line">
          {amendedBy(e)} — <a href={routeHash({ name: 'motion', id: e.motionId })}>{e.title}</a> (
          {e.body})
          {e.editionId !== editionId && (
            <span className="muted">
              {' '}
              · in edition {e.edition}
              {e.recordedPath !== e.path ? `, as ${e.recordedPath}` : ''}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The summary of amendments of a consolidated edition, in conference order. */
export function AmendmentsSummary({
  history,
  editionId,
}: {
  history: EditionHistory;
  editionId: string;
}) {
  const { basedOn, amendments } = history;
  if (!basedOn) return null;
  return (
    <section className="amendments-summary card" data-testid="amendments-summary">
      <h2>Summary of amendments</h2>
      <p className="muted">
        Consolidated from{' '}
        <a href={routeHash({ name: 'rulebook', editionId: basedOn.id, unit: null })}>
          {basedOn.title} {basedOn.edition}
        </a>
        : every carried motion applied, in conference order.
      </p>
      <ol className="amendments-list">
        {amendments.map((a) => (
          <li key={a.motionId} data-testid="amendment-line">
            <strong>
              Conference {a.conference}, card vote {a.card}
            </strong>{' '}
            — <a href={routeHash({ name: 'motion', id: a.motionId })}>{a.title}</a> ({a.body}) —{' '}
            {a.words}.{' '}
            <span className="muted">
              Changes{' '}
              {a.units.map((u, i) => (
                <span key={u}>
                  {i > 0 && ', '}
                  <a href={routeHash({ name: 'rulebook', editionId, unit: u || null })}>
                    {u || 'the whole rulebook'}
                  </a>
                </span>
              ))}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * For a conference official: the carried motions of this edition in conference order, any
 * problem that stops their consolidation, and the new edition's id and name; consolidating opens
 * the new edition.
 */
export function ConsolidatePanel({ edition }: { edition: { id: string; edition: string } }) {
  const [preview, reload] = useLoad(`consolidation:${edition.id}`, () =>
    api.consolidationPreview(edition.id),
  );
  const suggested = nextEdition(edition);
  const [id, setId] = useState(suggested.id);
  const [name, setName] = useState(suggested.edition);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; details: string[] } | null>(null);

  if (preview.state === 'loading') return <Loading what="the carried motions" />;
  if (preview.state === 'error') return <ErrorNote message={preview.message} onRetry={reload} />;
  const p = preview.value;
  if (!p.canConsolidate || p.motions.length === 0) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const done = await api.consolidate(edition.id, { id: id.trim(), edition: name });
      window.location.hash = routeHash({
        name: 'rulebook',
        editionId: done.edition.id,
        unit: null,
      });
    } catch (error) {
      const details = error instanceof ApiFailure ? error.diagnostics.map((d) => d.message) : [];
      setFailure({ message: errorMessage(error), details });
      reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      className="consolidate-panel card"
      data-testid="consolidate-panel"
      aria-labelledby="consolidate-title"
    >
      <h2 id="consolidate-title">Consolidate carried motions</h2>
      <p className="muted">
        {p.motions.length} carried {p.motions.length === 1 ? 'motion' : 'motions'}, applied in
        conference order (card vote, then submission) to produce the next edition.
      </p>
      <ol className="consolidate-list">
        {p.motions.map((m) => (
          <li key={m.id} data-testid="consolidate-motion">
            <span className="card-vote">Card vote {m.card}</span>{' '}
            <a href={routeHash({ name: 'motion', id: m.id })}>{m.title}</a>{' '}
            <span className="muted">
              ({m.body}) · Conference {m.conference} · {m.words}
              {m.units.length > 0 ? ` · ${m.units.join(', ')}` : ''}
            </span>
          </li>
        ))}
      </ol>
      {p.problems.length > 0 && (
        <div
          className={`note ${p.ready ? 'note-info' : 'note-error'}`}
          role={p.ready ? 'status' : 'alert'}
          data-testid="consolidate-problems"
        >
          <div>
            <strong>
              {p.ready
                ? 'Warnings (they do not stop the consolidation):'
                : 'These carried motions cannot be consolidated as they stand:'}
            </strong>
            <ul>
              {p.problems.flatMap((problem) =>
                problem.diagnostics.map((d, i) => (
                  <li key={`${problem.motionId} ${i}`}>
                    <strong>{problem.motion}</strong> (line {d.line}, column {d.column}):{' '}
                    {d.message}
                  </li>
                )),
              )}
            </ul>
          </div>
        </div>
      )}
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="form-row">
          <div className="field">
            <label htmlFor="consolidate-id">New edition id</label>
            <input
              id="consolidate-id"
              value={id}
              maxLength={80}
              placeholder="e.g. labour-2025"
              onChange={(e) => setId(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="consolidate-edition">Edition name</label>
            <input
              id="consolidate-edition"
              value={name}
              maxLength={60}
              placeholder="e.g. 2025"
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <button
            className="btn btn-primary"
            type="submit"
            disabled={busy || !p.ready}
            data-testid="consolidate-button"
          >
            {busy ? 'Consolidating…' : 'Consolidate carried motions'}
          </button>
        </div>
      </form>
      {failure && (
        <div className="note note-error" role="alert" data-testid="consolidate-error">
          {failure.details.length === 0 ? (
            <span>{failure.message}</span>
          ) : (
            <div>
              <strong>Nothing was changed:</strong>
              <ul>
                {failure.details.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
