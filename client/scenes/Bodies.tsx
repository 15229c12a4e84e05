/**
 * Bodies (`#/bodies`): every CLP, affiliate and committee; for those the person manages (their
 * secretary, or an admin) the members with their roles, and invite links; admins also create
 * bodies. The server decides who may do what; this page offers only what it says is allowed.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BodyView, MemberView } from '../../schemas/api';
import type { BodyKind, Role } from '../../schemas/profile';
import { api, errorMessage } from '../api/client';
import { useMe } from '../auth/auth';
import { ErrorNote, Loading } from '../components/Notice';
import { useLoad } from '../lib/hooks';
import { KIND_LABEL, ROLE_LABEL } from '../lib/people';

const KINDS = Object.keys(KIND_LABEL) as BodyKind[];

// An admin manages every body: past a few, each opens on demand (and loads its members then).
const COLLAPSE_FROM = 3;

function formatDay(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('en-GB', { dateStyle: 'medium' });
}

/** The bodies page. */
export function Bodies() {
  const me = useMe();
  const [bodies, reload] = useLoad('bodies', api.bodies);
  const [created, setCreated] = useState<string | null>(null);
  const managed = bodies.state === 'ready' ? bodies.value.filter((b) => b.canManage) : [];
  const others = bodies.state === 'ready' ? bodies.value.filter((b) => !b.canManage) : [];
  return (
    <div className="page bodies">
      <h1>Bodies</h1>
      <p className="muted lead">
        CLPs and affiliates draft motions; the CAC, the NEC and conference officials act on them
        once submitted. {me.user.admin ? 'As admin you' : 'Secretaries'} add people with invite
        links.
      </p>
      {me.user.admin && (
        <NewBodyForm
          onCreated={(body) => {
            setCreated(body.id);
            reload();
          }}
        />
      )}
      {bodies.state === 'loading' && <Loading what="bodies" />}
      {bodies.state === 'error' && <ErrorNote message={bodies.message} onRetry={reload} />}
      {managed.length > COLLAPSE_FROM && (
        <p className="muted small">Open a body to see its members and invite people.</p>
      )}
      {managed.map((b) => (
        <ManagedBody
          key={b.id}
          body={b}
          meId={me.user.id}
          focusInvite={created === b.id}
          collapsible={managed.length > COLLAPSE_FROM}
        />
      ))}
      {others.length > 0 && (
        <section className="card" aria-labelledby="other-bodies">
          <h2 id="other-bodies">{managed.length > 0 ? 'Other bodies' : 'All bodies'}</h2>
          <ul className="plain-list">
            {others.map((b) => (
              <li key={b.id}>
                <strong>{b.name}</strong> <span className="muted">({KIND_LABEL[b.kind]})</span>
                {b.myRole && <> — you are {ROLE_LABEL[b.myRole]}</>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function NewBodyForm({ onCreated }: { onCreated: (body: BodyView) => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<BodyKind>('clp');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (name.trim().length < 2) {
      setError('Give the body a name, such as Seaside CLP.');
      return;
    }
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const body = await api.createBody({ name: name.trim(), kind });
      setName('');
      setDone(`${body.name} is created. Invite its secretary below.`);
      onCreated(body);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card form new-body" onSubmit={submit} noValidate data-testid="new-body">
      <h2>New body</h2>
      <div className="form-row">
        <div className="field grow">
          <label htmlFor="body-name">Name</label>
          <input
            id="body-name"
            maxLength={120}
            value={name}
            placeholder="e.g. Seaside CLP"
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="body-kind">Kind</label>
          <select id="body-kind" value={kind} onChange={(e) => setKind(e.target.value as BodyKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </div>
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create body'}
        </button>
      </div>
      {error && <ErrorNote message={error} />}
      {done && (
        <p className="note note-success" role="status">
          {done}
        </p>
      )}
    </form>
  );
}

function ManagedBody({
  body,
  meId,
  focusInvite,
  collapsible,
}: {
  body: BodyView;
  meId: string;
  focusInvite: boolean;
  collapsible: boolean;
}) {
  const [open, setOpen] = useState(!collapsible || focusInvite);
  const headingId = `body-${body.id}`;
  const head = (
    <div className="body-head">
      <h2 id={headingId}>{body.name}</h2>
      <span className="chip">{KIND_LABEL[body.kind]}</span>
      {body.myRole && <span className="muted">you are {ROLE_LABEL[body.myRole]}</span>}
    </div>
  );
  const content = open && (
    <>
      <Members body={body} meId={meId} />
      {body.grantable.length > 0 && <InvitePanel body={body} autoFocus={focusInvite} />}
    </>
  );
  return (
    <section
      className="card body-card"
      aria-labelledby={headingId}
      data-testid="body"
      data-body-id={body.id}
    >
      {collapsible ? (
        <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
          <summary>{head}</summary>
          {content}
        </details>
      ) : (
        <>
          {head}
          {content}
        </>
      )}
    </section>
  );
}

function Members({ body, meId }: { body: BodyView; meId: string }) {
  const [members, reload] = useLoad(`members:${body.id}`, () => api.members(body.id));
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const act = async (what: () => Promise<unknown>) => {
    setError(null);
    try {
      await what();
    } catch (err) {
      setError(errorMessage(err));
    }
    setRemoving(null);
    reload();
  };
  if (members.state === 'loading') return <Loading what="members" />;
  if (members.state === 'error') return <ErrorNote message={members.message} onRetry={reload} />;
  if (members.value.length === 0) {
    return <p className="empty">No members yet. Invite the first one below.</p>;
  }
  const roles = (m: MemberView): Role[] =>
    body.grantable.includes(m.role) ? body.grantable : [m.role, ...body.grantable];
  return (
    <>
      <table className="table members" aria-label={`Members of ${body.name}`}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Role</th>
            <th scope="col">Since</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.value.map((m) => (
            <tr key={m.userId} data-testid="member" data-email={m.email}>
              <td>
                {m.name}
                {m.userId === meId && <span className="muted"> (you)</span>}
              </td>
              <td className="muted">{m.email}</td>
              <td>
                <select
                  aria-label={`Role of ${m.name}`}
                  value={m.role}
                  disabled={body.grantable.length === 0}
                  onChange={(e) =>
                    void act(() => api.setRole(body.id, m.userId, e.target.value as Role))
                  }
                >
                  {roles(m).map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABEL[r]}
                    </option>
                  ))}
                </select>
              </td>
              <td className="muted">
                <time dateTime={m.since}>{formatDay(m.since)}</time>
              </td>
              <td className="row-actions">
                {removing === m.userId ? (
                  <span className="confirm">
                    Remove {m.userId === meId ? 'yourself' : m.name}?{' '}
                    <button
                      type="button"
                      className="btn btn-small btn-danger"
                      onClick={() => void act(() => api.removeMember(body.id, m.userId))}
                      autoFocus
                    >
                      Remove
                    </button>{' '}
                    <button
                      type="button"
                      className="btn btn-small btn-quiet"
                      onClick={() => setRemoving(null)}
                    >
                      Cancel
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    className="btn btn-small btn-quiet"
                    aria-label={`Remove ${m.name} from ${body.name}`}
                    onClick={() => setRemoving(m.userId)}
                  >
                    Remove
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && <ErrorNote message={error} />}
    </>
  );
}

/** Copies `text`; falls back to the selected input where the Clipboard API is not allowed. */
async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    input?.select();
    return document.execCommand?.('copy') ?? false;
  }
}

function InvitePanel({ body, autoFocus }: { body: BodyView; autoFocus: boolean }) {
  const [role, setRole] = useState<Role>(
    body.grantable.includes('member') ? 'member' : (body.grantable[0] ?? 'viewer'),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<{ url: string; role: Role; expiresAt: string } | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const select = useRef<HTMLSelectElement>(null);
  const linkInput = useRef<HTMLInputElement>(null);
  const id = `invite-role-${body.id}`;
  useEffect(() => {
    if (autoFocus) {
      select.current?.scrollIntoView({ block: 'center' });
      select.current?.focus();
    }
  }, [autoFocus]);

  const create = async () => {
    setBusy(true);
    setError(null);
    setCopied(null);
    try {
      const made = await api.createInvite(body.id, role);
      const base = `${window.location.origin}${window.location.pathname}`;
      setLink({ url: `${base}${made.path}`, role: made.role, expiresAt: made.expiresAt });
      requestAnimationFrame(() => linkInput.current?.select());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    if (!link) return;
    const ok = await copyText(link.url, linkInput.current);
    setCopied(ok ? 'Copied' : 'Select the link and copy it with Ctrl+C');
  };

  return (
    <div className="invite-panel" data-testid="invite-panel">
      <h3>Invite someone</h3>
      <div className="form-row">
        <div className="field">
          <label htmlFor={id}>Role</label>
          <select
            id={id}
            ref={select}
            value={role}
            onChange={(e) => {
              setRole(e.target.value as Role);
              setLink(null);
            }}
          >
            {body.grantable.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn" disabled={busy} onClick={() => void create()}>
          {busy ? 'Creating…' : 'Create invite link'}
        </button>
      </div>
      {error && <ErrorNote message={error} />}
      {link && (
        <div className="invite-link">
          <label htmlFor={`invite-link-${body.id}`}>
            Invite link for {ROLE_LABEL[link.role]} — send it to one person; it works once, until{' '}
            {formatDay(link.expiresAt)}
          </label>
          <div className="copy-row">
            <input
              id={`invite-link-${body.id}`}
              ref={linkInput}
              readOnly
              value={link.url}
              onFocus={(e) => e.target.select()}
              data-testid="invite-link"
            />
            <button type="button" className="btn" onClick={() => void copy()}>
              Copy
            </button>
          </div>
          <span className="hint" role="status">
            {copied ?? ''}
          </span>
        </div>
      )}
    </div>
  );
}
