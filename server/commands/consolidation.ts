/**
 * Consolidation from the app: every carried motion of an edition, in conference order, applied
 * (core/procedure/consolidate) to produce the next edition, stored with a summary of amendments
 * and each unit's history ("amended by Conference 2026, card vote 8"), while the motions move on
 * to their incorporated state — all in one transaction, or nothing.
 */
import { unpackParse } from '../store/edition-parse';
import { holdsRole, type Actor } from '../../core/access/policy';
import { parseMotionText } from '../../core/amendments/parse';
import { hasErrors, type Diagnostic } from '../../core/diagnostics';
import { yearIn } from '../../core/procedure/checks';
import { consolidate, footprint } from '../../core/procedure/consolidate';
import { serialiseRulebook } from '../../core/rulebook/serialise';
import { findUnit } from '../../core/rulebook/tree';
import type { Rulebook } from '../../core/rulebook/types';
import { progressOf } from '../../core/workflow/records';
import { transition } from '../../core/workflow/transition';
import type {
  AmendmentSummaryLine,
  ConsolidateRequest,
  Consolidated,
  ConsolidationPreview,
  ConsolidationProblem,
  EditionHistory,
  UnitHistoryEntry,
  VersionText,
} from '../../schemas/api';
import { AppError, conflict, forbidden, unprocessable } from '../errors';
import type { EditionRow, Incorporation, MotionRow, UnitHistoryRow } from '../store/types';
import { loadEdition, type CommandContext, type LoadedEdition } from './context';
import { readEdition } from './editions';
import { draftOf } from './motions';
import { stepOf, transitionsByMotion } from './progress';

/** A carried motion with what consolidation and its history need. */
interface Carried {
  row: MotionRow;
  /** Unique among the motions consolidated together: the name in diagnostics. */
  name: string;
  body: string;
  card: number;
  conference: number;
  words: string;
  /** The audit sequence number of its submission, for the order within one card number. */
  submitted: number;
  /** The motion text as adopted (the latest frozen version), else as the draft generates it. */
  text: string;
}

/** What consolidating an edition now would do: the motions in order, and the core's answer. */
interface Plan {
  edition: LoadedEdition;
  motions: Carried[];
  result: ReturnType<typeof consolidate>;
  /** Per motion (same order): each base path its instructions change, and whether units move. */
  footprints: Map<string, boolean>[];
}

/** The states a carried vote leads to (Labour's "carried", the Liberal Democrats' "passed"). */
function carriedStates(edition: LoadedEdition): Set<string> {
  const { transitions } = edition.profile.workflow;
  return new Set(
    transitions.filter((t) => t.record === 'vote' && t.result === 'carried').map((t) => t.to),
  );
}

/**
 * The edition's carried motions in conference order: card vote number, then the order they were
 * submitted in (then id, so the order never depends on the database).
 */
