/**
 * One motion in the submission format the party expects: title; who submits it; the rulebook
 * edition and the rules cited; the current text quoted; the amendment as instructions; (in a
 * redline) the rule as amended with its changes marked; the supporting argument; the meeting that
 * adopted it. The compendium reuses the parts for each motion of a conference.
 */
import type { MeetingRecord, ProgressView } from '../../schemas/api';
import type { Profile } from '../../schemas/profile';
import { motionFromDraft, nextLabel, type DraftAmendment } from '../amendments/draft';
import { formatCitation, formatCitationList, formatRelative } from '../citations/format';
import { normaliseText } from '../diff/words';
import { labelAt, labelOrdinal, levelKind, markerLike } from '../rulebook/labels';
import { findUnit, walkUnits } from '../rulebook/tree';
import type { Rulebook, Unit } from '../rulebook/types';
import { resultLine } from '../procedure/vote';
import type { Block, ExportDocument, Run } from './model';
import {
  diffRuns,
  editionName,
  formatMeeting,
  headingText,
  marked,
  numberedUnit,
  plain,
  textLines,
} from './runs';

export interface MotionExportInput {
  title: string;
  /** The name of the body that submits it: "Anytown CLP". */
  body: string;
  profile: Profile;
  /** The base edition the motion amends. */
  rulebook: Rulebook;
  amendments: DraftAmendment[];
  /** The instructions, as generated from the draft (or as adopted). */
  motionText: string;
  /**
   * The motion's wording as submitted, when its draft still says exactly what it was read to
   * say: printed as the amendment instead of `motionText`, word for word.
   */
  wording?: string | null;
  argument: string;
  /** The meeting that adopted it; when null, the one on record in `progress`, if any. */
  meeting: MeetingRecord | null;
  stateLabel?: string;
  progress?: ProgressView;
}

/** A motion as a document: the submission format, clean or with the rule as amended redlined. */
export function motionDocument(
  input: MotionExportInput,
  options: { redline: boolean },
): ExportDocument {
  const changes = draftChanges(input.rulebook, input.amendments, input.profile);
  const meeting = input.meeting ?? input.progress?.meeting ?? null;
  const fields: FieldList = [
    { label: 'Submitted by', value: plain(input.body) },
    { label: 'Rule book', value: plain(editionName(input.rulebook)) },
    ...citationFields(changes, input.profile),
  ];
  if (meeting) fields.push({ label: 'Meeting', value: plain(formatMeeting(meeting)) });
  if (input.stateLabel) fields.push({ label: 'Status', value: plain(input.stateLabel) });
  if (input.progress) fields.push(...progressFields(input.progress));
  return {
    title: input.title,
    subtitle: `${editionName(input.rulebook)} — rule change`,
    redline: options.redline,
    blocks: [
      { kind: 'fields', fields },
      ...motionParts(
        {
          changes,
          motionText: input.motionText,
          wording: input.wording ?? null,
          argument: input.argument,
        },
        input.profile,
        options,
        '',
      ),
    ],
  };
}

export type FieldList = Extract<Block, { kind: 'fields' }>['fields'];

/** "Citation: Chapter 5, Clause IV, Sub-clause 5.B.i" — every unit the motion cites, in order. */
export function citationFields(changes: DraftChanges, profile: Profile): FieldList {
  const paths = changes.cited.map((u) => u.path);
  if (paths.length === 0) return [];
  return [
    {
      label: paths.length === 1 ? 'Citation' : 'Citations',
      value: plain(formatCitationList(paths, profile)),
    },
  ];
}

/**
 * What a motion has on record: the CAC's ruling and reason, the NEC's position (an alternative
 * named by its title when `titleOf` knows it) and the card vote.
 */
export function progressFields(
  progress: ProgressView,
  titleOf: (motionId: string) => string | undefined = () => undefined,
): FieldList {
  const fields: FieldList = [];
  const value = progressValues(progress, titleOf);
  if (value.ruling) fields.push({ label: 'CAC ruling', value: plain(value.ruling) });
  if (value.position) fields.push({ label: 'NEC position', value: plain(value.position) });
  if (value.result) fields.push({ label: 'Result', value: plain(value.result) });
  return fields;
}

