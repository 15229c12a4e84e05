/**
 * An invite link (`#/invite/<token>`), open without a session: says which body and role it is
 * for; a signed-in person joins with one button, anyone else makes an account here (or signs in
 * first and comes back to the same page).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { InvitePreview } from '../../schemas/api';
import { api, ApiFailure, errorMessage } from '../api/client';
import { useAuth } from '../auth/auth';
import { ErrorNote, Loading } from '../components/Notice';
import { MIN_PASSWORD, newPasswordProblem } from '../components/PasswordForm';
import { useLoad } from '../lib/hooks';
import { KIND_LABEL, ROLE_LABEL } from '../lib/people';
import { routeHash } from '../lib/route';
import { SignInForm } from './SignIn';

const article = (word: string) => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);

function formatDay(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('en-GB', { dateStyle: 'long' });
}

/** The invite page. */
export function Invite({ token }: { token: string }) {
  const [preview, reload] = useLoad(token, () => api.invite(token));
  return (
    <div className="page auth-page">
      {preview.state === 'loading' && <Loading what="the invite" />}
      {preview.state === 'error' && (
        <section className="card">
          <h1>Invite</h1>
          <ErrorNote message={preview.message} onRetry={reload} />
        </section>
      )}
      {preview.state === 'ready' && <InviteFor token={token} invite={preview.value} />}
    </div>
  );
}

function InviteFor({ token, invite }: { token: string; invite: InvitePreview }) {
  const { state, refresh, showFlash } = useAuth();
  const role = ROLE_LABEL[invite.role];
  const joined = async () => {
    await refresh();
    const hash = routeHash({ name: 'home' });
    showFlash({ message: `You have joined ${invite.bodyName} as ${article(role)}.`, hash });
    window.location.hash = hash;
  };
  return (
    <section className="card invite" data-testid="invite">
      <p className="eyebrow">Invitation</p>
      <h1>
        Join {invite.bodyName} as {article(role)}
      </h1>
      {invite.status === 'open' ? (
        <p className="muted">
          {KIND_LABEL[invite.kind]} · this link works once, until {formatDay(invite.expiresAt)}.
        </p>
      ) : (
        <p className="note note-error" role="alert">
          This invite has {invite.status === 'used' ? 'already been used' : 'expired'}. Ask{' '}
          {invite.bodyName}’s secretary for a new link.
        </p>
      )}
      {invite.status === 'open' &&
        (state.status === 'loading' ? (
          <Loading what="your account" />
        ) : state.status === 'signed-in' ? (
          <JoinAsMe
            token={token}
            name={state.me.user.name}
            email={state.me.user.email}
            label={`Join ${invite.bodyName} as ${role}`}
            onJoined={joined}
          />
        ) : (
          <NewAccount token={token} bodyName={invite.bodyName} onJoined={joined} />
        ))}
    </section>
  );
}

function JoinAsMe(props: {
  token: string;
  name: string;
  email: string;
  label: string;
  onJoined: () => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  const join = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.acceptInvite(props.token, {});
      await props.onJoined();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <div className="form">
      <p>
        You are signed in as <strong>{props.name}</strong> ({props.email}).
      </p>
      {error && <ErrorNote message={error} />}
      <button
        ref={button}
        type="button"
        className="btn btn-primary"
        disabled={busy}
        onClick={() => void join()}
      >
        {busy ? 'Joining…' : props.label}
      </button>
    </div>
  );
}

function NewAccount({
  token,
  bodyName,
  onJoined,
}: {
  token: string;
  bodyName: string;
  onJoined: () => Promise<void>;
}) {
  const [signingIn, setSigningIn] = useState(false);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; emailTaken: boolean } | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!signingIn) nameInput.current?.focus();
  }, [signingIn]);

  if (signingIn) {
    return (
      <div className="invite-sign-in">
        <SignInForm
          heading="Sign in, then join"
          headingLevel={2}
          notice={`Sign in with your account; you come back here to join ${bodyName}.`}
        />
        <button type="button" className="btn btn-quiet" onClick={() => setSigningIn(false)}>
          ← Make a new account instead
        </button>
      </div>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = !name.trim()
      ? 'Enter your name, as others in the party know you.'
      : !/^[^\s@]+@[^\s@]+$/.test(email.trim())
        ? 'Enter an e-mail address such as name@example.org.'
        : newPasswordProblem(password, again);
    if (problem) {
      setError({ message: problem, emailTaken: false });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.acceptInvite(token, { name: name.trim(), email: email.trim(), password });
      await onJoined();
    } catch (err) {
      // An e-mail with an account and another password gets the sign-in form's answer.
      const emailTaken = err instanceof ApiFailure && err.id === 'sign-in-failed';
      setError({ message: errorMessage(err), emailTaken });
      setBusy(false);
    }
  };

  return (
    <>
      <form className="form" onSubmit={submit} noValidate data-testid="new-account">
        <h2>Make your account</h2>
        <label htmlFor="account-name">Your name</label>
        <input
          id="account-name"
          ref={nameInput}
          autoComplete="name"
          maxLength={120}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <span className="hint">Shown to others beside your cursor when you draft together.</span>
        <label htmlFor="account-email">E-mail address</label>
        <input
          id="account-email"
          type="email"
          autoComplete="username"
          spellCheck={false}
          maxLength={320}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <label htmlFor="account-password">Password</label>
        <input
          id="account-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <span className="hint">At least {MIN_PASSWORD} characters.</span>
        <label htmlFor="account-password-again">Password again</label>
        <input
          id="account-password-again"
          type="password"
          autoComplete="new-password"
          value={again}
          onChange={(e) => setAgain(e.target.value)}
        />
        {error && <ErrorNote message={error.message} />}
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {busy ? 'Creating your account…' : `Create account and join ${bodyName}`}
        </button>
      </form>
      <p className="invite-alt">
        {error?.emailTaken ? 'That is you? ' : 'Already have an account? '}
        <button type="button" className="btn-link" onClick={() => setSigningIn(true)}>
          Sign in first
        </button>{' '}
        and you come back here to join.
      </p>
    </>
  );
}
