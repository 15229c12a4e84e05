/**
 * Setting or changing a password: the current one (unless the account has none yet), the new one
 * twice. Checked here first (length, the two copies match), then by the server, whose message is
 * shown as it is (a wrong current password).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api/client';
import { ErrorNote } from './Notice';

/** The shortest password the server accepts. */
export const MIN_PASSWORD = 10;

/** A new password's problem before it is sent, or null. */
export function newPasswordProblem(next: string, again: string): string | null {
  if (next.length < MIN_PASSWORD) {
    return `Choose a password of at least ${MIN_PASSWORD} characters.`;
  }
  if (next !== again) return 'The two copies of the new password are different.';
  return null;
}

/** The password form; `onDone` runs once the server has taken the new password. */
export function PasswordForm({
  askCurrent,
  heading,
  submitLabel,
  autoFocus = false,
  onDone,
}: {
  askCurrent: boolean;
  heading: string;
  submitLabel: string;
  autoFocus?: boolean;
  onDone: () => void | Promise<void>;
}) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) first.current?.focus();
  }, [autoFocus]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem =
      askCurrent && !current ? 'Enter your current password.' : newPasswordProblem(next, again);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.changePassword(next, askCurrent ? current : undefined);
      setCurrent('');
      setNext('');
      setAgain('');
      await onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={submit} noValidate data-testid="password-form">
      <h2>{heading}</h2>
      {askCurrent && (
        <>
          <label htmlFor="password-current">Current password</label>
          <input
            id="password-current"
            ref={first}
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </>
      )}
      <label htmlFor="password-next">New password</label>
      <input
        id="password-next"
        ref={askCurrent ? undefined : first}
        type="password"
        autoComplete="new-password"
        value={next}
        aria-describedby="password-rule"
        onChange={(e) => setNext(e.target.value)}
      />
      <span id="password-rule" className="hint">
        At least {MIN_PASSWORD} characters. A few unrelated words make a good one.
      </span>
      <label htmlFor="password-again">New password again</label>
      <input
        id="password-again"
        type="password"
        autoComplete="new-password"
        value={again}
        onChange={(e) => setAgain(e.target.value)}
      />
      {error && <ErrorNote message={error} />}
      <button className="btn btn-primary" type="submit" disabled={busy}>
        {busy ? 'Saving…' : submitLabel}
      </button>
    </form>
  );
}