async function carriedMotions(ctx: CommandContext, edition: LoadedEdition): Promise<Carried[]> {
  const { workflow, procedure } = edition.profile;
  const states = carriedStates(edition);
  const rows = (await ctx.store.listMotions()).filter(
    (r) => r.editionId === edition.row.id && states.has(r.state),
  );
  if (rows.length === 0) return [];
  const [log, bodies] = await Promise.all([
    ctx.store.listAudit({ action: 'transition' }),
    ctx.store.listBodies(),
  ]);
  const entriesOf = transitionsByMotion(log);
  const voteEvents = new Set(
    workflow.transitions.filter((t) => t.record === 'vote').map((t) => t.event),
  );
  const motions: Carried[] = [];
  for (const row of rows) {
    const body = bodies.find((b) => b.id === row.bodyId);
    if (!body) throw new Error(`Motion ${row.id} belongs to unknown body ${row.bodyId}`);
    const entries = entriesOf.get(row.id) ?? [];
    const progress = progressOf(workflow, entries.map(stepOf));
    const vote = entries.findLast((e) => voteEvents.has(String(e.detail.event)));
    if (!progress.result || !vote) {
      throw new Error(`Motion ${row.id} is ${row.state} without a card vote on record`);
    }
    const submission = entries.findLast((e) => e.detail.event === workflow.submitEvent);
    const version = entries.findLast((e) => e.detail.version)?.detail.version as
      | VersionText
      | undefined;
    const text =
      version?.motionText ??
      (await draftOf(ctx, { row, edition, body, access: 'read' })).draft.motionText;
    motions.push({
      row,
      name: row.title,
      body: body.name,
      card: progress.result.card,
      conference: yearIn(new Date(vote.at), procedure.timeZone),
      words: progress.result.words,
      submitted: submission?.seq ?? Number.MAX_SAFE_INTEGER,
      text,
    });
  }
  motions.sort(
    (a, b) => a.card - b.card || a.submitted - b.submitted || (a.row.id < b.row.id ? -1 : 1),
  );
  // Diagnostics name motions by title; two with one title are told apart by body, card or id.
  const taken = new Set<string>();
  for (const m of motions) {
    const t = m.row.title;
    const names = [t, `${t} (${m.body})`, `${t} (card vote ${m.card})`, `${t} (${m.row.id})`];
    m.name = names.find((n) => !taken.has(n)) ?? m.row.id;
    taken.add(m.name);
  }
  return motions;
}

/** The base paths a motion changes, each with whether the change may move the units below it. */
function footprintsOf(text: string, edition: LoadedEdition): Map<string, boolean> {
  const paths = new Map<string, boolean>();
  const { instructions } = parseMotionText(text, edition.rulebook, edition.profile).motion;
  for (const instruction of instructions) {
    for (const path of footprint(instruction)) {
      paths.set(path, (paths.get(path) ?? false) || instruction.kind !== 'text');
    }
  }
  return paths;
}

async function plan(ctx: CommandContext, editionId: string, name?: string): Promise<Plan> {
  const edition = await loadEdition(ctx, editionId);
  const motions = await carriedMotions(ctx, edition);
  const result = consolidate(
    edition.rulebook,
    motions.map((m) => ({ name: m.name, text: m.text })),
    edition.profile,
    name,
  );
  return {
    edition,
    motions,
    result,
    footprints: motions.map((m) => footprintsOf(m.text, edition)),
  };
}

function problemsOf(p: Plan): ConsolidationProblem[] {
  return p.result.problems.map(({ motion, diagnostics }) => ({
    motionId: p.motions.find((m) => m.name === motion)?.row.id ?? '',
    motion,
    diagnostics,
  }));
}

/**
 * What consolidating an edition now would take and find: its carried motions in conference order
 * and every problem (a motion text that does not apply, two motions on the same text). Anyone
 * signed in may look; carried motions are public.
 */
export async function previewConsolidation(
  ctx: CommandContext,
  actor: Actor,
  editionId: string,
): Promise<ConsolidationPreview> {
  const p = await plan(ctx, editionId);
  return {
    editionId,
    motions: p.motions.map((m, i) => ({
      id: m.row.id,
      title: m.row.title,
      body: m.body,
      conference: m.conference,
      card: m.card,
      words: m.words,
      units: [...(p.footprints[i]?.keys() ?? [])],
    })),
    problems: problemsOf(p),
    ready: p.motions.length > 0 && p.result.rulebook !== null,
    canConsolidate: holdsRole(actor, 'official'),
  };
}

/**
 * A base path in the consolidated edition's numbering: the same path where that unit still
 * exists, else its nearest ancestor that does (a deleted unit's history goes to its parent).
 * Consolidation refuses overlapping footprints and renumbering claims the whole parent, so no
 * other motion can have moved a footprint unit: where its path exists, it is the same unit.
 */
function newPath(path: string, next: Rulebook): string {
  const parts = path === '' ? [] : path.split('.');
  while (parts.length > 0 && !findUnit(next, parts)) parts.pop();
  return parts.join('.');
}

