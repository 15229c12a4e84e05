/**
 * The conflicts view of a motion (SPEC §4.4): every other live motion on the same edition whose
 * changes overlap it, side by side against the base, with whether both can apply and which falls
 * if the other carries. Compares the motions' current generated motion text (frozen once adopted).
 */
import { motionAccess, type Actor } from '../../core/access/policy';
import {
  motionConflict,
  type ConflictMotion,
  type MotionConflict,
  type SideText,
} from '../../core/procedure/conflicts';
import { stateLabel } from '../../core/workflow/transition';
import type { ConflictSideView, MotionConflictView } from '../../schemas/api';
import { isLive } from '../../core/workflow/transition';
import type { CommandContext } from './context';
import { draftOf, motionFor, type MotionInContext } from './motions';

async function asConflictMotion(ctx: CommandContext, m: MotionInContext): Promise<ConflictMotion> {
  const { draft } = await draftOf(ctx, m);
  return {
    id: m.row.id,
    title: m.row.title,
    body: m.body.name,
    bodyKind: m.body.kind,
    text: draft.motionText,
  };
}

/** The core's sides (`a` this motion, `b` the other) as the API names them. */
const FALLS = { a: 'own', b: 'other', first: 'first' } as const;

const side = (s: SideText): ConflictSideView => ({ text: s.text, change: s.change });

/** The core's answer from this motion's side: `a` is this motion, `b` the other. */
function present(
  other: MotionInContext,
  conflict: MotionConflict,
  titles: ReadonlyMap<string, string>,
): MotionConflictView {
  const { row, body, edition } = other;
  return {
    motion: {
      id: row.id,
      title: row.title,
      body: body.name,
      bodyKind: body.kind,
      state: row.state,
      stateLabel: stateLabel(edition.profile.workflow, row.state),
    },
    units: conflict.units,
    shared: conflict.shared.map((s) => ({
      path: s.path,
      citation: s.citation,
      isNew: s.isNew,
      base: s.base,
      own: side(s.a),
      other: side(s.b),
      verdict: s.verdict.kind,
      merged: s.verdict.kind === 'merged' ? s.verdict.text : null,
      message: s.verdict.kind === 'merged' ? '' : s.verdict.message,
      clashes:
        s.verdict.kind === 'conflict'
          ? s.verdict.clashes.map((c) => ({ base: c.base, own: c.a, other: c.b, before: c.before }))
          : [],
    })),
    bothApply: conflict.bothApply,
    falls: conflict.falls.falls === null ? null : FALLS[conflict.falls.falls],
    fallsMessage: conflict.falls.message,
    problems: conflict.problems.flatMap((p) =>
      p.diagnostics.map((d) => `${titles.get(p.motion) ?? p.motion}: ${d.message}`),
    ),
  };
}

/**
 * The motion's conflicts with the other live motions on its edition that `actor` may read: 404
 * for no such motion, 403 when the actor may not read it. Others the actor cannot read are left
 * out, as in the overlap check, so the view never reveals a private draft.
 */
export async function motionConflicts(
  ctx: CommandContext,
  actor: Actor,
  motionId: string,
): Promise<MotionConflictView[]> {
  const m = await motionFor(ctx, actor, motionId, 'read');
  const { rulebook, profile } = m.edition;
  const { workflow } = profile;
  const [rows, bodies] = await Promise.all([ctx.store.listMotions(), ctx.store.listBodies()]);
  const own = await asConflictMotion(ctx, m);
  const views: MotionConflictView[] = [];
  for (const row of rows) {
    if (row.id === m.row.id || row.editionId !== m.row.editionId) continue;
    if (!isLive(workflow, row.state)) continue;
    const access = motionAccess(actor, row, workflow);
    const body = bodies.find((b) => b.id === row.bodyId);
    if (access === 'none' || !body) continue;
    const other: MotionInContext = { row, edition: m.edition, body, access };
    const theirs = await asConflictMotion(ctx, other);
    const conflict = motionConflict(rulebook, profile, own, theirs);
    if (!conflict) continue;
    const titles = new Map([
      [own.id, own.title],
      [theirs.id, theirs.title],
    ]);
    views.push(present(other, conflict, titles));
  }
  return views;
}
