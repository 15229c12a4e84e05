/** Reading editions for the API: summaries, the unit tree, full-text search. */
import { lookUpCitation } from '../../core/citations';
import { wordCount } from '../../core/diff/words';
import { firstWords, walkUnits } from '../../core/rulebook/tree';
import type { Rulebook, Unit } from '../../core/rulebook/types';
import type { ApiUnit, Edition, EditionSummary, SearchHit, UnitLine } from '../../schemas/api';
import { holdsRole, type Actor } from '../../core/access/policy';
import { hasErrors } from '../../core/diagnostics';
import { profiles } from '../../core/profiles';
import { conflict, forbidden, invalidRequest, notFound, unprocessable } from '../errors';
import type { ListedEdition } from '../store/types';
import { loadEdition, type CommandContext, type LoadedEdition } from './context';

const MAX_HITS = 50;

function toApiUnit(unit: Unit): ApiUnit {
  return {
    kind: unit.kind,
    depth: unit.depth,
    label: unit.label,
    marker: unit.marker,
    title: unit.title,
    text: unit.text,
    path: unit.path.join('.'),
    address: unit.address,
    children: unit.children.map(toApiUnit),
  };
}

function countWords(rulebook: Rulebook): { units: number; words: number } {
  let units = 0;
  let words = 0;
  for (const unit of walkUnits(rulebook.chapters)) {
    units++;
    words += wordCount(unit.title) + wordCount(unit.text);
  }
  return { units, words };
}

function summary({ row, rulebook }: LoadedEdition): EditionSummary {
  return summaryOf(row, countWords(rulebook));
}

function summaryOf(row: ListedEdition, size: { units: number; words: number }): EditionSummary {
  return {
    id: row.id,
    organisation: row.organisation,
    title: row.title,
    edition: row.edition,
    profile: row.profile,
    units: size.units,
    words: size.words,
  };
}

/**
 * Publishes a rulebook edition from its source (admins and conference officials). The source is
 * kept exactly as sent, with its parse (read in the worker, off the event loop); any error
 * diagnostic — the profile's limits and a source that is not a rulebook included — answers 422
 * with the diagnostics and stores nothing.
 */
export async function importEdition(
  ctx: CommandContext,
  actor: Actor,
  input: { id: string; profile: string; source: string },
): Promise<EditionSummary> {
  if (!actor.admin && !holdsRole(actor, 'official')) {
    throw forbidden(
      'official-only',
      'Only an admin or a conference official can publish an edition',
    );
  }
  const profile = profiles[input.profile];
  if (!profile) {
    throw invalidRequest(`profile: expected one of ${Object.keys(profiles).join(', ')}`);
  }
  if (await ctx.store.getEdition(input.id)) {
    throw conflict('edition-exists', `There is already an edition ${JSON.stringify(input.id)}`);
  }
  const read = await ctx.parser.parseEdition(input.source, profile);
  if (hasErrors(read.diagnostics) || read.parsed === null) {
    throw unprocessable(
      'rulebook-invalid',
      'The rulebook has errors; nothing was stored',
      read.diagnostics,
    );
  }
  const row = await ctx.store.createEdition(
    {
      id: input.id,
      organisation: read.meta.organisation,
      title: read.meta.title,
      edition: read.meta.edition,
      profile: profile.id,
      source: input.source,
      parsed: read.parsed,
      units: read.units,
      words: read.words,
    },
    { actorId: actor.userId, action: 'edition-imported', detail: { edition: input.id } },
  );
  return summaryOf(row, read);
}

/** Every edition with its size, for the edition picker: from the rows, loading no edition. */
export async function listEditions(ctx: CommandContext): Promise<EditionSummary[]> {
  const rows = await ctx.store.listEditions();
  return Promise.all(
    rows.map(async (row) =>
      row.units !== null && row.words !== null
        ? summaryOf(row, { units: row.units, words: row.words })
        : summary(await loadEdition(ctx, row.id)),
    ),
  );
}

/** One edition with its whole unit tree, for browsing. */
export async function readEdition(ctx: CommandContext, id: string): Promise<Edition> {
  const loaded = await loadEdition(ctx, id);
  return { ...summary(loaded), chapters: loaded.rulebook.chapters.map(toApiUnit) };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Units whose title or text contains `query` (case-insensitive), in document order, at most 50;
 * `[[` and `]]` mark each match in the snippet.
 */
export async function searchEdition(
  ctx: CommandContext,
  id: string,
  query: string,
): Promise<SearchHit[]> {
  const { rulebook } = await loadEdition(ctx, id);
  const pattern = new RegExp(escapeRegExp(query), 'giu');
  const hits: SearchHit[] = [];
  for (const unit of walkUnits(rulebook.chapters)) {
    const text = [unit.title, unit.text].filter(Boolean).join(' — ');
    pattern.lastIndex = 0;
    if (!pattern.test(text)) continue;
    hits.push({
      address: unit.address,
      path: unit.path.join('.'),
      snippet: text.replace(pattern, (m) => `[[${m}]]`),
    });
    if (hits.length >= MAX_HITS) break;
  }
  return hits;
}

/** Every unit of an edition, one line each (address, path, first words), like `redline units`. */
export async function listUnits(ctx: CommandContext, id: string): Promise<UnitLine[]> {
  const { rulebook } = await loadEdition(ctx, id);
  return [...walkUnits(rulebook.chapters)].map((unit) => ({
    address: unit.address,
    path: unit.path.join('.'),
    firstWords: firstWords(unit),
  }));
}

/**
 * One unit with its sub-units, cited in any style people write ("5.IV.5.A", "Chapter 5, Clause
 * IV, Sub-clause 5.A", "Rule 5.4.5.A"), so a pasted citation is a link.
 */
export async function readUnit(
  ctx: CommandContext,
  id: string,
  citation: string,
): Promise<ApiUnit> {
  const { row, rulebook, profile } = await loadEdition(ctx, id);
  const { unit } = lookUpCitation(rulebook, citation, profile);
  if (!unit) {
    throw notFound(
      'unit-not-found',
      `No unit ${JSON.stringify(citation)} in edition ${row.edition}`,
    );
  }
  return toApiUnit(unit);
}
