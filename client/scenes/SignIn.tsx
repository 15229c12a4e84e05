/**
 * Signing in: e-mail and password, the server's own message when it refuses (wrong password,
 * too many attempts), the keyboard in the right place. Shown in place of any page that needs a
 * session, so after signing in the person is on the page they asked for.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiFailure, errorMessage } from '../api/client';
import { useAuth } from '../auth/auth';
import { ErrorNote } from '../components/Notice';

/** What is wrong with the form before it is sent, or null. */
function checkForm(
  email: string,
  password: string,
): { field: 'email' | 'password'; message: string } | null {
  if (!email.trim()) return { field: 'email', message: 'Enter your e-mail address.' };
  if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) {
    return { field: 'email', message: 'Enter an e-mail address such as name@example.org.' };
  }
  if (!password) return { field: 'password', message: 'Enter your password.' };
  return null;
}

/** The sign-in form; `notice` says why it is shown (the session ended, signed out). */
export function SignInForm({
  notice,
  heading = 'Sign in',
  headingLevel = 1,
  onSignedIn,
}: {
  notice?: string | null;
  heading?: string;
  headingLevel?: 1 | 2;
  onSignedIn?: () => void;
}) {
  const { refresh } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{
    field: 'email' | 'password' | null;
    message: string;
  } | null>(null);
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  useEffect(() => emailInput.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = checkForm(email, password);
    if (problem) {
      setError(problem);
      (problem.field === 'email' ? emailInput : passwordInput).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.signIn(email.trim(), password);
      await refresh();
      onSignedIn?.();
    } catch (err) {
      const wrongPassword = err instanceof ApiFailure && err.status === 401;
      setError({ field: wrongPassword ? 'password' : null, message: errorMessage(err) });
      setBusy(false);
      // Ready to try again: the password selected, so typing replaces it.
      requestAnimationFrame(() => passwordInput.current?.select());
    }
  };

  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <form className="card form auth-form" onSubmit={submit} noValidate data-testid="sign-in">
      <Heading>{heading}</Heading>
      {notice && (
        <p className="note note-info" role="status">
          {notice}
        </p>
      )}
      <label htmlFor="sign-in-email">E-mail address</label>
      <input
        id="sign-in-email"
        ref={emailInput}
        type="email"
        autoComplete="username"
        inputMode="email"
        spellCheck={false}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        aria-invalid={error?.field === 'email' || undefined}
        aria-describedby={error ? 'sign-in-error' : undefined}
      />
      <label htmlFor="sign-in-password">Password</label>
      <input
        id="sign-in-password"
        ref={passwordInput}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        aria-invalid={error?.field === 'password' || undefined}
        aria-describedby={error ? 'sign-in-error' : undefined}
      />
      {error && (
        <div id="sign-in-error">
          <ErrorNote message={error.message} />
        </div>
      )}
      <button className="btn btn-primary" type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

/** The page shown to signed-out people on any route that needs a session. */
export function SignIn({ notice }: { notice: string | null }) {
  return (
    <div className="page auth-page">
      <SignInForm notice={notice} heading="Sign in to Redline" />
      <div className="auth-help muted">
        <p>
          <strong>New here?</strong> Ask your CLP or affiliate secretary for an invite link; opening
          it lets you make your account.
        </p>
        <p>
          <strong>Setting Redline up?</strong> The administrator signs in the first time with the
          one-time link the server prints when it starts.
        </p>
      </div>
    </div>
  );
}
