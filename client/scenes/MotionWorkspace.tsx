/**
 * The motion workspace: live co-drafting of one motion. Editors per amended unit (with track
 * changes), the supporting argument, presence and connection state; beside them the motion's
 * progress (state, the steps the person may take, history) and the generated motion text and
 * redline, recomputed from the Y.Doc at most once a frame. When the person may only read (a
 * viewer, or a text frozen by the workflow) everything is shown and nothing can be edited; the
 * server's "motion changed" message reloads the motion, so a freeze locks open editors at once.
 * The motion (with its procedure checks) is also reloaded when the units the draft changes do.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AuditView, Edition, Motion, TransitionRequest } from '../../schemas/api';
import type { AmendmentKind } from '../../schemas/collab';
import { DOC, draftLimitText, META } from '../../schemas/collab';
import { motionFromDraft } from '../../core/amendments/draft';
import { wordCount } from '../../core/diff/words';
import { api, errorMessage, reportSignedOut } from '../api/client';
import { useMe } from '../auth/auth';
import { readAmendments, readMeta, toDraft } from '../../core/amendments/draft-doc';
import { identityOf } from '../collab/identity';
import { openMotionSession, type MotionSession, type Refusal } from '../collab/session';
import { useDocVersion, usePeople, useSaveStatus } from '../collab/useDoc';
import { AmendmentCard } from '../components/AmendmentCard';
import { CollabEditor } from '../components/CollabEditor';
import { Conflicts } from '../components/Conflicts';
import { MotionPanel } from '../components/MotionPanel';
import { MotionProgress } from '../components/MotionProgress';
import { MotionRecord } from '../components/MotionRecord';
import { MetaInput } from '../components/MetaInput';
import { ErrorNote, Loading } from '../components/Notice';
import { Presence } from '../components/Presence';
import { StatusBadge } from '../components/StatusBadge';
import { UnitPicker } from '../components/UnitPicker';
import { Versions } from '../components/Versions';
import { useLoad, type Loaded } from '../lib/hooks';
import { readOnlyReason } from '../lib/people';
import { routeHash } from '../lib/route';
import { editionProfile, editionToRulebook, flattenUnits } from '../lib/rulebook';
import type { MotionVersions } from '../../schemas/api';
import { ExportPanel } from '../components/ExportPanel';
import { motionExport } from '../lib/exports';

/** What the workspace says when the server refuses or closes the room; `draftBytes` is the cap. */
function refusedMessage(why: Exclude<Refusal, 'signed-out'>, draftBytes: number): string {
  switch (why) {
    case 'forbidden':
      return 'You no longer have access to this motion’s drafting room.';
    case 'unknown-motion':
      // The server answers a draft not shared with the person as one that does not exist.
      return 'No such motion, or it is not shared with you.';
    case 'draft-too-large':
      return `This draft has reached its size limit of ${draftLimitText(draftBytes)}; your last change was not saved. Reload the page to go on from the saved draft, and make room by removing text or amendments.`;
    case 'other':
      return 'The server refused the drafting room.';
  }
}

/** The workspace of one motion: loads the motion, its history and edition, joins the room. */
export function MotionWorkspace({ motionId }: { motionId: string }) {
  const [motion, reloadMotion] = useLoad(motionId, () => api.motion(motionId));
  const [events, reloadEvents] = useLoad(`events:${motionId}`, () => api.motionEvents(motionId));
  const [versions, reloadVersions] = useLoad(`versions:${motionId}`, () => api.versions(motionId));
  const reload = () => {
    reloadMotion();
    reloadEvents();
    reloadVersions();
  };
  if (motion.state === 'loading') return <Loading what="the motion" />;
  if (motion.state === 'error')
    return <ErrorNote message={motion.message} onRetry={reloadMotion} />;
  return <WithEdition motion={motion.value} events={events} versions={versions} reload={reload} />;
}

interface Loads {
  motion: Motion;
  events: Loaded<AuditView[]>;
  versions: Loaded<MotionVersions>;
  reload: () => void;
}

function WithEdition(props: Loads) {
  const { editionId } = props.motion;
  const [edition, reloadEdition] = useLoad(editionId, () => api.edition(editionId));
  if (edition.state === 'loading') return <Loading what="the rulebook edition" />;
  if (edition.state === 'error') {
    return <ErrorNote message={edition.message} onRetry={reloadEdition} />;
  }
  return <Workspace {...props} edition={edition.value} />;
}

function useSession(
  motionId: string,
  name: string,
  onMotionChanged: () => void,
  draftBytes: number,
): { session: MotionSession | null; refusal: string | null } {
  const [session, setSession] = useState<MotionSession | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  // The session lives as long as the motion is open; callbacks may change without reopening it.
  const changed = useRef(onMotionChanged);
  useEffect(() => {
    changed.current = onMotionChanged;
  }, [onMotionChanged]);
  useEffect(() => {
    const s = openMotionSession(motionId, identityOf(name), {
      onMotionChanged: () => changed.current(),
      onRefused: (why) => {
        if (why === 'signed-out') reportSignedOut();
        else setRefusal(refusedMessage(why, draftBytes));
      },
    });
    setSession(s);
    setRefusal(null);
    return () => s.destroy();
  }, [motionId, name, draftBytes]);
  return { session, refusal };
}