/** Groups history rows by motion, in the order written: the summary of amendments. */
function amendmentsOf(rows: readonly UnitHistoryRow[]): AmendmentSummaryLine[] {
  const lines: AmendmentSummaryLine[] = [];
  for (const h of rows) {
    let line = lines.find((l) => l.motionId === h.motionId);
    if (!line) {
      const { motionId, title, body, conference, card, words } = h;
      line = { motionId, title, body, conference, card, words, units: [] };
      lines.push(line);
    }
    if (!line.units.includes(h.path)) line.units.push(h.path);
  }
  return lines;
}

/** Every error of a refused consolidation, each message naming its motion. */
function named(problems: readonly ConsolidationProblem[]): Diagnostic[] {
  return problems.flatMap((p) =>
    p.diagnostics.map((d) => ({ ...d, message: `“${p.motion}”: ${d.message}` })),
  );
}

/**
 * Applies every carried motion of `editionId`, in conference order, and publishes the result as
 * edition `input.id` named `input.edition` (only a conference official may). Any motion that does
 * not apply, or two that change the same text, answer 409 with every diagnostic and write
 * nothing. Otherwise the edition, its unit history and each motion's move to its incorporated
 * state (an audit 'transition' entry naming the new edition) are stored in one transaction.
 */
export async function consolidateEdition(
  ctx: CommandContext,
  actor: Actor,
  editionId: string,
  input: ConsolidateRequest,
): Promise<Consolidated> {
  if (!holdsRole(actor, 'official')) {
    throw forbidden(
      'official-only',
      'Only a conference official can consolidate carried motions into a new edition',
    );
  }
  const base = await loadEdition(ctx, editionId);
  if (await ctx.store.getEdition(input.id)) {
    throw conflict('edition-exists', `There is already an edition ${JSON.stringify(input.id)}`);
  }
  const p = await plan(ctx, editionId, input.edition);
  const { workflow } = base.profile;
  if (p.motions.length === 0) {
    throw conflict(
      'nothing-to-consolidate',
      `No carried motion on ${base.row.title} ${base.row.edition} waits to be consolidated`,
    );
  }
  const problems = problemsOf(p);
  if (!p.result.rulebook) {
    const errors = named(problems).filter((d) => d.severity === 'error');
    throw new AppError(
      409,
      'consolidation-problems',
      `Cannot consolidate; nothing was changed. ${errors.map((d) => d.message).join(' ')}`,
      named(problems),
    );
  }
  const source = serialiseRulebook(p.result.rulebook, base.profile);
  // Read back in the worker, which also gives the parse stored with the new edition.
  const reread = await ctx.parser.parseEdition(source, base.profile);
  if (hasErrors(reread.diagnostics) || reread.parsed === null) {
    throw unprocessable(
      'rulebook-invalid',
      'The consolidated rulebook does not read back cleanly; nothing was stored',
      reread.diagnostics,
    );
  }
  const reparsed = await unpackParse(reread.parsed);

  const incorporations: Incorporation[] = [];
  const history: Omit<UnitHistoryRow, 'editionId'>[] = [];
  p.motions.forEach((m, i) => {
    const step = transition(workflow, m.row, workflow.incorporateEvent, actor);
    if (!step.ok) throw conflict('transition-refused', `${m.row.title}: ${step.reason}`);
    incorporations.push({
      motionId: m.row.id,
      from: m.row.state,
      to: step.to,
      audit: {
        actorId: actor.userId,
        action: 'transition',
        motionId: m.row.id,
        bodyId: m.row.bodyId,
        detail: {
          event: workflow.incorporateEvent,
          from: m.row.state,
          to: step.to,
          note: '',
          edition: input.id,
        },
      },
    });
    for (const [basePath, movesUnits] of p.footprints[i] ?? []) {
      history.push({
        path: newPath(basePath, reparsed),
        basePath,
        movesUnits,
        motionId: m.row.id,
        title: m.row.title,
        body: m.body,
        conference: m.conference,
        card: m.card,
        words: m.words,
      });
    }
  });

  const { meta } = p.result.rulebook;
  const written = await ctx.store.consolidateEdition(
    {
      id: input.id,
      organisation: meta.organisation,
      title: meta.title,
      edition: meta.edition,
      profile: base.profile.id,
      source,
      parsed: reread.parsed,
      units: reread.units,
      words: reread.words,
      basedOn: editionId,
    },
    history,
    incorporations,
    {
      actorId: actor.userId,
      action: 'edition-consolidated',
      detail: { edition: input.id, basedOn: editionId, motions: p.motions.map((m) => m.row.id) },
    },
  );
  if (!written.ok) {
    throw written.reason === 'edition-exists'
      ? conflict('edition-exists', `There is already an edition ${JSON.stringify(input.id)}`)
      : conflict(
          'motion-changed',
          'Someone else changed a carried motion a moment ago; nothing was changed, so look again and retry',
        );
  }
  // The new edition is loaded already: the rulebook just read back is the one stored.
  ctx.editions.set(
    input.id,
    Promise.resolve({ row: written.edition, rulebook: reparsed, profile: base.profile }),
  );
  for (const move of incorporations) {
    await ctx.access.changed({ kind: 'motion', motionId: move.motionId });
  }
  const { id, organisation, title, edition, profile, units, words } = await readEdition(
    ctx,
    input.id,
  );
  return {
    edition: { id, organisation, title, edition, profile, units, words },
    basedOn: editionId,
    amendments: amendmentsOf(history.map((h) => ({ ...h, editionId: input.id }))),
    problems,
  };
}