/** The ruling, position and result of a motion as the exports print them ('' when none). */
export function progressValues(
  progress: ProgressView,
  titleOf: (motionId: string) => string | undefined,
): { ruling: string; position: string; result: string } {
  const { ruling, position, result } = progress;
  const alternative = position?.alternative ? titleOf(position.alternative) : undefined;
  return {
    ruling: ruling ? (ruling.note ? `${ruling.label} — ${ruling.note}` : ruling.label) : '',
    position: position ? (alternative ? `${position.label}: ${alternative}` : position.label) : '',
    // The results-sheet line without a title: the motion's own page already has it.
    result: result ? resultLine(`Card vote ${result.card}`, '', { ok: true, ...result }) : '',
  };
}

/** The text parts of a motion: current text, amendment, the rule as amended, argument. */
export function motionParts(
  motion: { changes: DraftChanges; motionText: string; wording?: string | null; argument: string },
  profile: Profile,
  options: { redline: boolean },
  idPrefix: string,
): Block[] {
  const level = 3;
  const heading = (text: string, id: string): Block => ({
    kind: 'heading',
    level,
    runs: plain(text),
    id: idPrefix + id,
  });
  const { changes } = motion;
  const blocks: Block[] = [];

  const current = changes.list.filter((c) => c.kind !== 'insert');
  if (current.length > 0) {
    blocks.push(heading('Current text', 'current-text'));
    for (const change of current) {
      blocks.push(note(formatCitation(change.base.path, profile)));
      const units = change.kind === 'delete' ? [...walkUnits([change.base])] : [change.base];
      for (const unit of units) {
        blocks.push(...unitBlocks(unit, unit, plain(unit.text), profile, `${idPrefix}current-`));
      }
    }
  }

  blocks.push(heading('Amendment', 'amendment'));
  // The wording the meeting agreed, not the same changes reworded in the house style.
  const { wording } = motion;
  if (wording) blocks.push(note('As submitted, word for word.'));
  const instructions = textLines(wording || motion.motionText);
  if (instructions.length === 0) blocks.push(note('No change to the rules yet.'));
  for (const line of instructions) blocks.push({ kind: 'paragraph', runs: plain(line) });

  if (options.redline && changes.list.length > 0) {
    blocks.push(heading('The rule as amended', 'as-amended'));
    if (changes.problems.length > 0) {
      blocks.push(
        note(
          `This draft does not apply to the edition as it stands: ${changes.problems.join('; ')}`,
        ),
      );
    }
    for (const change of changes.list) blocks.push(...amendedBlocks(change, profile, idPrefix));
  }

  const argument = textLines(motion.argument);
  if (argument.length > 0) {
    blocks.push(heading('Supporting argument', 'supporting-argument'));
    for (const line of argument) blocks.push({ kind: 'paragraph', runs: plain(line) });
  }
  return blocks;
}

const note = (text: string): Block => ({ kind: 'paragraph', runs: plain(text), style: 'note' });

/** Where a unit is, or will be, in the proposed rulebook. */
type Place = Pick<Unit, 'depth' | 'label' | 'marker' | 'path'>;

/** One unit a motion touches. */
export interface UnitChange {
  /**
   * amend: its text changes; delete: it goes (with its sub-units); insert: a new unit after
   * `base`; context: `base` is quoted because a new unit follows it.
   */
  kind: 'amend' | 'delete' | 'insert' | 'context';
  /** The base unit (for an insert, the unit the new one follows). */
  base: Unit;
  /** The proposed text (amend, insert); the base text otherwise. */
  text: string;
  /** The unit's place in the proposed rulebook, with its label after renumbering; null if deleted. */
  proposed: Place | null;
}

export interface DraftChanges {
  /** Touched units in document order (a new unit after the unit it follows and its sub-units). */
  list: UnitChange[];
  /** The base units the motion cites (changed, deleted, or followed by a new unit), in order. */
  cited: Unit[];
  /** Why the draft does not apply to the edition, if it does not. */
  problems: string[];
}

/** Positions of every unit in document order, computed once per rulebook and shared. */
export type DocumentOrder = Map<Unit, number>;