function Workspace(props: Loads & { edition: Edition }) {
  const me = useMe();
  const { draftBytes } = editionProfile(props.edition).limits;
  const { session, refusal } = useSession(props.motion.id, me.user.name, props.reload, draftBytes);
  if (!session) return <Loading what="the draft" />;
  return <Draft {...props} session={session} refusal={refusal} />;
}

function Draft({
  motion,
  edition,
  events,
  versions,
  reload,
  session,
  refusal,
}: Loads & {
  edition: Edition;
  session: MotionSession;
  refusal: string | null;
}) {
  const me = useMe();
  const { doc, provider } = session;
  const version = useDocVersion(doc);
  const status = useSaveStatus(session);
  const people = usePeople(provider.awareness);
  const rulebook = useMemo(() => editionToRulebook(edition), [edition]);
  const profile = useMemo(() => editionProfile(edition), [edition]);
  const units = useMemo(() => flattenUnits(edition.chapters), [edition]);
  const byPath = useMemo(() => new Map(units.map((u) => [u.path, u])), [units]);
  const readOnly = motion.access !== 'write';
  // Refused or closed by the server: nothing typed now would be saved.
  const locked = readOnly || refusal !== null;
  const editable = profile.workflow.states.find((s) => s.id === motion.state)?.editable ?? false;
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

  // The procedure checks follow the units the draft changes. When the synced doc changes other
  // units than the motion last loaded (an amendment added or removed, here or by someone else),
  // load the motion again; the server answers with the checks for the new set.
  const liveUnits = [...new Set(live.amendments.map((a) => a.target))].sort().join(' ');
  const loadedUnits = [...motion.units].sort().join(' ');
  useEffect(() => {
    if (status === 'saved' && liveUnits !== loadedUnits) reload();
    // `reload` is new every render; the units and the status say when to ask.
  }, [liveUnits, loadedUnits, status]);

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
  const act = async (request: TransitionRequest) => {
    try {
      await api.transition(motion.id, request);
    } finally {
      // Also after a refusal: the motion may have moved on under us.
      reload();
    }
  };

  return (
    <div className="workspace" data-access={motion.access}>
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
        {/* A reader's presence is never sent to others; showing their own avatar would suggest it is. */}
        <Presence people={readOnly ? people.filter((p) => !p.self) : people} />
        <StatusBadge status={status} reader={readOnly} />
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
              readOnly={locked}
              data-testid="motion-title"
            />
            <p className="motion-facts">
              Submitted by <strong data-testid="motion-body">{motion.body}</strong>
              <span className={`state state-${motion.state}`}>{motion.stateLabel}</span>
            </p>
          </div>

          {readOnly && (
            <div className="read-only-banner" role="status" data-testid="read-only-banner">
              <svg className="read-only-icon" viewBox="0 0 16 16" aria-hidden="true">
                <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h.5Zm1.5 0h4V5a2 2 0 0 0-4 0v2Z" />
              </svg>
              <span>
                <strong>Read only.</strong> {readOnlyReason(motion, me, editable)}
              </span>
            </div>
          )}
          {refusal && <ErrorNote message={refusal} />}
          <MotionRecord motion={motion} workflow={profile.workflow} events={events} />
          <ExportPanel targets={[motionExport(motion.id)]} name={motion.title || 'motion'} />

          <section className="amendments" aria-label="Amendments">
            <h2 className="section-title">Rule changes</h2>
            {live.amendments.length === 0 && (
              <p className="empty">
                {motion.submittedText !== null
                  ? 'Nothing has been read from the text as submitted yet: what it changes is shown here once its reading is finished (beside it, under “Not read yet”).'
                  : readOnly
                    ? 'This motion changes no rule yet.'
                    : 'No rule changes yet. Add one: choose a unit of the rulebook, then amend it, insert a new unit after it, or delete it.'}
              </p>
            )}
            {live.amendments.map((a) => (
              <AmendmentCard
                key={a.id}
                entry={a}
                base={byPath.get(a.target)}
                awareness={provider.awareness}
                readOnly={locked}
                onRemove={() => remove(a.id)}
              />
            ))}
            {error && <ErrorNote message={error} />}
            {!locked &&
              (picking ? (
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
              ))}
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
              readOnly={locked}
            />
          </section>
          <Versions view={versions} />
          <Conflicts motionId={motion.id} />
        </div>
        <div className="workspace-side">
          <MotionProgress
            motion={motion}
            workflow={profile.workflow}
            procedure={profile.procedure}
            events={events}
            onAction={act}
          />
          <MotionPanel
            result={live.result}
            argumentWords={live.argumentWords}
            motionId={motion.id}
            submittedText={motion.submittedText}
            importResolutions={motion.importResolutions}
            onReadingFinished={reload}
            amendments={live.amendments.map((entry) => ({
              entry,
              base: byPath.get(entry.target),
              text: live.texts.get(entry.id) ?? '',
            }))}
          />
        </div>
      </div>
    </div>
  );
}
