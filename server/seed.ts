/**
 * Example data for a fresh installation: the sample Labour rulebook, bodies with named demo
 * accounts for every role (README lists them), and a few motions drafted against the rulebook,
 * all created through the same commands the API uses, by the demo people themselves.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { findUnit } from '../core/rulebook/tree';
import { parseRulebook } from '../core/rulebook/parse';
import { canDraftFor, type Actor } from '../core/access/policy';
import { transition } from '../core/workflow/transition';
import type { TransitionRequest } from '../schemas/api';
import type { AmendmentKind } from '../schemas/collab';
import type { BodyKind, Role } from '../schemas/profile';
import { hashPassword } from './auth/password';
import type { SeedMode } from './config';
import { signedAs } from './commands/auth';
import { loadEdition, profileOf, type CommandContext } from './commands/context';
import { addAmendmentWithText, createMotion } from './commands/motions';
import { transitionMotion } from './commands/workflow';

/** The password of every demo account; README says so. Not for a real installation. */
export const DEMO_PASSWORD = 'redline-demo';

export const DEMO_BODIES: readonly { id: string; name: string; kind: BodyKind }[] = [
  { id: 'anytown-clp', name: 'Anytown CLP', kind: 'clp' },
  { id: 'riverside-clp', name: 'Riverside CLP', kind: 'clp' },
  { id: 'northfield-clp', name: 'Northfield CLP', kind: 'clp' },
  { id: 'hillside-blp', name: 'Hillside Branch Labour Party', kind: 'affiliate' },
  { id: 'cac', name: 'Conference Arrangements Committee', kind: 'cac' },
  { id: 'nec', name: 'National Executive Committee', kind: 'nec' },
  { id: 'conference-office', name: 'Conference Office', kind: 'officials' },
];

/** The demo people: one per role, plus drafters of other bodies to show what they cannot see. */
export const DEMO_ACCOUNTS: readonly {
  id: string;
  email: string;
  name: string;
  bodyId: string;
  role: Role;
}[] = [
  {
    id: 'demo-member',
    email: 'member@anytown.example',
    name: 'Alex Member',
    bodyId: 'anytown-clp',
    role: 'member',
  },
  {
    id: 'demo-secretary',
    email: 'secretary@anytown.example',
    name: 'Sam Secretary',
    bodyId: 'anytown-clp',
    role: 'secretary',
  },
  {
    id: 'demo-viewer',
    email: 'viewer@anytown.example',
    name: 'Vic Viewer',
    bodyId: 'anytown-clp',
    role: 'viewer',
  },
  {
    id: 'demo-riverside',
    email: 'secretary@riverside.example',
    name: 'Rowan Rivers',
    bodyId: 'riverside-clp',
    role: 'secretary',
  },
  {
    id: 'demo-northfield',
    email: 'secretary@northfield.example',
    name: 'Noor Field',
    bodyId: 'northfield-clp',
    role: 'secretary',
  },
  {
    id: 'demo-hillside',
    email: 'secretary@hillside.example',
    name: 'Hal Hill',
    bodyId: 'hillside-blp',
    role: 'secretary',
  },
  {
    id: 'demo-cac',
    email: 'cac@conference.example',
    name: 'Casey Arrangements',
    bodyId: 'cac',
    role: 'cac',
  },
  {
    id: 'demo-nec',
    email: 'nec@conference.example',
    name: 'Nat Executive',
    bodyId: 'nec',
    role: 'nec',
  },
  {
    id: 'demo-official',
    email: 'official@conference.example',
    name: 'Olu Official',
    bodyId: 'conference-office',
    role: 'official',
  },
];

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
  /** The body's id; its secretary drafts it (or, for Anytown, its member). */
  body: string;
  /** Workflow steps after drafting, each taken by the demo person whose role may take it. */
  steps?: TransitionRequest[];
  argument: string;
  amendments: ExampleAmendment[];
}