/** Every unit's position in document order. */
export function documentOrder(rulebook: Rulebook): DocumentOrder {
  const order: DocumentOrder = new Map();
  let i = 0;
  for (const unit of walkUnits(rulebook.chapters)) order.set(unit, i++);
  return order;
}

/**
 * The units a draft touches, each with its place in the proposed rulebook (labels after
 * renumbering). Places come from lining up each parent's base children, minus the deleted ones
 * and plus the new ones, with that parent's children in the proposed rulebook — the rule
 * `applyInstructions` follows — so nothing depends on how units are copied.
 */
export function draftChanges(
  base: Rulebook,
  amendments: readonly DraftAmendment[],
  profile: Profile,
  order: DocumentOrder = documentOrder(base),
): DraftChanges {
  const sorted = [...amendments].sort((x, y) => x.order - y.order);
  const deleted = new Set<Unit>();
  const insertsAfter = new Map<Unit, DraftAmendment[]>();
  const found: { amendment: DraftAmendment; unit: Unit }[] = [];
  for (const amendment of sorted) {
    const unit = findUnit(base, amendment.target.split('.'))?.unit;
    if (!unit) continue;
    found.push({ amendment, unit });
    if (amendment.kind === 'delete') deleted.add(unit);
    if (amendment.kind === 'insert') {
      insertsAfter.set(unit, [...(insertsAfter.get(unit) ?? []), amendment]);
    }
  }
  const draft = motionFromDraft(base, amendments, profile);
  const problems = draft.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
  const locate = locator(base, draft.proposed, deleted, insertsAfter);

  const keyed: { change: UnitChange; key: number; sub: number }[] = [];
  const contexts = new Set<Unit>();
  for (const { amendment, unit } of found) {
    const key = order.get(unit) ?? 0;
    if (amendment.kind === 'amend') {
      const to = normaliseText(amendment.text);
      if (to === unit.text) continue;
      const proposed = locate(unit);
      const text = proposed?.text ?? to;
      keyed.push({ change: { kind: 'amend', base: unit, text, proposed }, key, sub: 0 });
    } else if (amendment.kind === 'delete') {
      keyed.push({
        change: { kind: 'delete', base: unit, text: unit.text, proposed: null },
        key,
        sub: 0,
      });
    } else {
      const siblings = insertsAfter.get(unit) ?? [];
      const located = locate(amendment);
      const proposed = located ?? fallbackPlace(base, unit, siblings.indexOf(amendment), profile);
      const text = located?.text ?? normaliseText(amendment.text);
      // After the unit it follows and all that unit's sub-units.
      const end = order.get(lastDescendant(unit)) ?? key;
      keyed.push({
        change: { kind: 'insert', base: unit, text, proposed },
        key: end,
        sub: 1 + siblings.indexOf(amendment),
      });
      contexts.add(unit);
    }
  }
  const listed = new Set(keyed.map((k) => k.change.base));
  for (const unit of contexts) {
    if (keyed.some((k) => k.change.base === unit && k.change.kind !== 'insert')) continue;
    keyed.push({
      change: { kind: 'context', base: unit, text: unit.text, proposed: locate(unit) },
      key: order.get(unit) ?? 0,
      sub: 0,
    });
  }
  keyed.sort((a, b) => a.key - b.key || a.sub - b.sub);
  const cited = [...listed].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return { list: keyed.map((k) => k.change), cited, problems };
}

function lastDescendant(unit: Unit): Unit {
  let last = unit;
  while (last.children.length > 0) last = last.children[last.children.length - 1] as Unit;
  return last;
}

/**
 * Finds the proposed unit of a base unit, or of a new unit's amendment, by walking down from the
 * chapters and lining up each level's children.
 */
