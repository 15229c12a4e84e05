/**
 * Moving a motion through its workflow and reading its timeline. The transition table is the
 * profile's; the decision is core/workflow's; this records the event and the new state together
 * and brings open drafting rooms into line (a frozen text turns every editor read-only).
 */
import type { Actor } from '../../core/access/policy';
import { transition } from '../../core/workflow/transition';
import type { AuditView, Motion, TransitionRequest } from '../../schemas/api';
import { motionDocumentName } from '../../schemas/collab';
import { reviewConnections } from '../collab/authorisation';
import { conflict, forbidden, invalidRequest } from '../errors';
import type { AuditRow } from '../store/types';
import type { CommandContext } from './context';
import { draftOf, motionFor, readMotion } from './motions';
import { procedureChecks } from './procedure';

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
  const detail: Record<string, unknown> = {
    event: request.event,
    from: row.state,
    to: result.to,
    note: request.note,
  };
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
  const facts = { bodyId: row.bodyId, state: result.to };
  reviewConnections(ctx.hocuspocus, motionDocumentName(motionId), facts, workflow);
  return readMotion(ctx, actor, motionId);
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

/** The whole audit log, for admins. */
export async function auditLog(ctx: CommandContext, actor: Actor): Promise<AuditView[]> {
  if (!actor.admin) throw forbidden('admin-only', 'Only an admin can read the whole audit log');
  return presentAudit(ctx, await ctx.store.listAudit());
}
