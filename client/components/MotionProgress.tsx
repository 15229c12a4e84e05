/**
 * Where a motion stands in its workflow: its state, the procedure checks while it is not yet
 * submitted, the steps the signed-in person may take now (the server's `actions`; each opens its
 * form — the record it needs, a note — to confirm; submitting waits until no check is an error),
 * and its history with what each step recorded.
 */
import { useEffect, useRef, useState } from 'react';
import type { ActionView, AuditView, Motion, TransitionRequest } from '../../schemas/api';
import type { Procedure, Workflow } from '../../schemas/profile';
import { actionLabel, detailParts } from '../lib/audit';
import type { Loaded } from '../lib/hooks';
import { recordParts } from '../lib/steps';
import { ErrorNote, Loading } from './Notice';
import { ProcedureChecks, blocksSubmission } from './ProcedureChecks';
import { StepForm } from './StepForm';

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
  procedure,
  events,
  onAction,
}: {
  motion: Motion;
  workflow: Workflow;
  procedure: Procedure;
  events: Loaded<AuditView[]>;
  onAction: (request: TransitionRequest) => Promise<void>;
}) {
  const [chosen, setChosen] = useState<ActionView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const section = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Where the keyboard goes when the form closes: back to its button, or (after the step is
  // taken, when the buttons are new) to the card's heading.
  const [returnTo, setReturnTo] = useState<string | null>(null);
  useEffect(() => {
    if (chosen || returnTo === null) return;
    const button = section.current?.querySelector<HTMLButtonElement>(
      `[data-testid="actions"] button[data-event="${returnTo}"]:not(:disabled)`,
    );
    (button ?? heading.current)?.focus();
    setReturnTo(null);
  }, [chosen, returnTo]);
  // A step offered a moment ago may be gone after the motion changed under us.
  useEffect(() => {
    if (chosen && !motion.actions.some((a) => a.event === chosen.event)) setChosen(null);
  }, [motion.actions, chosen]);

  const stateLabel = (id: string) => workflow.states.find((s) => s.id === id)?.label ?? id;
  const eventLabel = (id: string) => workflow.transitions.find((t) => t.event === id)?.label ?? id;
  // The server refuses it too (409); disabled here so nobody confirms a step bound to fail.
  const submitBlocked =
    blocksSubmission(motion) && motion.actions.some((a) => a.event === workflow.submitEvent);

  const confirm = async (request: TransitionRequest) => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      await onAction(request);
      setChosen(null);
      setReturnTo(''); // No button of that step any more: the heading.
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const cancel = () => {
    if (!chosen) return;
    setReturnTo(chosen.event);
    setChosen(null);
    setError(null);
  };

  return (
    <section
      ref={section}
      className="card progress"
      aria-labelledby="progress-title"
      data-testid="progress"
    >
      <div className="progress-head">
        <h2 id="progress-title" ref={heading} tabIndex={-1}>
          Progress
        </h2>
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
                data-event={a.event}
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
        <StepForm
          key={chosen.event}
          action={chosen}
          options={motion.recordOptions}
          procedure={procedure}
          busy={busy}
          onSubmit={(request) => void confirm(request)}
          onCancel={cancel}
        />
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
              const [what, ...rest] =
                e.action === 'transition'
                  ? [...parts, ...recordParts(e.detail)]
                  : [actionLabel(e.action)];
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
