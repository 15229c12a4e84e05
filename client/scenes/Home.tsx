/**
 * Start page: the motions the person may see (with body and state), the rulebooks, and the two
 * ways to start a motion (new, or import text) for a body where they draft.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type {
  EditionSummary,
  ImportResolution,
  MembershipView,
  MotionSummary,
} from '../../schemas/api';
import { api, ApiFailure, errorMessage, type ImportDiagnostic } from '../api/client';
import { useMe } from '../auth/auth';
import { choiceKey, ImportReview } from '../components/ImportReview';
import { ErrorNote, Loading } from '../components/Notice';
import { plainWords } from '../lib/diagnostics';
import { useLoad } from '../lib/hooks';
import { draftingBodies } from '../lib/people';
import { routeHash } from '../lib/route';

/** The start page: motions, rulebooks, new motion and import. */
export function Home() {
  const me = useMe();
  const bodies = draftingBodies(me.memberships);
  const [editions, reloadEditions] = useLoad('editions', api.editions);
  const [motions, reloadMotions] = useLoad('motions', api.motions);
  return (
    <div className="page home">
      <section className="home-main">
        <h1>Motions</h1>
        {motions.state === 'loading' && <Loading what="motions" />}
        {motions.state === 'error' && (
          <ErrorNote message={motions.message} onRetry={reloadMotions} />
        )}
        {motions.state === 'ready' && (
          <MotionList motions={motions.value} canStart={bodies.length > 0} />
        )}
      </section>
      <aside className="home-side">
        <section className="card">
          <h2>Rulebooks</h2>
          {editions.state === 'loading' && <Loading what="rulebooks" />}
          {editions.state === 'error' && (
            <ErrorNote message={editions.message} onRetry={reloadEditions} />
          )}
          {editions.state === 'ready' && <EditionList editions={editions.value} />}
        </section>
        {editions.state === 'ready' && editions.value.length > 0 && bodies.length > 0 && (
          <>
            <NewMotionForm editions={editions.value} bodies={bodies} />
            <ImportForm editions={editions.value} bodies={bodies} />
          </>
        )}
        {bodies.length === 0 && (
          <section className="card" data-testid="no-drafting">
            <h2>Starting a motion</h2>
            <p className="muted">
              Only members of a CLP or an affiliate can start motions. If you belong to one, ask its
              secretary for an invite link; you can read every motion shown here meanwhile.
            </p>
          </section>
        )}
      </aside>
    </div>
  );
}

function MotionList({ motions, canStart }: { motions: MotionSummary[]; canStart: boolean }) {
  if (motions.length === 0) {
    return (
      <p className="empty">
        {canStart ? 'No motions yet. Start one with “New motion”.' : 'No motions to show yet.'}
      </p>
    );
  }
  const sorted = [...motions].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return (
    <ul className="motion-list" data-testid="motion-list">
      {sorted.map((m) => (
        <li key={m.id}>
          <a className="motion-link" href={routeHash({ name: 'motion', id: m.id })}>
            <span className="motion-head">
              <span className="motion-title">{m.title || 'Untitled motion'}</span>
              <span className={`state state-${m.state}`} data-testid="motion-state">
                {m.stateLabel}
              </span>
              {m.access === 'read' && <span className="read-only-tag">read only</span>}
            </span>
            <span className="motion-meta">
              <span data-testid="motion-body">{m.body}</span> · {m.units.length}{' '}
              {m.units.length === 1 ? 'unit' : 'units'} touched · updated{' '}
              <time dateTime={m.updatedAt}>{formatDate(m.updatedAt)}</time>
            </span>
            {m.units.length > 0 && (
              <span className="motion-units">
                {m.units.slice(0, 6).map((u) => (
                  <span key={u} className="chip">
                    {u}
                  </span>
                ))}
                {m.units.length > 6 && <span className="chip">+{m.units.length - 6}</span>}
              </span>
            )}
          </a>
        </li>
      ))}
    </ul>
  );
}

function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

