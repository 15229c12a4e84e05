/**
 * Gathers what core/procedure needs to check a motion (the body's submissions this year, when
 * conference last decided on each unit, the other live motions on the same text) from the store
 * and the drafts, so the checks are the same in the workspace and at submission.
 */
import type { Actor } from '../../core/access/policy';
import { motionAccess } from '../../core/access/policy';
import { motionFromDraft } from '../../core/amendments/draft';
import { readAmendments, toDraft } from '../../core/amendments/draft-doc';
import {
  checkProcedure,
  submissionYear,
  yearIn,
  type OtherMotion,
  type ProcedureCheck,
} from '../../core/procedure/checks';
import type { Workflow } from '../../schemas/profile';
import type { AuditRow } from '../store/types';
import { loadEdition, type CommandContext } from './context';
import { readDraftDoc } from './drafts';
import type { MotionInContext } from './motions';

const isDecided = (workflow: Workflow, state: string) =>
  workflow.states.some((s) => s.id === state && s.decided);

/** A motion in this state may still overlap others: not decided, and not at an end. */
function live(workflow: Workflow, state: string): boolean {
  const s = workflow.states.find((x) => x.id === state);
  return (
    !!s && !s.decided && (s.editable || workflow.transitions.some((t) => t.from.includes(state)))
  );
}

/** The units a motion's draft cites (amends, inserts after, deletes). */
async function unitsOf(ctx: CommandContext, motionId: string): Promise<string[]> {
  return [...new Set(readAmendments(await readDraftDoc(ctx, motionId)).map((a) => a.target))];
}

/**
 * The procedure checks of a motion as it stands, and the conference year it would be submitted
 * for; overlaps name only motions `actor` may see.
 */
export async function procedureChecks(
  ctx: CommandContext,
  actor: Actor,
  m: MotionInContext,
  now = new Date(),
): Promise<{ year: number; checks: ProcedureCheck[] }> {
  const { procedure, workflow } = m.edition.profile;
  const year = submissionYear(procedure, now);
  const amendments = readAmendments(await readDraftDoc(ctx, m.row.id));
  const units = [...new Set(amendments.map((a) => a.target))];
  const editable = workflow.states.find((s) => s.id === m.row.state)?.editable ?? false;
  const changesText = editable
    ? null
    : motionFromDraft(m.edition.rulebook, toDraft(amendments), m.edition.profile).motionText !== '';
  const transitions = (await ctx.store.listAudit()).filter((e) => e.action === 'transition');
  const event = (e: AuditRow, key: string) => String(e.detail[key] ?? '');

  const [rows, bodies] = await Promise.all([ctx.store.listMotions(), ctx.store.listBodies()]);
  const stateOf = new Map(rows.map((r) => [r.id, r.state]));
  // A submission withdrawn (an end that is not a decision) gives the allowance back.
  const counts = (motionId: string | null) => {
    const state = motionId ? stateOf.get(motionId) : undefined;
    return state !== undefined && (live(workflow, state) || isDecided(workflow, state));
  };
  const submitted = new Set(
    transitions
      .filter(
        (e) =>
          e.bodyId === m.row.bodyId &&
          e.motionId !== m.row.id &&
          event(e, 'event') === workflow.submitEvent &&
          event(e, 'year') === String(year) &&
          counts(e.motionId),
      )
      .map((e) => e.motionId),
  );

  const decided: Record<string, number> = {};
  for (const e of transitions) {
    if (!e.motionId || !isDecided(workflow, event(e, 'to'))) continue;
    const at = yearIn(new Date(e.at), procedure.timeZone);
    for (const path of await unitsOf(ctx, e.motionId)) {
      decided[path] = Math.max(decided[path] ?? 0, at);
    }
  }

  const others: OtherMotion[] = [];
  for (const row of rows) {
    if (row.id === m.row.id || row.editionId !== m.row.editionId) continue;
    const otherWorkflow = (await loadEdition(ctx, row.editionId)).profile.workflow;
    if (!live(otherWorkflow, row.state) || motionAccess(actor, row, otherWorkflow) === 'none') {
      continue;
    }
    const body = bodies.find((b) => b.id === row.bodyId)?.name ?? row.bodyId;
    others.push({ id: row.id, title: row.title, body, units: await unitsOf(ctx, row.id) });
  }

  const checks = checkProcedure({
    procedure,
    body: { name: m.body.name, kind: m.body.kind },
    year,
    now,
    units,
    changesText,
    submittedByBody: submitted.size,
    decided,
    others,
  });
  return { year, checks };
}
