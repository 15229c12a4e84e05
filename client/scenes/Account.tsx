/** The signed-in person's page (`#/account`): who they are, where they belong, their password. */
import { useState } from 'react';
import { useAuth, useMe } from '../auth/auth';
import { PasswordForm } from '../components/PasswordForm';
import { KIND_LABEL, ROLE_LABEL } from '../lib/people';

/** Account details and the change-password form. */
export function Account() {
  const me = useMe();
  const { refresh } = useAuth();
  const [changed, setChanged] = useState(false);
  return (
    <div className="page narrow stack">
      <section className="card">
        <h1>Your account</h1>
        <dl className="facts">
          <dt>Name</dt>
          <dd>{me.user.name}</dd>
          <dt>E-mail</dt>
          <dd>{me.user.email}</dd>
          {me.user.admin && (
            <>
              <dt>Administrator</dt>
              <dd>yes: creates bodies, invites their secretaries, reads the audit log</dd>
            </>
          )}
        </dl>
        <h2>Where you belong</h2>
        {me.memberships.length === 0 ? (
          <p className="empty">
            You are not a member of any body yet. An invite link from a secretary adds you.
          </p>
        ) : (
          <ul className="plain-list">
            {me.memberships.map((m) => (
              <li key={m.bodyId}>
                <strong>{m.bodyName}</strong> <span className="muted">({KIND_LABEL[m.kind]})</span>{' '}
                — {ROLE_LABEL[m.role]}
              </li>
            ))}
          </ul>
        )}
      </section>
      {changed && (
        <p className="note note-success" role="status">
          Password changed. Anywhere else you were signed in has been signed out.
        </p>
      )}
      <PasswordForm
        askCurrent={me.user.hasPassword}
        heading={me.user.hasPassword ? 'Change password' : 'Set a password'}
        submitLabel={me.user.hasPassword ? 'Change password' : 'Set password'}
        onDone={async () => {
          setChanged(true);
          await refresh();
        }}
      />
    </div>
  );
}
