/**
 * The form of one workflow step: what the step records (the adopting meeting, the NEC's
 * position, a card vote with its result shown as the figures are typed) and a note, required
 * where the step needs a reason. The form checks what it can see for itself and names each wrong
 * field; whether a vote adopts or carries is left to the server, whose refusal the caller shows.
 * Enter submits (Shift+Enter is a new line in the note), Escape cancels.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { dateIn } from '../../core/procedure/checks';
import type { ActionView, RecordOptions, TransitionRequest } from '../../schemas/api';
import type { Position, Procedure } from '../../schemas/profile';
import {
  emptyStep,
  liveVote,
  noteLabel,
  stepRequest,
  voteWarning,
  voteWords,
  type FieldError,
  type StepField,
  type StepFields,
} from '../lib/steps';

/** The id of a field's input, and of its error line (for aria-describedby). */
const inputId = (field: StepField) => `step-${field.replace('.', '-')}`;
const errorId = (field: StepField) => `${inputId(field)}-error`;

export function StepForm({
  action,
  options,
  procedure,
  busy,
  onSubmit,
  onCancel,
}: {
  action: ActionView;
  options: RecordOptions;
  procedure: Procedure;
  busy: boolean;
  /** Posts the step; the caller shows a refusal (the form stays as typed). */
  onSubmit: (request: TransitionRequest) => void;
  onCancel: () => void;
}) {
  // "Today" where the party is, as the server judges a meeting date.
  const today = useMemo(() => dateIn(new Date(), procedure.timeZone), [procedure.timeZone]);
  const [fields, setFields] = useState<StepFields>(() => emptyStep(options, today));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, []);
  // After a refused submit, the first field to fix gets the keyboard.
  useEffect(() => {
    if (errors.length > 0) form.current?.querySelector<HTMLElement>('[aria-invalid]')?.focus();
  }, [errors]);

  const set = (patch: Partial<StepFields>) => setFields((f) => ({ ...f, ...patch }));
  const setSection = (id: string, side: 'for' | 'against', value: string) =>
    setFields((f) => {
      const current = f.sections[id] ?? { for: '', against: '' };
      return { ...f, sections: { ...f.sections, [id]: { ...current, [side]: value } } };
    });
  const errorOf = (field: StepField) => errors.find((e) => e.field === field);
  /** The attributes tying an input to its label's id and to its error, when it has one. */
  const wired = (field: StepField) => ({
    id: inputId(field),
    'aria-invalid': errorOf(field) ? (true as const) : undefined,
    'aria-describedby': errorOf(field) ? errorId(field) : undefined,
  });

  const vote = action.record === 'vote' ? liveVote(procedure.vote, fields, options) : null;
  const warning = voteWarning(procedure.vote, action, vote);

  const submit = () => {
    if (busy) return;
    const check = stepRequest(action, fields, options, today);
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    setErrors([]);
    onSubmit(check.request);
  };

  return (
    <form
      ref={form}
      className="form action-confirm step-form"
      noValidate
      aria-labelledby="step-title"
      data-testid="action-confirm"
      data-event={action.event}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
          return;
        }
        const target = e.target as HTMLElement;
        const newLine = target.tagName === 'TEXTAREA' && e.shiftKey;
        // Radios and selects do not submit on Enter by themselves; buttons do their own thing.
        if (
          e.key === 'Enter' &&
          !newLine &&
          !e.nativeEvent.isComposing &&
          target.tagName !== 'BUTTON'
        ) {
          e.preventDefault();
          submit();
        }
      }}
    >
      <p className="action-chosen" id="step-title">
        <strong>{action.label}</strong>
      </p>

      {action.record === 'meeting' && (
        <fieldset className="step-group">
          <legend>The meeting that adopted it</legend>
          <div className="step-row">
            <Field label="Date" field="date" error={errorOf('date')}>
              <input
                {...wired('date')}
                type="date"
                max={today}
                value={fields.date}
                onChange={(e) => set({ date: e.target.value })}
              />
            </Field>
            <Field label="Meeting" field="meeting" error={errorOf('meeting')}>
              <select
                {...wired('meeting')}
                value={fields.meeting}
                onChange={(e) => set({ meeting: e.target.value })}
              >
                {options.meetings.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <div className="step-row step-counts">
            {(
              [
                ['for', 'For'],
                ['against', 'Against'],
                ['abstain', 'Abstentions'],
              ] as const
            ).map(([field, label]) => (
              <Field key={field} label={label} field={field} error={errorOf(field)}>
                <input
                  {...wired(field)}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  step={1}
                  value={fields[field]}
                  onChange={(e) => set({ [field]: e.target.value })}
                />
              </Field>
            ))}
          </div>
        </fieldset>
      )}

      {action.record === 'position' && (
        <fieldset className="step-group">
          <legend>The NEC’s position</legend>
          <div className="step-radios">
            {options.positions.map((p) => (
              <label key={p.id} className="step-radio">
                <input
                  type="radio"
                  name="step-position"
                  id={`step-position-${p.id}`}
                  value={p.id}
                  checked={fields.position === p.id}
                  aria-invalid={errorOf('position') ? true : undefined}
                  aria-describedby={errorOf('position') ? errorId('position') : undefined}
                  onChange={() => set({ position: p.id as Position })}
                />
                {p.label}
              </label>
            ))}
          </div>
          <FieldError field="position" error={errorOf('position')} />
          {fields.position === 'alternative' && (
            <Field
              label="The NEC’s alternative (required)"
              field="alternative"
              error={errorOf('alternative')}
            >
              <select
                {...wired('alternative')}
                aria-required
                value={fields.alternative}
                onChange={(e) => set({ alternative: e.target.value })}
              >
                <option value="">
                  {options.alternatives.length === 0
                    ? 'The NEC has no rule change on this rulebook'
                    : 'Choose the NEC’s rule change…'}
                </option>
                {options.alternatives.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.title}
                  </option>
                ))}
              </select>
            </Field>
          )}
        </fieldset>
      )}

      {action.record === 'vote' && (
        <fieldset className="step-group">
          <legend>The card vote</legend>
          <div className="step-row">
            <Field label="Card vote number" field="card" error={errorOf('card')}>
              <input
                {...wired('card')}
                type="number"
                inputMode="numeric"
                min={1}
                step={1}
                value={fields.card}
                onChange={(e) => set({ card: e.target.value })}
              />
            </Field>
          </div>
          {options.sections.map((s) => (
            <div key={s.id} className="step-row step-counts" role="group" aria-label={s.label}>
              <span className="step-section">{s.label}</span>
              {(['for', 'against'] as const).map((side) => {
                const field: StepField = `${s.id}.${side}`;
                return (
                  <Field
                    key={side}
                    label={side === 'for' ? 'For' : 'Against'}
                    context={`${s.label} `}
                    field={field}
                    error={errorOf(field)}
                  >
                    <input
                      {...wired(field)}
                      type="number"
                      inputMode="decimal"
                      min={0}
                      step="any"
                      value={fields.sections[s.id]?.[side] ?? ''}
                      onChange={(e) => setSection(s.id, side, e.target.value)}
                    />
                  </Field>
                );
              })}
            </div>
          ))}
          <p className="step-result" role="status" data-testid="vote-result">
            {vote?.ok ? voteWords(vote) : 'The result shows once every figure is in.'}
          </p>
          {warning && (
            <p className="step-warning" data-testid="vote-warning">
              {warning}
            </p>
          )}
        </fieldset>
      )}

      <label htmlFor="action-note">{noteLabel(action)}</label>
      <textarea
        id="action-note"
        rows={2}
        maxLength={2000}
        value={fields.note}
        aria-required={action.noteRequired || undefined}
        aria-invalid={errorOf('note') ? true : undefined}
        aria-describedby={errorOf('note') ? errorId('note') : undefined}
        placeholder={
          action.noteRequired ? 'Why, in a sentence or two' : 'Anything the history should keep'
        }
        onChange={(e) => set({ note: e.target.value })}
      />
      <FieldError field="note" error={errorOf('note')} />

      {errors.length > 0 && (
        <div className="note note-error step-errors" role="alert" data-testid="step-errors">
          <span>
            {errors.length === 1 ? 'Fix this first:' : 'Fix these first:'}{' '}
            {errors.map((e) => e.message).join('; ')}
          </span>
        </div>
      )}

      <div className="action-buttons">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Confirm'}
        </button>
        <button type="button" className="btn btn-quiet" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** A labelled input with its error line below it; `context` is read out, not shown, first. */
function Field({
  label,
  context,
  field,
  error,
  children,
}: {
  label: string;
  context?: string;
  field: StepField;
  error: FieldError | undefined;
  children: ReactNode;
}) {
  return (
    <div className="step-field">
      <label htmlFor={inputId(field)}>
        {context && <span className="sr-only">{context}</span>}
        {label}
      </label>
      {children}
      <FieldError field={field} error={error} />
    </div>
  );
}

function FieldError({ field, error }: { field: StepField; error: FieldError | undefined }) {
  if (!error) return null;
  return (
    <span className="field-error" id={errorId(field)}>
      {error.message}
    </span>
  );
}
