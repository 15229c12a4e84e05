/**
 * The conference booklet (a CAC report): every rule change of a conference in agenda order, with
 * identical submissions printed once under all their bodies, the CAC's ruling, the NEC's position,
 * the state and the result; and the results sheet of the card votes.
 */
import type { ProgressView } from '../../schemas/api';
import type { Profile } from '../../schemas/profile';
import type { DraftAmendment } from '../amendments/draft';
import { resultLine } from '../procedure/vote';
import type { Rulebook, Unit } from '../rulebook/types';
import type { Block, ExportDocument, Run } from './model';
import {
  citationFields,
  documentOrder,
  draftChanges,
  motionParts,
  progressValues,
  type DraftChanges,
  type FieldList,
} from './motion';
import { editionName, headingText, percent, plain } from './runs';

export interface CompendiumMotion {
  id: string;
  title: string;
  /** The name of the body that submitted it. */
  body: string;
  motionText: string;
  /** Its wording as submitted, printed instead of `motionText` (see MotionExportInput). */
  wording?: string | null;
  argument: string;
  amendments: DraftAmendment[];
  stateLabel: string;
  progress: ProgressView;
  /** Ids of other submissions with the same adopted text. */
  identical: string[];
}

export interface CompendiumInput {
  /** "Rule changes to Annual Conference 2026". */
  title: string;
  profile: Profile;
  /** The edition every motion amends. */
  rulebook: Rulebook;
  motions: CompendiumMotion[];
}

/** Identical submissions printed as one: the first member's text, every member's body. */
interface Group {
  members: CompendiumMotion[];
  changes: DraftChanges;
  /** Agenda position: document-order index of the chapter and clause first touched. */
  chapter: Unit | null;
  chapterKey: number;
  clauseKey: number;
  title: string;
}

/**
 * The booklet. Agenda order is by the chapter and clause of the first unit a motion touches, then
 * by title: that is how a CAC report sets rule changes out, so delegates read each one beside the
 * rule it amends and motions on the same clause (which may overlap or fall together) sit side by
 * side. Motions that touch no unit of the edition come last, under their own heading.
 */
export function compendiumDocument(
  input: CompendiumInput,
  options: { redline: boolean },
): ExportDocument {
  const { profile } = input;
  const groups = agenda(input);
  const titleOf = titles(input.motions);
  const blocks: Block[] = [{ kind: 'toc' }];
  let chapter: Unit | null | undefined;
  for (const group of groups) {
    if (group.chapter !== chapter) {
      chapter = group.chapter;
      blocks.push({
        kind: 'heading',
        level: 1,
        runs: plain(chapter ? headingText(chapter, profile) : 'Other rule changes'),
        id: chapter ? `chapter-${chapter.label}` : 'other-rule-changes',
      });
    }
    const first = group.members[0] as CompendiumMotion;
    const prefix = `motion-${first.id}-`;
    blocks.push({ kind: 'heading', level: 2, runs: plain(group.title), id: `motion-${first.id}` });
    blocks.push({ kind: 'fields', fields: groupFields(group, profile, titleOf) });
    blocks.push(
      ...motionParts(
        {
          changes: group.changes,
          motionText: first.motionText,
          wording: first.wording ?? null,
          argument: first.argument,
        },
        profile,
        options,
        prefix,
      ),
    );
  }
  if (groups.length === 0) {
    blocks.push({ kind: 'paragraph', runs: plain('No rule changes.'), style: 'note' });
  }
  return {
    title: input.title,
    subtitle: `${editionName(input.rulebook)} — rule changes`,
    redline: options.redline,
    blocks,
  };
}

/**
 * The results sheet: one line per card vote, in card order — "Card vote 8 — Title — Bodies —
 * 14.58% for, 85.42% against — NOT CARRIED" — each followed by its sections' votes. Identical
 * submissions voted on together share one line that names all their bodies.
 */
export function resultsDocument(input: CompendiumInput): ExportDocument {
  const cards = new Map<number, { group: Group; result: NonNullable<ProgressView['result']> }[]>();
  for (const group of agenda(input)) {
    for (const member of group.members) {
      const result = member.progress.result;
      if (!result) continue;
      const entries = cards.get(result.card) ?? [];
      if (!entries.some((e) => e.group === group)) entries.push({ group, result });
      cards.set(result.card, entries);
    }
  }
  const blocks: Block[] = [];
  for (const card of [...cards.keys()].sort((a, b) => a - b)) {
    const entries = cards.get(card) ?? [];
    const { group, result } = entries[0] as (typeof entries)[number];
    const bodies = unique(entries.flatMap((e) => e.group.members.map((m) => m.body)));
    const line = resultLine(`Card vote ${card}`, group.title, { ok: true, ...result }, bodies);
    blocks.push({ kind: 'paragraph', runs: plain(line) });
    blocks.push({
      kind: 'table',
      header: ['Section', 'For', 'Against', 'Weight'],
      rows: sectionRows(result.sections, input.profile),
    });
  }
  if (blocks.length === 0) {
    blocks.push({ kind: 'paragraph', runs: plain('No card votes recorded.'), style: 'note' });
  }
  return {
    title: `${input.title}: results`,
    subtitle: `${editionName(input.rulebook)} — card votes`,
    redline: false,
    blocks,
  };
}

