/**
 * Where a motion stands in its workflow: its state, the procedure checks while it is not yet
 * submitted, the steps the signed-in person may take now (the server's `actions`; each asks for
 * confirmation and an optional note; submitting waits until no check is an error), and its history.
 */
import { useEffect, useRef, useState } from 'react';
import type { AuditView, Motion } from '../../schemas/api';
import type { Workflow } from '../../schemas/profile';
import { actionLabel, detailParts } from '../lib/audit';
import type { Loaded } from '../lib/hooks';
import { ErrorNote, Loading } from './Notice';
import { ProcedureChecks, blocksSubmission } from './ProcedureChecks';

function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** The progress card of the workspace. `onAction` posts the step; it throws the server's refusal. */
export function MotionProgress({
  motion,
  workflow,
  events,
  onAction,
}: {
  motion: Motion;
  workflow: Workflow;
  events: Loaded<AuditView[]>;
  onAction: (event: string, note: string) => Promise<void>;
}) {
  const [chosen, setChosen] = useState<{ event: string; label: string } | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const noteInput = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (chosen) noteInput.current?.focus();
  }, [chosen]);
  // A step offered a moment ago may be gone after the motion changed under us.
  useEffect(() => {
    if (chosen && !motion.actions.some((a) => a.event === chosen.event)) setChosen(null);
  }, [motion.actions, chosen]);

  const stateLabel = (id: string) => workflow.states.find((s) => s.id === id)?.label ?? id;
  const eventLabel = (id: string) => workflow.transitions.find((t) => t.event === id)?.label ?? id;
  // The server refuses it too (409); disabled here so nobody confirms a step bound to fail.
  const submitBlocked =
    blocksSubmission(motion) && motion.actions.some((a) => a.event === workflow.submitEvent);

  const confirm = async () => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      await onAction(chosen.event, note.trim());
      setChosen(null);
      setNote('');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card progress" aria-labelledby="progress-title" data-testid="progress">
      <div className="progress-head">
        <h2 id="progress-title">Progress</h2>
        <span className={`state state-${motion.state}`} data-testid="workspace-state">
          {motion.stateLabel}
        </span>
      </div>

      <ProcedureChecks motion={motion} />

      <h3 className="sub-title">Actions</h3>
      {motion.actions.length === 0 && (
        <p className="muted small">No step is yours to take at this stage.</p>
      )}
      {!chosen && motion.actions.length > 0 && (
        <div className="action-buttons" data-testid="actions">
          {motion.actions.map((a) => {
            const blocked = submitBlocked && a.event === workflow.submitEvent;
            return (
              <button
                key={a.event}
                type="button"
                className="btn"
                disabled={blocked}
                aria-describedby={blocked ? 'submit-blocked' : undefined}
                onClick={() => {
                  setError(null);
                  setChosen(a);
                }}
              >
                {a.label}…
              </button>
            );
          })}
        </div>
      )}
      {!chosen && submitBlocked && (
        <p id="submit-blocked" className="small error-text" data-testid="submit-blocked">
          Fix the errors above before submitting.
        </p>
      )}
      {chosen && (
        <form
          className="form action-confirm"
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setChosen(null);
          }}
          data-testid="action-confirm"
        >
          <p className="action-chosen">
            <strong>{chosen.label}</strong>
          </p>
          <label htmlFor="action-note">Note (optional, kept in the history)</label>
          <textarea
            id="action-note"
            ref={noteInput}
            rows={2}
            maxLength={2000}
            value={note}
            placeholder="e.g. GC of 12 March: 24 for, 3 against, 1 abstention"
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void confirm();
              }
            }}
          />
          <div className="action-buttons">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? 'Saving…' : 'Confirm'}
            </button>
            <button
              type="button"
              className="btn btn-quiet"
              disabled={busy}
              onClick={() => setChosen(null)}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
      {error && <ErrorNote message={error} />}

      <h3 className="sub-title">History</h3>
      {events.state === 'loading' && <Loading what="the history" />}
      {events.state === 'error' && <p className="error-text small">{events.message}</p>}
      {events.state === 'ready' && (
        <ol className="timeline" data-testid="timeline">
          {events.value.length === 0 && <li className="muted">Nothing recorded yet.</li>}
          {[...events.value]
            .sort((a, b) => b.seq - a.seq)
            .map((e) => {
              const parts = detailParts(e, { state: stateLabel, event: eventLabel });
              const [what, ...rest] = e.action === 'transition' ? parts : [actionLabel(e.action)];
              return (
                <li key={e.seq}>
                  <span className="timeline-what">{what}</span>
                  {rest.length > 0 && <span className="timeline-detail"> {rest.join(' · ')}</span>}
                  <span className="timeline-meta">
                    {e.actor} · <time dateTime={e.at}>{formatTime(e.at)}</time>
                  </span>
                </li>
              );
            })}
        </ol>
      )}
    </section>
  );
}