/** The adoption step, with the meeting that adopted the motion. */
const adopt = (
  meeting = 'General Committee',
  [yes, no, abstain] = [31, 4, 2],
): TransitionRequest => ({
  event: 'adopt',
  note: '',
  meeting: { date: '2026-05-14', meeting, for: yes, against: no, abstain },
});

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
    body: 'anytown-clp',
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
    body: 'riverside-clp',
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
    body: 'northfield-clp',
    steps: [adopt(), { event: 'submit', note: '' }],
    argument:
      'Three years is a long time in politics. Conference should be able to correct a rule change that has not worked after a single year.',
    amendments: [
      { kind: 'amend', target: '3.III.4', edit: swap('three years', 'one year') },
      { kind: 'amend', target: '3.III.4.C', edit: swap('three years', 'one year') },
    ],
  },
  {
    title: "Delete the NEC's power to impose a shortlist",
    body: 'hillside-blp',
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

/** Adds the demo bodies and accounts, and answers the accounts as actors. */
export async function seedPeople(ctx: CommandContext): Promise<Actor[]> {
  const { store } = ctx;
  const system = { actorId: null };
  for (const body of DEMO_BODIES) {
    await store.createBody(body, { ...system, action: 'body-created', bodyId: body.id });
  }
  // One hash for all: scrypt is slow on purpose, and these share a published password anyway.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const actors: Actor[] = [];
  for (const a of DEMO_ACCOUNTS) {
    const user = await store.createUser(
      { id: a.id, email: a.email, name: a.name, passwordHash, admin: false },
      { ...system, action: 'user-created', userId: a.id },
    );
    await store.setMembership(
      { bodyId: a.bodyId, userId: a.id, role: a.role },
      {
        ...system,
        action: 'member-added',
        bodyId: a.bodyId,
        userId: a.id,
        detail: { role: a.role },
      },
    );
    actors.push((await signedAs(store, user)).actor);
  }
  return actors;
}

/** Adds the sample edition (`labour-2024`) alone; tests that make their own motions start here. */
export async function seedEdition(ctx: CommandContext): Promise<void> {
  const source = await readFile(EDITION.file, 'utf8');
  const { rulebook } = parseRulebook(source, { profile: profileOf(EDITION.profile) });
  await ctx.store.createEdition(
    {
      id: EDITION.id,
      organisation: rulebook.meta.organisation,
      title: rulebook.meta.title,
      edition: rulebook.meta.edition,
      profile: EDITION.profile,
      source,
    },
    { actorId: null, action: 'edition-imported', detail: { edition: EDITION.id } },
  );
}

/**
 * On an empty database (no editions), adds the sample edition and, in `demo` mode, the demo
 * people and example motions; does nothing otherwise, so a restart never duplicates them.
 */
export async function seedIfEmpty(ctx: CommandContext, mode: SeedMode): Promise<boolean> {
  if (mode === 'none' || (await ctx.store.listEditions()).length > 0) return false;
  await seedEdition(ctx);
  if (mode === 'edition') return true;
  const people = await seedPeople(ctx);
  const { rulebook: base, profile } = await loadEdition(ctx, EDITION.id);
  const { workflow } = profile;
  for (const example of EXAMPLE_MOTIONS) {
    const drafter = people.find((p) => canDraftFor(p, example.body));
    if (!drafter) throw new Error(`seed: nobody drafts for ${example.body}`);
    const motion = await createMotion(ctx, drafter, {
      editionId: EDITION.id,
      title: example.title,
      bodyId: example.body,
      argument: example.argument,
    });
    for (const a of example.amendments) {
      const unit = findUnit(base, a.target.split('.'));
      if (!unit) throw new Error(`seed: no unit ${a.target}`);
      const text = a.kind === 'insert' ? (a.text ?? '') : (a.edit?.(unit.unit.text) ?? '');
      await addAmendmentWithText(ctx, drafter, motion.id, a.kind, a.target, text);
    }
    for (const step of example.steps ?? []) {
      const facts = { bodyId: example.body, state: (await ctx.store.getMotion(motion.id))!.state };
      const who = people.find((p) => transition(workflow, facts, step.event, p).ok);
      if (!who) throw new Error(`seed: nobody may ${step.event} ${example.title}`);
      await transitionMotion(ctx, who, motion.id, step);
    }
  }
  return true;
}
