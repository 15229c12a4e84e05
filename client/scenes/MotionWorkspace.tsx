/**
 * The motion workspace: live co-drafting of one motion. Editors per amended unit (with track
 * changes), the supporting argument, presence and connection state; beside them the generated
 * motion text and redline, recomputed from the Y.Doc at most once a frame.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Edition, Motion } from '../../schemas/api';
import type { AmendmentKind } from '../../schemas/collab';
import { DOC, META } from '../../schemas/collab';
import { motionFromDraft } from '../../core/amendments/draft';
import { wordCount } from '../../core/diff/words';
import { api, errorMessage } from '../api/client';
import { readAmendments, readMeta, toDraft } from '../../core/amendments/draft-doc';
import { storedIdentity, type Identity } from '../collab/identity';
import { openMotionSession, type MotionSession } from '../collab/session';
import { useDocVersion, usePeople, useSaveStatus } from '../collab/useDoc';
import { AmendmentCard } from '../components/AmendmentCard';
import { CollabEditor } from '../components/CollabEditor';
import { MotionPanel } from '../components/MotionPanel';
import { NamePrompt } from '../components/NamePrompt';
import { MetaInput } from '../components/MetaInput';
import { ErrorNote, Loading } from '../components/Notice';
import { Presence } from '../components/Presence';
import { StatusBadge } from '../components/StatusBadge';
import { UnitPicker } from '../components/UnitPicker';
import { useLoad } from '../lib/hooks';
import { routeHash } from '../lib/route';
import { editionProfile, editionToRulebook, flattenUnits } from '../lib/rulebook';

/** The workspace of one motion: asks for a name once, loads the motion and edition, joins. */
export function MotionWorkspace({ motionId }: { motionId: string }) {
  const [identity, setIdentity] = useState<Identity | null>(storedIdentity);
  const [data, reload] = useLoad(motionId, async () => {
    const motion = await api.motion(motionId);
    const edition = await api.edition(motion.editionId);
    return { motion, edition };
  });
  if (!identity) return <NamePrompt onDone={setIdentity} />;
  if (data.state === 'loading') return <Loading what="the motion" />;
  if (data.state === 'error') return <ErrorNote message={data.message} onRetry={reload} />;
  return <Workspace motion={data.value.motion} edition={data.value.edition} identity={identity} />;
}

function useSession(motionId: string, identity: Identity): MotionSession | null {
  const [session, setSession] = useState<MotionSession | null>(null);
  useEffect(() => {
    const s = openMotionSession(motionId, identity);
    setSession(s);
    return () => s.destroy();
  }, [motionId, identity]);
  return session;
}

function Workspace(props: { motion: Motion; edition: Edition; identity: Identity }) {
  const session = useSession(props.motion.id, props.identity);
  if (!session) return <Loading what="the draft" />;
  return <Draft {...props} session={session} />;
}

function Draft({
  motion,
  edition,
  session,
}: {
  motion: Motion;
  edition: Edition;
  session: MotionSession;
}) {
  const { doc, provider } = session;
  const version = useDocVersion(doc);
  const status = useSaveStatus(session);
  const people = usePeople(provider.awareness);
  const rulebook = useMemo(() => editionToRulebook(edition), [edition]);
  const profile = useMemo(() => editionProfile(edition), [edition]);
  const units = useMemo(() => flattenUnits(edition.chapters), [edition]);
  const byPath = useMemo(() => new Map(units.map((u) => [u.path, u])), [units]);
  const [picking, setPicking] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const closePicker = () => {
    setPicking(false);
    // Back to where the user started, so Escape and a finished pick keep the keyboard in place.
    requestAnimationFrame(() => addButton.current?.focus());
  };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // `version` changes once per frame with doc updates; everything below is derived from the doc.
  const live = useMemo(() => {
    void version;
    const amendments = readAmendments(doc);
    const draft = toDraft(amendments);
    return {
      meta: readMeta(doc),
      amendments,
      result: motionFromDraft(rulebook, draft, profile),
      texts: new Map(draft.map((d) => [d.id, d.text])),
      argumentWords: wordCount(doc.getText(DOC.argument).toString()),
    };
  }, [version, doc, rulebook, profile]);

  const meta = doc.getMap<unknown>(DOC.meta);
  const title = meta.has(META.title) ? live.meta.title : motion.title;

  const add = async (kind: AmendmentKind, target: string) => {
    setBusy(true);
    setError(null);
    try {
      await api.addAmendment(motion.id, kind, target);
      closePicker();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (id: string) => {
    setError(null);
    try {
      await api.removeAmendment(motion.id, id);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <div className="workspace">
      <div className="workspace-bar">
        <a className="crumb" href={routeHash({ name: 'home' })}>
          ← Motions
        </a>
        <a
          className="crumb"
          href={routeHash({ name: 'rulebook', editionId: edition.id, unit: null })}
        >
          {edition.organisation} {edition.title} {edition.edition}
        </a>
        <span className="spacer" />
        <Presence people={people} />
        <StatusBadge status={status} />
      </div>
      <div className="workspace-grid">
        <div className="workspace-main">
          <div className="meta-fields">
            <label htmlFor="motion-title" className="sr-only">
              Motion title
            </label>
            <MetaInput
              id="motion-title"
              className="title-input"
              meta={meta}
              field={META.title}
              value={title}
              placeholder="Motion title"
              maxLength={300}
              data-testid="motion-title"
            />
            <label htmlFor="motion-body">Submitted by</label>
            <MetaInput
              id="motion-body"
              className="body-input"
              meta={meta}
              field={META.body}
              value={meta.has(META.body) ? live.meta.body : motion.body}
              placeholder="e.g. Anytown CLP"
              maxLength={200}
            />
          </div>

          <section className="amendments" aria-label="Amendments">
            <h2 className="section-title">Rule changes</h2>
            {live.amendments.length === 0 && (
              <p className="empty">
                No rule changes yet. Add one: choose a unit of the rulebook, then amend it, insert a
                new unit after it, or delete it.
              </p>
            )}
            {live.amendments.map((a) => (
              <AmendmentCard
                key={a.id}
                entry={a}
                base={byPath.get(a.target)}
                awareness={provider.awareness}
                onRemove={() => remove(a.id)}
              />
            ))}
            {error && <ErrorNote message={error} />}
            {picking ? (
              <UnitPicker
                units={units}
                busy={busy}
                onPick={(kind, target) => void add(kind, target)}
                onClose={closePicker}
              />
            ) : (
              <button
                ref={addButton}
                type="button"
                className="btn btn-add"
                onClick={() => setPicking(true)}
                data-testid="add-amendment"
              >
                + Add amendment
              </button>
            )}
          </section>

          <section className="argument" aria-label="Supporting argument">
            <h2 className="section-title">Supporting argument</h2>
            <p className="muted">Not part of the rule; printed after the motion.</p>
            <CollabEditor
              text={doc.getText(DOC.argument)}
              awareness={provider.awareness}
              label="Supporting argument"
              placeholder="Why conference should support this rule change…"
              className="editor argument-editor"
            />
          </section>
        </div>
        <MotionPanel
          result={live.result}
          argumentWords={live.argumentWords}
          amendments={live.amendments.map((entry) => ({
            entry,
            base: byPath.get(entry.target),
            text: live.texts.get(entry.id) ?? '',
          }))}
        />
      </div>
    </div>
  );
}
