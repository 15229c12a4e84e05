/**
 * The first administrator's one-time link (`#/welcome/<token>`, printed by the server at start):
 * signs in with the link, then asks for a password so the link is never needed again.
 */
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client';
import { useAuth } from '../auth/auth';
import { Loading } from '../components/Notice';
import { PasswordForm } from '../components/PasswordForm';
import { routeHash } from '../lib/route';

// A link works once: React may run an effect twice (StrictMode in development), so each token is
// sent at most once per page load and later runs share the answer.
const linkUses = new Map<string, Promise<unknown>>();

type Step =
  | { step: 'signing-in' }
  | { step: 'password'; email: string }
  | { step: 'failed'; message: string };

/** The welcome page for the one-time admin link. */
export function Welcome({ token }: { token: string }) {
  const { refresh, showFlash } = useAuth();
  const [step, setStep] = useState<Step>({ step: 'signing-in' });

  useEffect(() => {
    let live = true;
    let use = linkUses.get(token);
    if (!use) {
      use = api.signInWithLink(token);
      linkUses.set(token, use);
    }
    const after = async (failure: unknown) => {
      // A used link may still have signed this browser in (a reload after using it).
      const me = await refresh().catch(() => null);
      if (!live) return;
      if (me && !me.user.hasPassword) setStep({ step: 'password', email: me.user.email });
      else if (me && failure === null) window.location.hash = routeHash({ name: 'home' });
      else setStep({ step: 'failed', message: errorMessage(failure) });
    };
    use.then(
      () => after(null),
      (error: unknown) => after(error),
    );
    return () => {
      live = false;
    };
  }, [token, refresh]);

  const done = async (email: string) => {
    await refresh();
    const hash = routeHash({ name: 'bodies' });
    showFlash({
      message: `Your password is set: from now on sign in as ${email}. Next, create the bodies (CLPs, affiliates, committees) and invite their secretaries.`,
      hash,
    });
    window.location.hash = hash;
  };

  return (
    <div className="page auth-page">
      {step.step === 'signing-in' && <Loading what="your sign-in link" />}
      {step.step === 'failed' && (
        <section className="card">
          <h1>This link cannot be used</h1>
          <p className="note note-error" role="alert">
            {step.message}
          </p>
          <p>
            If you have already set a password, <a href={routeHash({ name: 'home' })}>sign in</a>{' '}
            with it. Otherwise restart the server: it prints a fresh one-time link for the
            administrator until a password is set.
          </p>
        </section>
      )}
      {step.step === 'password' && (
        <div className="stack">
          <section className="card">
            <h1>Welcome to Redline</h1>
            <p>
              You are signed in as the administrator (<strong>{step.email}</strong>). The link you
              used works only once, so choose a password now to sign in next time.
            </p>
          </section>
          <PasswordForm
            askCurrent={false}
            heading="Choose your password"
            submitLabel="Set password"
            autoFocus
            onDone={() => done(step.email)}
          />
        </div>
      )}
    </div>
  );
}
