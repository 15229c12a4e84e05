/**
 * Moving a motion through its workflow and reading its timeline. The transition table is the
 * profile's; the decision is core/workflow's; this records the event and the new state together
 * and brings open drafting rooms into line (a frozen text turns every editor read-only).
 */
import type * as Y from 'yjs';
import { stateOf, type Actor } from '../../core/access/policy';
import type { AmendmentEntry } from '../../core/amendments/draft-doc';
import { transition } from '../../core/workflow/transition';
import { dateIn } from '../../core/procedure/checks';
import { checkRecord, progressOf } from '../../core/workflow/records';
import type {
  AuditView,
  MeetingRecord,
  Motion,
  MotionVersion,
  MotionVersions,
  TransitionRequest,
  VersionText,
} from '../../schemas/api';
import { DOC } from '../../schemas/collab';
import { conflict, forbidden, invalidRequest, unprocessable } from '../errors';
import type { AuditRow } from '../store/types';
import type { CommandContext } from './context';
import { toAmendmentView } from './drafts';
import { draftOf, motionFor, necMotionsOn, readMotion } from './motions';
import { stepOf } from './progress';
import { procedureChecks } from './procedure';
import { isUnread } from './import';

/** Takes a workflow step; a refused step says why and changes nothing. */
export async function transitionMotion(
  ctx: CommandContext,
  actor: Actor,
  motionId: string,
  request: TransitionRequest,
): Promise<Motion> {
  const m = await motionFor(ctx, actor, motionId, 'read');
  const { row, edition } = m;
  const { workflow } = edition.profile;
  const result = transition(workflow, row, request.event, actor);
  if (!result.ok) {
    if (result.code === 'unknown') throw invalidRequest(result.reason);
    throw (result.code === 'state' ? conflict : forbidden)('transition-refused', result.reason);
  }
  const { procedure } = edition.profile;
  const t = result.transition;
  if (t.needsReading && (await isUnread(ctx, motionId))) {
    throw conflict(
      'reading-unfinished',
      `Cannot “${t.label}”: the text as submitted is not read into instructions yet, so what it changes is not known; finish reading it first`,
    );
  }
  const alternatives =
    t.record === 'position'
      ? (await necMotionsOn(ctx, row.editionId, motionId)).map((a) => a.id)
      : [];
  const today = dateIn(new Date(), procedure.timeZone);
  const checked = checkRecord(edition.profile, t, request, { today, alternatives });
  if (!checked.ok) throw unprocessable('record-refused', checked.reason);
  const detail: Record<string, unknown> = {
    event: request.event,
    from: row.state,
    to: result.to,
    note: request.note,
  };
  if (checked.record) detail.record = checked.record;
  if (t.record === 'meeting') {
    // Adoption freezes the text as it stands, as the next numbered version.
    const [{ doc, amendments, draft }, log] = await Promise.all([
      draftOf(ctx, m),
      ctx.store.listAudit({ motionId, action: 'transition' }),
    ]);
    const { version } = progressOf(workflow, log.map(stepOf));
    detail.version = versionText(version + 1, doc, amendments, draft.motionText);
  }
  if (request.event === workflow.submitEvent) {
    // The procedure is enforced here: a submission with errors is refused and changes nothing.
    const { amendments, draft } = await draftOf(ctx, m);
    const units = [...new Set(amendments.map((a) => a.target))];
    const { year, checks } = await procedureChecks(ctx, actor, m, {
      units,
      motionText: draft.motionText,
    });
    const errors = checks.filter((c) => c.severity === 'error');
    if (errors.length > 0) {
      throw conflict(
        'procedure-checks',
        `Cannot submit: ${errors.map((e) => e.message).join('; ')}`,
      );
    }
    detail.year = year;
  }
  const moved = await ctx.store.transitionMotion(motionId, row.state, result.to, {
    actorId: actor.userId,
    action: 'transition',
    motionId,
    bodyId: row.bodyId,
    detail,
  });
  if (!moved) {
    throw conflict(
      'motion-changed',
      'Someone else changed this motion a moment ago; reload it and try again',
    );
  }
  await ctx.access.changed({ kind: 'motion', motionId });
  return readMotion(ctx, actor, motionId);
}

function versionText(
  number: number,
  doc: Y.Doc,
  amendments: readonly AmendmentEntry[],
  motionText: string,
): VersionText {
  const argument = doc.getText(DOC.argument).toString();
  return { number, motionText, argument, amendments: amendments.map(toAmendmentView) };
}

/** Audit rows as the API shows them, with people's names instead of ids. */
export async function presentAudit(ctx: CommandContext, rows: AuditRow[]): Promise<AuditView[]> {
  const ids = [...new Set(rows.map((r) => r.actorId).filter((id) => id !== null))];
  const names = new Map(
    await Promise.all(
      ids.map(async (id) => [id, (await ctx.store.getUser(id))?.name ?? id] as const),
    ),
  );
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: r.actorId === null ? 'Redline' : (names.get(r.actorId) ?? r.actorId),
    action: r.action,
    motionId: r.motionId,
    bodyId: r.bodyId,
    userId: r.userId,
    detail: r.detail,
  }));
}

/** A motion's timeline: every recorded event about it, oldest first. */
export async function motionTimeline(
  ctx: CommandContext,
  actor: Actor,
  motionId: string,
): Promise<AuditView[]> {
  await motionFor(ctx, actor, motionId, 'read');
  return presentAudit(ctx, await ctx.store.listAudit({ motionId }));
}

/**
 * A motion's frozen versions (one per adoption), oldest first, and the draft as it stands when
 * the drafting room is open: what the compare view puts side by side.
 */
export async function motionVersions(
  ctx: CommandContext,
  actor: Actor,
  motionId: string,
): Promise<MotionVersions> {
  const m = await motionFor(ctx, actor, motionId, 'read');
  const log = await ctx.store.listAudit({ motionId, action: 'transition' });
  const versions = log.flatMap((row): MotionVersion[] => {
    const version = row.detail.version as VersionText | undefined;
    const meeting = (row.detail.record as MeetingRecord | undefined) ?? null;
    return version ? [{ ...version, at: row.at, meeting }] : [];
  });
  if (!stateOf(m.edition.profile.workflow, m.row.state).editable) return { versions, draft: null };
  const { doc, amendments, draft } = await draftOf(ctx, m);
  return { versions, draft: versionText(0, doc, amendments, draft.motionText) };
}

/** The whole audit log, for admins. */
export async function auditLog(ctx: CommandContext, actor: Actor): Promise<AuditView[]> {
  if (!actor.admin) throw forbidden('admin-only', 'Only an admin can read the whole audit log');
  return presentAudit(ctx, await ctx.store.listAudit());
}