function EditionList({ editions }: { editions: EditionSummary[] }) {
  return (
    <ul className="edition-list">
      {editions.map((e) => (
        <li key={e.id}>
          <a href={routeHash({ name: 'rulebook', editionId: e.id, unit: null })}>
            {e.organisation} {e.title} {e.edition}
          </a>
          <span className="muted">
            {' '}
            · {e.units.toLocaleString('en-GB')} units · {e.words.toLocaleString('en-GB')} words
          </span>
        </li>
      ))}
    </ul>
  );
}

function EditionSelect({
  id,
  editions,
  value,
  onChange,
}: {
  id: string;
  editions: EditionSummary[];
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      {editions.map((e) => (
        <option key={e.id} value={e.id}>
          {e.organisation} {e.title} {e.edition}
        </option>
      ))}
    </select>
  );
}

function BodySelect({
  id,
  bodies,
  value,
  onChange,
}: {
  id: string;
  bodies: MembershipView[];
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      {bodies.map((b) => (
        <option key={b.bodyId} value={b.bodyId}>
          {b.bodyName}
        </option>
      ))}
    </select>
  );
}

function NewMotionForm({
  editions,
  bodies,
}: {
  editions: EditionSummary[];
  bodies: MembershipView[];
}) {
  const [editionId, setEditionId] = useState(editions[0]?.id ?? '');
  const [title, setTitle] = useState('');
  const [bodyId, setBodyId] = useState(bodies[0]?.bodyId ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const motion = await api.createMotion({ editionId, title, bodyId });
      window.location.hash = routeHash({ name: 'motion', id: motion.id });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <form className="card form" onSubmit={submit} data-testid="new-motion">
      <h2>New motion</h2>
      <label htmlFor="new-edition">Rulebook edition</label>
      <EditionSelect
        id="new-edition"
        editions={editions}
        value={editionId}
        onChange={setEditionId}
      />
      <label htmlFor="new-title">Title</label>
      <input
        id="new-title"
        required
        maxLength={300}
        value={title}
        placeholder="e.g. Open selection of MPs"
        onChange={(e) => setTitle(e.target.value)}
      />
      <label htmlFor="new-body">Submitting body</label>
      <BodySelect id="new-body" bodies={bodies} value={bodyId} onChange={setBodyId} />
      {error && <ErrorNote message={error} />}
      <button className="btn btn-primary" type="submit" disabled={busy}>
        {busy ? 'Creating…' : 'Create motion'}
      </button>
    </form>
  );
}

/**
 * Import: paste motion text, import it. When the reader refuses it, the text is shown read-only
 * with each problem marked on it (ImportReview); the person answers the questions it asks (which
 * occurrence, which rule) and tries again with those choices, or goes back to editing the text,
 * which forgets the choices (their places in the text would move), or keeps the motion as
 * submitted, unread, for its drafters or the CAC to finish reading on its page.
 */