function locator(
  base: Rulebook,
  proposed: Rulebook | null,
  deleted: ReadonlySet<Unit>,
  insertsAfter: ReadonlyMap<Unit, DraftAmendment[]>,
): (item: Unit | DraftAmendment) => Unit | null {
  const alignments = new Map<readonly Unit[], Map<Unit | DraftAmendment, Unit> | null>();
  const align = (baseList: readonly Unit[], proposedList: readonly Unit[]) => {
    let map = alignments.get(baseList);
    if (map !== undefined) return map;
    const sequence: (Unit | DraftAmendment)[] = [];
    for (const unit of baseList) {
      if (!deleted.has(unit)) sequence.push(unit);
      sequence.push(...(insertsAfter.get(unit) ?? []));
    }
    map =
      sequence.length === proposedList.length
        ? new Map(sequence.map((item, i) => [item, proposedList[i] as Unit]))
        : null;
    alignments.set(baseList, map);
    return map;
  };
  return (item) => {
    if (!proposed) return null;
    const isUnit = 'kind' in item && 'children' in item;
    const path = isUnit ? (item as Unit).path : (item as DraftAmendment).target.split('.');
    let baseList: readonly Unit[] = base.chapters;
    let proposedList: readonly Unit[] = proposed.chapters;
    for (let depth = 0; depth < path.length; depth++) {
      const unit = baseList.find((u) => u.label === path[depth]);
      const map = align(baseList, proposedList);
      if (!unit || !map) return null;
      const last = depth === path.length - 1;
      if (last && !isUnit) return map.get(item) ?? null;
      const mapped = map.get(unit);
      if (!mapped) return null;
      if (last) return mapped;
      baseList = unit.children;
      proposedList = mapped.children;
    }
    return null;
  };
}

/** Where a new unit would go when the draft does not apply: the next labels after the anchor. */
function fallbackPlace(
  base: Rulebook,
  anchor: Unit,
  index: number,
  profile: Profile,
): Place | null {
  const first = nextLabel(base, anchor.path.join('.'), profile);
  if (!first) return null;
  const kind = levelKind(profile, anchor.depth);
  const label = labelAt((labelOrdinal(first.label, kind) ?? 1) + Math.max(0, index), kind);
  return {
    depth: anchor.depth,
    label,
    marker: markerLike(first.marker, label),
    path: [...anchor.path.slice(0, -1), label],
  };
}

/** A unit's own text as blocks: a numbered unit, or a chapter/clause heading line and its text. */
function unitBlocks(
  unit: Unit,
  place: Place,
  runs: Run[],
  profile: Profile,
  idPrefix: string,
): Block[] {
  if (unit.kind === 'unit') {
    return [{ kind: 'unit', unit: numberedUnit(place, runs, profile, idPrefix) }];
  }
  const blocks: Block[] = [
    { kind: 'paragraph', runs: [{ text: headingText(unit, profile), mark: 'strong' }] },
  ];
  if (runs.length > 0) blocks.push({ kind: 'paragraph', runs });
  return blocks;
}

/** One change as the rule as amended shows it: its citation, then its redlined text. */
function amendedBlocks(change: UnitChange, profile: Profile, idPrefix: string): Block[] {
  const prefix = `${idPrefix}amended-`;
  const { base } = change;
  const place = change.proposed ?? base;
  const cite = formatCitation(place.path, profile);
  const moved = change.proposed !== null && place.path.join('.') !== base.path.join('.');
  const formerly = moved ? ` (formerly ${formatRelative(base.path, place.path, profile)})` : '';
  switch (change.kind) {
    case 'amend':
      return [
        note(cite + formerly),
        ...unitBlocks(base, place, diffRuns(base.text, change.text), profile, prefix),
      ];
    case 'context':
      return [note(cite + formerly), ...unitBlocks(base, place, plain(base.text), profile, prefix)];
    case 'insert': {
      if (!change.proposed) return [note('A new unit (its place could not be found)')];
      const newUnit = { ...base, ...change.proposed, kind: 'unit' as const };
      return [
        note(`${cite} (new)`),
        ...unitBlocks(newUnit, change.proposed, marked(change.text, 'ins'), profile, prefix),
      ];
    }
    case 'delete':
      return [
        note(`${formatCitation(base.path, profile)} (deleted)`),
        ...[...walkUnits([base])].flatMap((unit) =>
          unitBlocks(unit, unit, marked(unit.text, 'del'), profile, `${prefix}deleted-`),
        ),
      ];
  }
}