const within = (path: string, ancestor: string) =>
  ancestor === '' || path === ancestor || path.startsWith(`${ancestor}.`);

/**
 * Where a path recorded before a consolidation is afterwards, given that consolidation's history:
 * unchanged unless one of its motions changed that unit (then wherever that unit went) or
 * changed, moved or removed the units around it (then the enclosing unit, the nearest place
 * still known to be the same: a history line is never attached to a unit it did not change).
 */
function carryForward(path: string, later: readonly UnitHistoryRow[]): string {
  let best: UnitHistoryRow | null = null;
  for (const h of later) {
    const hit = h.basePath === path || (h.movesUnits && within(path, h.basePath));
    if (hit && (!best || h.basePath.length > best.basePath.length)) best = h;
  }
  return best ? best.path : path;
}

/**
 * The history of an edition and of the editions it was consolidated from (via based_on): each
 * carried motion that changed a unit, with the edition it produced. Lines from an ancestor are
 * carried into this edition's numbering through each later consolidation ({@link carryForward});
 * `recordedPath` keeps the path as written then.
 */
export async function editionHistory(
  ctx: CommandContext,
  editionId: string,
): Promise<EditionHistory> {
  const { row } = await loadEdition(ctx, editionId);
  const chain: EditionRow[] = [row];
  const seen = new Set([row.id]);
  for (let at = row.basedOn; at && !seen.has(at); ) {
    const parent = await ctx.store.getEdition(at);
    if (!parent) break;
    chain.push(parent);
    seen.add(parent.id);
    at = parent.basedOn;
  }
  const rows = await Promise.all(chain.map((e) => ctx.store.listUnitHistory(e.id)));
  const entries: UnitHistoryEntry[] = [];
  chain.forEach((e, k) => {
    const seenLines = new Set<string>();
    for (const h of rows[k] ?? []) {
      let path = h.path;
      // Through every consolidation after this one, oldest first.
      for (let j = k - 1; j >= 0; j--) path = carryForward(path, rows[j] ?? []);
      const key = `${h.motionId} ${path}`;
      if (seenLines.has(key)) continue;
      seenLines.add(key);
      const { motionId, title, body, conference, card, words } = h;
      entries.push({
        path,
        recordedPath: h.path,
        editionId: e.id,
        edition: e.edition,
        motionId,
        title,
        body,
        conference,
        card,
        words,
      });
    }
  });
  const parent = chain[1];
  return {
    editionId,
    basedOn:
      row.basedOn && parent
        ? { id: parent.id, title: parent.title, edition: parent.edition }
        : null,
    amendments: amendmentsOf(rows[0] ?? []),
    entries,
  };
}
