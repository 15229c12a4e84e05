/**
 * Example data for a fresh installation: the sample Labour rulebook, bodies with named demo
 * accounts for every role (README lists them), and a few motions drafted against the rulebook,
 * all created through the same commands the API uses, by the demo people themselves.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { findUnit } from '../core/rulebook/tree';
import { canDraftFor, holdsRole, type Actor } from '../core/access/policy';
import { transition } from '../core/workflow/transition';
import type { BodyKind, Role } from '../schemas/profile';
import { hashPassword } from './auth/password';
import type { SeedMode } from './config';
import { signedAs } from './commands/auth';
import { loadEdition, profileOf, type CommandContext } from './commands/context';
import { createMotion, writeReading } from './commands/motions';
import { consolidateEdition } from './commands/consolidation';
import { transitionMotion } from './commands/workflow';
import { CURRENT_MOTIONS, FINISHED_CONFERENCE, type ExampleMotion } from './seed-motions';

/** The password of every demo account; README says so. Not for a real installation. */
export const DEMO_PASSWORD = 'redline-demo';

/**
 * More CLPs, each with a secretary (`secretary@<town>.example`), so the demo has a motion in
 * every state: a CLP submits one rule change a year.
 */
const OTHER_CLPS = [
  'Eastbrook',
  'Westmoor',
  'Southgate',
  'Brookfield',
  'Kingsmead',
  'Ashford',
  'Millbrook',
  'Fairfield',
  'Redhill',
  'Greenway',
  'Oakfield',
] as const;
const clpId = (town: string) => `${town.toLowerCase()}-clp`;

export const DEMO_BODIES: readonly { id: string; name: string; kind: BodyKind }[] = [
  { id: 'anytown-clp', name: 'Anytown CLP', kind: 'clp' },
  { id: 'riverside-clp', name: 'Riverside CLP', kind: 'clp' },
  { id: 'northfield-clp', name: 'Northfield CLP', kind: 'clp' },
  { id: 'hillside-blp', name: 'Hillside Branch Labour Party', kind: 'affiliate' },
  ...OTHER_CLPS.map((town) => ({ id: clpId(town), name: `${town} CLP`, kind: 'clp' as const })),
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
  ...OTHER_CLPS.map((town) => ({
    id: `demo-${town.toLowerCase()}`,
    email: `secretary@${town.toLowerCase()}.example`,
    name: `${town} Secretary`,
    bodyId: clpId(town),
    role: 'secretary' as const,
  })),
];

const EDITION = {
  id: 'labour-2024',
  profile: 'labour',
  file: fileURLToPath(new URL('../motions/rulebooks/labour/2024.md', import.meta.url)),
};

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

/** The edition the finished conference's carried motions make. */
export const CONSOLIDATED = { id: 'labour-2025', edition: '2025' };

/** Adds the sample edition (`labour-2024`) alone; tests that make their own motions start here. */
export async function seedEdition(ctx: CommandContext): Promise<void> {
  const source = await readFile(EDITION.file, 'utf8');
  // Through the worker like an import, so the stored parse is made the one way.
  const read = await ctx.parser.parseEdition(source, profileOf(EDITION.profile));
  if (read.parsed === null) throw new Error(`seed: ${EDITION.file} does not read cleanly`);
  await ctx.store.createEdition(
    {
      id: EDITION.id,
      organisation: read.meta.organisation,
      title: read.meta.title,
      edition: read.meta.edition,
      profile: EDITION.profile,
      source,
      parsed: read.parsed,
      units: read.units,
      words: read.words,
    },
    { actorId: null, action: 'edition-imported', detail: { edition: EDITION.id } },
  );
}

/** Drafts an example motion as one of its body's drafters. */
async function draftExample(
  ctx: CommandContext,
  people: readonly Actor[],
  example: ExampleMotion,
): Promise<string> {
  const edition = await loadEdition(ctx, EDITION.id);
  const drafter = people.find((p) => canDraftFor(p, example.body));
  if (!drafter) throw new Error(`seed: nobody drafts for ${example.body}`);
  const motion = await createMotion(ctx, drafter, {
    editionId: EDITION.id,
    title: example.title,
    bodyId: example.body,
    argument: example.argument,
  });
  const amendments = example.amendments.map((a) => {
    const unit = findUnit(edition.rulebook, a.target.split('.'));
    if (!unit) throw new Error(`seed: no unit ${a.target}`);
    const text = a.kind === 'insert' ? (a.text ?? '') : (a.edit?.(unit.unit.text) ?? '');
    return { kind: a.kind, target: a.target, text };
  });
  await writeReading(ctx, motion.id, edition, amendments);
  return motion.id;
}

/**
 * Drafts the examples, then takes their steps in rounds (every motion's first step, then every
 * second, …), as a conference runs: all are submitted before any is decided, so the three-year
 * rule does not stop a motion on text another decides in the same round.
 */
async function seedRound(
  ctx: CommandContext,
  people: readonly Actor[],
  examples: readonly ExampleMotion[],
  ids: Map<string, string>,
): Promise<void> {
  const { workflow } = (await loadEdition(ctx, EDITION.id)).profile;
  for (const example of examples) ids.set(example.title, await draftExample(ctx, people, example));
  const idOf = (title: string) => {
    const id = ids.get(title);
    if (!id) throw new Error(`seed: “${title}” must be seeded before it is named`);
    return id;
  };
  const rounds = Math.max(...examples.map((e) => e.steps?.length ?? 0));
  for (let round = 0; round < rounds; round++) {
    for (const example of examples) {
      const s = example.steps?.[round];
      if (!s) continue;
      const request = typeof s === 'function' ? s(idOf) : s;
      const id = idOf(example.title);
      const facts = { bodyId: example.body, state: (await ctx.store.getMotion(id))?.state ?? '' };
      const who = people.find((p) => transition(workflow, facts, request.event, p).ok);
      if (!who) throw new Error(`seed: nobody may ${request.event} “${example.title}”`);
      await transitionMotion(ctx, who, id, request);
    }
  }
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
  const ids = new Map<string, string>();
  await seedRound(ctx, people, FINISHED_CONFERENCE, ids);
  // Last year's carried motions become the next edition (and are incorporated in it).
  const official = people.find((p) => holdsRole(p, 'official'));
  if (!official) throw new Error('seed: no conference official');
  await consolidateEdition(ctx, official, EDITION.id, CONSOLIDATED);
  await seedRound(ctx, people, CURRENT_MOTIONS, ids);
  return true;
}
