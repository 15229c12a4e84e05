/**
 * Example data for a fresh installation: the sample Labour rulebook and a few motions drafted
 * against it, created through the same commands the API uses.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { findUnit } from '../core/rulebook/tree';
import { parseRulebook } from '../core/rulebook/parse';
import { loadEdition, profileOf, type CommandContext } from './commands/context';
import { addAmendmentWithText, createMotion } from './commands/motions';
import type { AmendmentKind } from '../schemas/collab';

const EDITION = {
  id: 'labour-2024',
  profile: 'labour',
  file: fileURLToPath(new URL('../motions/rulebooks/labour/2024.md', import.meta.url)),
};

interface ExampleAmendment {
  kind: AmendmentKind;
  target: string;
  /** Amend: the base text → the proposed text. Insert: ignored. */
  edit?: (base: string) => string;
  /** Insert: the new unit's text. */
  text?: string;
}

interface ExampleMotion {
  title: string;
  body: string;
  argument: string;
  amendments: ExampleAmendment[];
}

/** Replaces `from` with `to`, failing loudly when the example no longer fits the rulebook. */
const swap =
  (from: string, to: string) =>
  (base: string): string => {
    if (!base.includes(from)) throw new Error(`seed: ${JSON.stringify(from)} not in unit text`);
    return base.replace(from, to);
  };

export const EXAMPLE_MOTIONS: readonly ExampleMotion[] = [
  {
    title: 'Open selection of MPs',
    body: 'Anytown CLP',
    argument:
      'A third of branches is too high a bar: in most CLPs a handful of branch meetings decide whether members get a say at all. Lowering the threshold to a fifth, and publishing the result, lets members hold their MP to account.',
    amendments: [
      { kind: 'amend', target: '5.IV.5.B.i', edit: swap('one third', 'one fifth') },
      { kind: 'amend', target: '5.IV.5.B.ii', edit: swap('one third', 'one fifth') },
      {
        kind: 'insert',
        target: '5.IV.5.E',
        text: 'The NEC shall publish the result of every trigger ballot, by branch and affiliated branch, within fourteen days of its close.',
      },
    ],
  },
  {
    title: 'A trigger ballot of all members',
    body: 'Riverside CLP',
    argument:
      'Branch meetings are attended by a small share of members. A ballot of all members, one member one vote, is the fairest way to decide whether a full selection takes place.',
    amendments: [
      {
        kind: 'amend',
        target: '5.IV.5.A',
        edit: swap(
          'through Party branches and affiliated branches within the CLP',
          'by a ballot of all eligible individual members of the CLP, conducted by one member, one vote',
        ),
      },
    ],
  },
  {
    title: 'Conference may revisit a rule after one year',
    body: 'Northfield CLP',
    argument:
      'Three years is a long time in politics. Conference should be able to correct a rule change that has not worked after a single year.',
    amendments: [
      { kind: 'amend', target: '3.III.4', edit: swap('three years', 'one year') },
      { kind: 'amend', target: '3.III.4.C', edit: swap('three years', 'one year') },
    ],
  },
  {
    title: "Delete the NEC's power to impose a shortlist",
    body: 'Hillside Branch Labour Party',
    argument:
      'Even when time is short, the members of a CLP should choose between the applicants; the NEC should not be able to impose a shortlist on them.',
    amendments: [
      {
        kind: 'amend',
        target: '5.IV.7',
        edit: swap(', and may impose a shortlist', ''),
      },
    ],
  },
];

/** Adds the sample edition (`labour-2024`) alone; tests that make their own motions start here. */
export async function seedEdition(ctx: CommandContext): Promise<void> {
  const source = await readFile(EDITION.file, 'utf8');
  const { rulebook } = parseRulebook(source, { profile: profileOf(EDITION.profile) });
  await ctx.store.createEdition({
    id: EDITION.id,
    organisation: rulebook.meta.organisation,
    title: rulebook.meta.title,
    edition: rulebook.meta.edition,
    profile: EDITION.profile,
    source,
  });
}

/**
 * On an empty database (no editions), adds the sample edition and the example motions; does
 * nothing otherwise, so a restart never duplicates them.
 */
export async function seedIfEmpty(ctx: CommandContext): Promise<boolean> {
  if ((await ctx.store.listEditions()).length > 0) return false;
  await seedEdition(ctx);
  const base = (await loadEdition(ctx, EDITION.id)).rulebook;
  for (const example of EXAMPLE_MOTIONS) {
    const motion = await createMotion(ctx, {
      editionId: EDITION.id,
      title: example.title,
      body: example.body,
      argument: example.argument,
    });
    for (const a of example.amendments) {
      const unit = findUnit(base, a.target.split('.'));
      if (!unit) throw new Error(`seed: no unit ${a.target}`);
      const text = a.kind === 'insert' ? (a.text ?? '') : (a.edit?.(unit.unit.text) ?? '');
      await addAmendmentWithText(ctx, motion.id, a.kind, a.target, text);
    }
  }
  return true;
}
