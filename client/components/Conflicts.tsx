/**
 * The conflicts panel of a motion (SPEC §4.4): every other live motion the person can see whose
 * changes overlap this one's. Each shared unit is shown side by side — the current text, this
 * motion's redline, the other's — then whether both can apply (with the merged text) or where
 * they clash, and which falls if the other carries. Collapsed until opened, and loaded each time
 * it opens, so it follows drafts that changed meanwhile without costing every visit a request.
 */
import { useId, useState } from 'react';
import type { ConflictUnitView, MotionConflictView } from '../../schemas/api';
import { api } from '../api/client';
import {
  baseColumn,
  conflictsSummary,
  mergedSpans,
  sideColumn,
  type ConflictColumn,
} from '../lib/conflicts';
import { useLoad } from '../lib/hooks';
import { routeHash } from '../lib/route';
import { ErrorNote, Loading } from './Notice';
import { RedlineSpans } from './RedlineSpans';

function Column({ heading, column }: { heading: string; column: ConflictColumn }) {
  return (
    <div className="conflict-col" data-testid="conflict-column">
      <div className="conflict-col-head">
        <span className="conflict-col-name">{heading}</span>
        <span className="conflict-col-caption">{column.caption}</span>
      </div>
      {column.note ? (
        <p className="muted small">{column.note}</p>
      ) : (
        <p className="conflict-text">
          <RedlineSpans spans={column.spans} />
        </p>
      )}
    </div>
  );
}

function SharedUnit({ unit, other }: { unit: ConflictUnitView; other: string }) {
  const merged = mergedSpans(unit);
  return (
    <div className="conflict-unit" data-testid="conflict-unit" data-path={unit.path}>
      <h4 className="conflict-unit-title">
        {unit.isNew ? `New: ${unit.citation}` : unit.citation}
      </h4>
      <div className="conflict-columns">
        <Column heading="Base" column={baseColumn(unit)} />
        <Column heading="This motion" column={sideColumn(unit, unit.own)} />
        <Column heading={other} column={sideColumn(unit, unit.other)} />
      </div>
      {unit.verdict === 'merged' ? (
        <div
          className="conflict-verdict conflict-verdict-merged"
          data-testid="conflict-verdict"
          data-verdict="merged"
        >
          <strong>Both can apply:</strong>{' '}
          {merged ? (
            <span className="conflict-text">
              <RedlineSpans spans={merged} />
            </span>
          ) : (
            'the unit is deleted.'
          )}
        </div>
      ) : (
        <div
          className="conflict-verdict conflict-verdict-clash"
          data-testid="conflict-verdict"
          data-verdict={unit.verdict}
        >
          <strong>Conflict:</strong> {unit.message}
        </div>
      )}
    </div>
  );
}

function OtherMotion({ view }: { view: MotionConflictView }) {
  const { motion } = view;
  return (
    <article className="conflict" data-testid="conflict" data-motion={motion.id}>
      <div className="conflict-head">
        <h3 className="conflict-title">
          <a href={routeHash({ name: 'motion', id: motion.id })}>{motion.title}</a>
        </h3>
        <span className="muted small">
          {motion.body} · {motion.stateLabel}
        </span>
        <span
          className={`conflict-badge ${view.bothApply ? 'conflict-badge-ok' : 'conflict-badge-clash'}`}
        >
          {view.bothApply ? 'Both can apply' : 'Conflict'}
        </span>
      </div>
      {view.shared.map((unit) => (
        <SharedUnit key={`${unit.isNew}:${unit.path}`} unit={unit} other={motion.title} />
      ))}
      {view.problems.length > 0 && (
        <ul className="diagnostics">
          {view.problems.map((p, i) => (
            <li key={i} className="diag diag-error">
              {p}
            </li>
          ))}
        </ul>
      )}
      {!view.bothApply && (
        <p className="conflict-falls" data-testid="conflict-falls">
          {view.fallsMessage}
        </p>
      )}
    </article>
  );
}

function ConflictList({ motionId }: { motionId: string }) {
  const [conflicts, reload] = useLoad(`conflicts:${motionId}`, () => api.conflicts(motionId));
  if (conflicts.state === 'loading') return <Loading what="overlapping motions" />;
  if (conflicts.state === 'error')
    return <ErrorNote message={conflicts.message} onRetry={reload} />;
  return (
    <>
      <div className="conflicts-status">
        <p className="muted" role="status" data-testid="conflicts-summary">
          {conflictsSummary(conflicts.value)}
        </p>
        <button type="button" className="btn btn-small" onClick={reload}>
          Check again
        </button>
      </div>
      {conflicts.value.map((view) => (
        <OtherMotion key={view.motion.id} view={view} />
      ))}
    </>
  );
}

/** The collapsible conflicts section of the motion workspace. */
export function Conflicts({ motionId }: { motionId: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <section className="conflicts" aria-labelledby={`${id}-title`} data-testid="conflicts">
      <h2 className="section-title" id={`${id}-title`}>
        <button
          type="button"
          className="conflicts-toggle"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => setOpen((o) => !o)}
          data-testid="conflicts-toggle"
        >
          Conflicts with other motions
        </button>
      </h2>
      <div id={`${id}-body`} className="conflicts-body" hidden={!open}>
        {open && <ConflictList motionId={motionId} />}
      </div>
    </section>
  );
}
