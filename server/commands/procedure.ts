/**
 * Gathers what core/procedure needs to check a motion (the body's submissions this year, when
 * conference last decided on each unit, the other live motions on the same text) from the store
 * and the drafts, so the checks are the same in the workspace and at submission.
 */
import type { Actor } from '../../core/access/policy';
import { motionAccess, stateOf } from '../../core/access/policy';
import { readAmendments } from '../../core/amendments/draft-doc';
import {
  checkProcedure,
  submissionYear,
  yearIn,
  type OtherMotion,
  type ProcedureCheck,
} from '../../core/procedure/checks';
import type { Workflow } from '../../schemas/profile';
import type * as Y from 'yjs';
import { motionDocumentName } from '../../schemas/collab';
import type { AuditRow, MotionRow } from '../store/types';
import { isLive } from '../../core/workflow/transition';
import type { CommandContext } from './context';
import { readDraftDoc } from './drafts';
import type { MotionInContext } from './motions';

const isDecided = (workflow: Workflow, id: string) =>
  workflow.states.some((s) => s.id === id && s.decided);

const citedUnits = (doc: Y.Doc) => [...new Set(readAmendments(doc).map((a) => a.target))];

/**
 * The units a motion's draft cites (amends, inserts after, deletes). Every check looks at every
 * other motion, so rebuilding each stored draft per request made a request cost grow with the
 * number of motions (half a second at 600). A draft open here is read as it is; a stored one is
 * read once per stored version: its motion's `updatedAt` moves whenever a draft is stored. An edit
 * another process holds but has not stored yet shows once it stores it (within seconds).
 */
async function unitsOf(ctx: CommandContext, row: MotionRow): Promise<string[]> {
  const live = ctx.hocuspocus.documents.get(motionDocumentName(row.id));
  if (live && !live.isLoading) return citedUnits(live);
  const cached = ctx.draftUnits.get(row.id);
  if (cached?.updatedAt === row.updatedAt) return cached.units;
  const units = citedUnits(await readDraftDoc(ctx, row.id));
  ctx.draftUnits.set(row.id, { updatedAt: row.updatedAt, units });
  return units;
}

/**
 * The procedure checks of a motion as it stands (its cited `units` and generated `motionText`,
 * which the caller has already), and the conference year it would be submitted for; overlaps
 * name only motions `actor` may see.
 */
export async function procedureChecks(
  ctx: CommandContext,
  actor: Actor,
  m: MotionInContext,
  draft: { units: readonly string[]; motionText: string },
  now = new Date(),
): Promise<{ year: number; checks: ProcedureCheck[] }> {
  const { procedure, workflow } = m.edition.profile;
  const year = submissionYear(procedure, now);
  const [transitions, rows, bodies] = await Promise.all([
    ctx.store.listAudit({ action: 'transition' }),
    ctx.store.listMotions(),
    ctx.store.listBodies(),
  ]);
  const others = new Map(rows.filter((r) => r.id !== m.row.id).map((r) => [r.id, r]));
  const detail = (e: AuditRow, key: string) => String(e.detail[key] ?? '');

  // A submission withdrawn (an end that is not a decision) gives the allowance back.
  const submitted = new Set<string>();
  const decidedIn = new Map<string, number>();
  for (const e of transitions) {
    const state = e.motionId ? others.get(e.motionId)?.state : undefined;
    if (!e.motionId || state === undefined) continue;
    if (isDecided(workflow, detail(e, 'to'))) {
      decidedIn.set(e.motionId, yearIn(new Date(e.at), procedure.timeZone));
    } else if (
      e.bodyId === m.row.bodyId &&
      detail(e, 'event') === workflow.submitEvent &&
      detail(e, 'year') === String(year) &&
      (isLive(workflow, state) || isDecided(workflow, state))
    ) {
      submitted.add(e.motionId);
    }
  }
  const decided: Record<string, number> = {};
  for (const [motionId, at] of decidedIn) {
    for (const path of await unitsOf(ctx, others.get(motionId) as MotionRow))
      decided[path] = Math.max(decided[path] ?? 0, at);
  }

  const overlapping: OtherMotion[] = [];
  // Overlap is with motions on the same edition (so of the same workflow).
  for (const row of others.values()) {
    if (row.editionId !== m.row.editionId) continue;
    if (!isLive(workflow, row.state) || motionAccess(actor, row, workflow) === 'none') continue;
    const body = bodies.find((b) => b.id === row.bodyId)?.name ?? row.bodyId;
    overlapping.push({ id: row.id, title: row.title, body, units: await unitsOf(ctx, row) });
  }

  // Only a motion citing nothing can be one kept unread: the text is read only then.
  const unread =
    draft.units.length === 0 && (await ctx.store.getSubmission(m.row.id)).text !== null;
  const checks = checkProcedure({
    procedure,
    body: { name: m.body.name, kind: m.body.kind },
    year,
    now,
    units: draft.units,
    unread,
    // While drafting, the live motion text shows an empty change; the check waits for adoption.
    changesText: stateOf(workflow, m.row.state).editable ? null : draft.motionText !== '',
    submittedByBody: submitted.size,
    decided,
    others: overlapping,
  });
  return { year, checks };
}