function ImportForm({
  editions,
  bodies,
}: {
  editions: EditionSummary[];
  bodies: MembershipView[];
}) {
  const [editionId, setEditionId] = useState(editions[0]?.id ?? '');
  const [bodyId, setBodyId] = useState(bodies[0]?.bodyId ?? '');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [diagnostics, setDiagnostics] = useState<ImportDiagnostic[]>([]);
  /** The text the diagnostics are about: their spans are offsets into it. */
  const [sent, setSent] = useState('');
  const [editing, setEditing] = useState(true);
  const [choices, setChoices] = useState<ReadonlyMap<string, ImportResolution>>(new Map());
  const textarea = useRef<HTMLTextAreaElement>(null);
  /** What to select in the text once it can be edited again (the part a hint is about). */
  const selectOnEdit = useRef<{ start: number; end: number } | null>(null);
  const reviewing = !editing && diagnostics.length > 0;

  useEffect(() => {
    if (!editing || !selectOnEdit.current) return;
    const { start, end } = selectOnEdit.current;
    selectOnEdit.current = null;
    textarea.current?.focus();
    textarea.current?.setSelectionRange(start, end);
  }, [editing]);

  /** Imports the text; `keepUnread` keeps the motion even if it still does not read. */
  const send = async (keepUnread: boolean) => {
    setBusy(true);
    setError(null);
    const resolutions = [...choices.values()];
    try {
      const motion = await api.importMotion({
        editionId,
        text,
        bodyId,
        ...(resolutions.length > 0 ? { resolutions } : {}),
        ...(keepUnread ? { keepUnread } : {}),
      });
      window.location.hash = routeHash({ name: 'motion', id: motion.id });
    } catch (err) {
      setError(errorMessage(err));
      const found = err instanceof ApiFailure ? err.diagnostics : [];
      setDiagnostics(found);
      setSent(text);
      if (found.length > 0) setEditing(false);
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(false);
  };
  const unreadable = reviewing && diagnostics.some((d) => d.severity === 'error');
  const edit = (select?: { start: number; end: number }) => {
    selectOnEdit.current = select ?? { start: 0, end: 0 };
    setEditing(true);
  };
  const choose = (choice: ImportResolution) =>
    setChoices(new Map(choices).set(choiceKey(choice.at, choice.kind ?? ''), choice));
  return (
    <form className="card form" onSubmit={submit} data-testid="import-motion">
      <h2>Import motion text</h2>
      <label htmlFor="import-edition">Rulebook edition</label>
      <EditionSelect
        id="import-edition"
        editions={editions}
        value={editionId}
        onChange={setEditionId}
      />
      <label htmlFor="import-body">Submitting body</label>
      <BodySelect id="import-body" bodies={bodies} value={bodyId} onChange={setBodyId} />
      {reviewing ? (
        <>
          <div className="import-review-head">
            <span className="import-review-title">The motion text, as read</span>
            <button type="button" className="btn btn-small" onClick={() => edit()}>
              Edit the text
            </button>
          </div>
          <ImportReview
            text={sent}
            diagnostics={diagnostics}
            choices={choices}
            onChoose={choose}
            onEdit={edit}
          />
        </>
      ) : (
        <>
          <label htmlFor="import-text">Motion text, as written</label>
          <textarea
            id="import-text"
            ref={textarea}
            required
            rows={8}
            value={text}
            spellCheck={false}
            placeholder="Chapter 5, Clause IV, Sub-clause 5.A — delete '…' and replace with '…'"
            onChange={(e) => {
              setText(e.target.value);
              // Choices are kept by their place in the text, which an edit moves.
              if (choices.size > 0) setChoices(new Map());
            }}
          />
          {diagnostics.length > 0 && (
            <ol className="diagnostics" aria-label="Problems found in the text last sent">
              {diagnostics.map((d, i) => (
                <li key={i} className={`diag diag-${d.severity}`}>
                  <span className="diag-place">
                    {d.line}:{d.column}
                  </span>{' '}
                  {plainWords(d) ?? d.message}{' '}
                  {d.fix?.kind === 'edit-text' && <span className="diag-hint">{d.fix.hint}</span>}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
      {error && <ErrorNote message={error} />}
      {reviewing && choices.size > 0 && (
        <p className="import-choices-note">
          {choices.size === 1 ? 'One choice' : `${choices.size} choices`} made; they are sent with
          the text and kept with the motion.{' '}
          <button type="button" className="btn-link" onClick={() => setChoices(new Map())}>
            Forget my choices
          </button>
        </p>
      )}
      <button className={reviewing ? 'btn btn-primary' : 'btn'} type="submit" disabled={busy}>
        {busy
          ? 'Importing…'
          : reviewing
            ? choices.size > 0
              ? 'Try again with my choices'
              : 'Try again'
            : 'Import'}
      </button>
      {unreadable && (
        <p className="import-keep">
          The wording a meeting agreed may not be changed to make it read.{' '}
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            onClick={() => void send(true)}
          >
            Keep it as submitted, unread
          </button>{' '}
          <span className="muted">
            The motion is kept with its text word for word and nothing read from it; its drafters,
            or the CAC once it is submitted, finish reading it on its page.
          </span>
        </p>
      )}
    </form>
  );
}