/** Each section's share for and against and its weight in the total, in the profile's order. */
function sectionRows(
  sections: NonNullable<ProgressView['result']>['sections'],
  profile: Profile,
): Run[][][] {
  const known = profile.procedure.vote.sections;
  const ids = [
    ...known.map((s) => s.id).filter((id) => id in sections),
    ...Object.keys(sections)
      .filter((id) => !known.some((s) => s.id === id))
      .sort(),
  ];
  return ids.map((id) => {
    const votes = sections[id] as { for: number; against: number };
    const section = known.find((s) => s.id === id);
    const total = votes.for + votes.against;
    const share = (n: number) => (total > 0 ? percent((100 * n) / total) : '—');
    const weight = section ? `${Number((section.weight * 100).toFixed(2))}%` : '—';
    return [
      plain(section?.label ?? id),
      plain(share(votes.for)),
      plain(share(votes.against)),
      plain(weight),
    ];
  });
}

/** The motions grouped (identical submissions together) and put in agenda order. */
function agenda(input: CompendiumInput): Group[] {
  const order = documentOrder(input.rulebook);
  const byId = new Map(input.motions.map((m) => [m.id, m]));
  // Identical is symmetric and transitive: one group per connected set of ids (union-find).
  const parent = new Map(input.motions.map((m) => [m.id, m.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(id, root);
    return root;
  };
  for (const motion of input.motions) {
    for (const other of motion.identical) {
      if (!byId.has(other)) continue;
      const [a, b] = [find(motion.id), find(other)].sort();
      parent.set(b as string, a as string);
    }
  }
  const members = new Map<string, CompendiumMotion[]>();
  for (const motion of input.motions) {
    const root = find(motion.id);
    members.set(root, [...(members.get(root) ?? []), motion]);
  }
  const groups: Group[] = [];
  for (const list of members.values()) {
    list.sort((a, b) => compare(a.body, b.body) || compare(a.id, b.id));
    const first = list[0] as CompendiumMotion;
    const changes = draftChanges(input.rulebook, first.amendments, input.profile, order);
    const unit = changes.cited[0] ?? null;
    const chapter = unit ? ancestor(input.rulebook, unit, 0) : null;
    const clause = unit ? ancestor(input.rulebook, unit, 1) : null;
    const key = (u: Unit | null) => (u ? (order.get(u) ?? Infinity) : Infinity);
    groups.push({
      members: list,
      changes,
      chapter,
      chapterKey: key(chapter),
      clauseKey: key(clause),
      title: first.title,
    });
  }
  return groups.sort(
    (a, b) =>
      a.chapterKey - b.chapterKey ||
      a.clauseKey - b.clauseKey ||
      compare(a.title.toLowerCase(), b.title.toLowerCase()) ||
      compare(a.title, b.title) ||
      compare((a.members[0] as CompendiumMotion).id, (b.members[0] as CompendiumMotion).id),
  );
}

/** A group's fields: every body, the rules cited, and state, ruling, position and result. */
function groupFields(
  group: Group,
  profile: Profile,
  titleOf: (id: string) => string | undefined,
): FieldList {
  const { members } = group;
  const fields: FieldList = [
    { label: 'Submitted by', value: plain(members.map((m) => m.body).join(', ')) },
  ];
  const otherTitles = members.filter((m) => m.title !== group.title);
  if (otherTitles.length > 0) {
    fields.push({
      label: 'Also submitted as',
      value: plain(otherTitles.map((m) => `${m.title} (${m.body})`).join('; ')),
    });
  }
  fields.push(...citationFields(group.changes, profile));
  const values = members.map((m) => ({
    body: m.body,
    state: m.stateLabel,
    ...progressValues(m.progress, titleOf),
  }));
  const perBody = (pick: (v: (typeof values)[number]) => string, label: string) => {
    const distinct = unique(values.map(pick));
    if (distinct.length === 1 && distinct[0] === '') return;
    const value =
      distinct.length === 1
        ? (distinct[0] as string)
        : values.map((v) => `${v.body}: ${pick(v) || 'none'}`).join('; ');
    fields.push({ label, value: plain(value) });
  };
  perBody((v) => v.state, 'Status');
  perBody((v) => v.ruling, 'CAC ruling');
  perBody((v) => v.position, 'NEC position');
  perBody((v) => v.result, 'Result');
  return fields;
}

/** Titles of the motions by id, so an NEC alternative can be named. */
function titles(motions: readonly CompendiumMotion[]): (id: string) => string | undefined {
  const map = new Map(motions.map((m) => [m.id, m.title]));
  return (id) => map.get(id);
}

/** The chapter (depth 0) or clause (depth 1) a unit lies in. */
function ancestor(rulebook: Rulebook, unit: Unit, depth: number): Unit | null {
  let list = rulebook.chapters;
  let found: Unit | null = null;
  for (let d = 0; d <= depth && d < unit.path.length; d++) {
    found = list.find((u) => u.label === unit.path[d]) ?? null;
    if (!found) return null;
    list = found.children;
  }
  return found;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** Code-point order: the same on every machine, unlike locale collation. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
