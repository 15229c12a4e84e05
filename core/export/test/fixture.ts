/**
 * Builds the document a golden fixture describes (core/export/fixtures/<case>/input.json). Pure:
 * the test reads the files and passes a reader, so this helper stays free of I/O like the rest of
 * core/.
 */
import type { AmendmentSummaryLine, MeetingRecord, ProgressView } from '../../../schemas/api';
import type { Profile } from '../../../schemas/profile';
import { motionFromDraft, type DraftAmendment } from '../../amendments/draft';
import { hasErrors } from '../../diagnostics';
import { asEdition } from '../../procedure/consolidate';
import { profiles } from '../../profiles';
import { parseRulebook } from '../../rulebook/parse';
import { findUnit } from '../../rulebook/tree';
import type { Rulebook } from '../../rulebook/types';
import { compendiumDocument, resultsDocument, type CompendiumInput } from '../compendium';
import type { ExportDocument } from '../model';
import { motionDocument } from '../motion';
import { rulebookDocument } from '../rulebook';

/**
 * An amendment as a fixture writes it: the unit's whole proposed `text`, or an `edit` of its
 * current text ([from, to], first occurrence) so a fixture need not copy long units.
 */
export interface FixtureAmendment {
  id: string;
  kind: DraftAmendment['kind'];
  target: string;
  order: number;
  text?: string;
  edit?: [string, string];
}

interface FixtureMotion {
  title: string;
  body: string;
  amendments: FixtureAmendment[];
  /** Absent: generated from the amendments, as the server does. */
  motionText?: string;
  argument: string;
}

export interface FixtureInput {
  kind: 'motion' | 'compendium' | 'results' | 'rulebook';
  /** Another fixture's input to reuse (relative to this case's folder). */
  from?: string;
  profile: string;
  /** `motions/…` from the repository root, otherwise relative to the case's folder. */
  rulebook: string;
  redline: boolean;
  motion?: FixtureMotion & {
    meeting: MeetingRecord | null;
    stateLabel?: string;
    progress?: ProgressView;
  };
  compendium?: {
    title: string;
    motions: (FixtureMotion & {
      id: string;
      stateLabel: string;
      progress: ProgressView;
      identical: string[];
    })[];
  };
  consolidate?: {
    edition: string;
    amendments: FixtureAmendment[];
    summary: AmendmentSummaryLine[];
  };
}

/** Reads a file named in a fixture: `motions/…` from the repository root, else beside the input. */
export type Reader = (ref: string) => string;

export function loadRulebook(ref: string, read: Reader, profile: Profile): Rulebook {
  const parsed = parseRulebook(read(ref), { profile });
  if (hasErrors(parsed.diagnostics)) {
    throw new Error(`${ref}: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
  }
  return parsed.rulebook;
}

/** Draft amendments from a fixture's, with each `edit` applied to the unit's current text. */
export function draftAmendments(
  list: readonly FixtureAmendment[],
  base: Rulebook,
): DraftAmendment[] {
  return list.map(({ edit, text, ...rest }) => {
    if (!edit) return { ...rest, text: text ?? '' };
    const current = findUnit(base, rest.target.split('.'))?.unit.text;
    if (current === undefined || !current.includes(edit[0])) {
      throw new Error(`Fixture edit of ${rest.target}: ‘${edit[0]}’ is not in the unit`);
    }
    return { ...rest, text: current.replace(edit[0], edit[1]) };
  });
}

function motionText(
  motion: FixtureMotion,
  amendments: DraftAmendment[],
  base: Rulebook,
  profile: Profile,
) {
  if (motion.motionText !== undefined) return motion.motionText;
  const draft = motionFromDraft(base, amendments, profile);
  if (hasErrors(draft.diagnostics)) {
    throw new Error(`${motion.title}: ${draft.diagnostics.map((d) => d.message).join('; ')}`);
  }
  return draft.motionText;
}

/** The compendium input a fixture describes (also for the results sheet). */
export function compendiumInput(input: FixtureInput, read: Reader): CompendiumInput {
  const profile = profileOf(input);
  const rulebook = loadRulebook(input.rulebook, read, profile);
  const spec = input.compendium;
  if (!spec) throw new Error('compendium fixture without "compendium"');
  return {
    title: spec.title,
    profile,
    rulebook,
    motions: spec.motions.map((m) => {
      const amendments = draftAmendments(m.amendments, rulebook);
      return { ...m, amendments, motionText: motionText(m, amendments, rulebook, profile) };
    }),
  };
}

/** The document a fixture describes. */
export function fixtureDocument(input: FixtureInput, read: Reader): ExportDocument {
  const profile = profileOf(input);
  const options = { redline: input.redline };
  switch (input.kind) {
    case 'motion': {
      const rulebook = loadRulebook(input.rulebook, read, profile);
      const spec = input.motion;
      if (!spec) throw new Error('motion fixture without "motion"');
      const amendments = draftAmendments(spec.amendments, rulebook);
      return motionDocument(
        {
          ...spec,
          profile,
          rulebook,
          amendments,
          motionText: motionText(spec, amendments, rulebook, profile),
        },
        options,
      );
    }
    case 'compendium':
      return compendiumDocument(compendiumInput(input, read), options);
    case 'results':
      return resultsDocument(compendiumInput(input, read));
    case 'rulebook': {
      const base = loadRulebook(input.rulebook, read, profile);
      const spec = input.consolidate;
      if (!spec) throw new Error('rulebook fixture without "consolidate"');
      const draft = motionFromDraft(base, draftAmendments(spec.amendments, base), profile);
      if (!draft.proposed) throw new Error(draft.diagnostics.map((d) => d.message).join('; '));
      return rulebookDocument(
        {
          rulebook: asEdition(draft.proposed, spec.edition),
          base,
          profile,
          amendments: spec.summary,
        },
        options,
      );
    }
  }
}

function profileOf(input: FixtureInput): Profile {
  const profile = profiles[input.profile];
  if (!profile) throw new Error(`Unknown profile ${input.profile}`);
  return profile;
}
