/**
 * Motion text people wrote, read as a motion's draft holds it: its title and argument, its
 * instructions in the profile's wording, and the draft amendments (each unit's proposed text).
 * Importing a motion and exporting a motion file from the CLI both read text this way; forms a
 * draft cannot hold yet are errors (rule `not-supported`), never silently dropped.
 */
import { applyInstructions } from './apply';
import type { DraftAmendment } from './draft';
import type { Instruction } from './model';
import { motionWording, parseMotionText, type Resolution } from './parse';
import { describeMarks } from './read/marks';
import { renderInstructions } from './render';
import { capDiagnostics, diagnostic, hasErrors, type Diagnostic } from '../diagnostics';
import { findUnit } from '../rulebook/tree';
import type { Rulebook } from '../rulebook/types';
import type { ImportChoiceView } from '../../schemas/api';
import type { Profile } from '../../schemas/profile';

export interface MotionFromText {
  /** The title the text gives itself ('' when none). */
  title: string;
  argument: string;
  /** The instructions, worded in the profile's style. */
  motionText: string;
  /** The motion's own words as given, between its title and its argument (motionWording). */
  wording: string;
  amendments: DraftAmendment[];
  /** Errors mean the text does not apply to the rulebook; nothing else is then meaningful. */
  diagnostics: Diagnostic[];
  /**
   * What each of the person's choices answered, in text order, to be recorded with the motion;
   * empty when there are errors (nothing is recorded then).
   */
  choices: ChoiceMade[];
}

/**
 * A choice a person made on a one-step fix, with the question it answered (the API's
 * ImportChoiceView): kept with an imported motion, so anyone can see what the person decided.
 */
export type ChoiceMade = ImportChoiceView;

const at = (i: Instruction) => i.at ?? { line: 1, column: 1 };

const notHeld = (instruction: Instruction, what: string) =>
  diagnostic(
    'error',
    'not-supported',
    `Unexpected ${what}, expected changes a motion's draft can hold (not supported yet)`,
    at(instruction).line,
    at(instruction).column,
  );

/**
 * Reads motion text against `rulebook`, with the choices a person made on the fixes an earlier
 * reading offered (`resolutions`): see {@link MotionFromText}. At most 100 diagnostics.
 */
export function motionFromText(
  source: string,
  rulebook: Rulebook,
  profile: Profile,
  resolutions: readonly Resolution[] = [],
): MotionFromText {
  const result = readMotionText(source, rulebook, profile, resolutions);
  const diagnostics = capDiagnostics(result.diagnostics);
  const choices = hasErrors(diagnostics) ? [] : choicesMade(source, rulebook, profile, resolutions);
  return { ...result, diagnostics, choices };
}

/**
 * What each resolution answered. The reading that used them no longer asks the questions, so
 * they are asked again: the text read without the choices, then with those matched so far
 * (a chosen unit can raise a question of its own, such as which occurrence in it), until every
 * choice is matched to a diagnostic whose fix offered it. One more reading in the common case;
 * only imports with choices pay for it.
 */
function choicesMade(
  source: string,
  rulebook: Rulebook,
  profile: Profile,
  resolutions: readonly Resolution[],
): ChoiceMade[] {
  const made: ChoiceMade[] = [];
  let pending = [...resolutions];
  while (pending.length > 0) {
    const asked = parseMotionText(source, rulebook, profile, {
      resolutions: made.map(({ at, value }) => ({ at, value })),
    }).diagnostics;
    const answered: ChoiceMade[] = [];
    for (const r of pending) {
      for (const d of asked) {
        if (d.span?.start !== r.at || !d.fix || d.fix.kind === 'edit-text') continue;
        const label =
          d.fix.kind === 'mark-words'
            ? describeMarks(d.fix, r.value)
            : d.fix.options.find((o) => o.value === r.value)?.label;
        if (label === undefined || label === null) continue;
        answered.push({
          ...r,
          end: d.span.end,
          ruleId: d.ruleId,
          kind: d.fix.kind,
          label,
        });
        break;
      }
    }
    if (answered.length === 0) break;
    made.push(...answered);
    pending = pending.filter((r) => !answered.some((a) => a.at === r.at));
  }
  // Used by the reading but not found again (a question past the cap of 100): kept as given.
  for (const r of pending) made.push({ ...r, end: r.at, ruleId: null, kind: null, label: r.value });
  return made.sort((a, b) => a.at - b.at);
}

function readMotionText(
  source: string,
  rulebook: Rulebook,
  profile: Profile,
  resolutions: readonly Resolution[],
): Omit<MotionFromText, 'choices'> {
  const parsed = parseMotionText(source, rulebook, profile, { resolutions });
  const { motion } = parsed;
  const result: Omit<MotionFromText, 'choices'> = {
    title: motion.title.trim(),
    argument: motion.argument.trim(),
    motionText: renderInstructions(motion.instructions, profile, {
      edition: rulebook.meta.edition,
    }),
    wording: motionWording(source, profile),
    amendments: [],
    diagnostics: [...parsed.diagnostics],
  };
  if (hasErrors(result.diagnostics)) return result;
  if (motion.instructions.length === 0) {
    result.diagnostics.push(
      diagnostic(
        'error',
        'no-instructions',
        'Unexpected end of the motion, expected at least one instruction',
        1,
        1,
      ),
    );
    return result;
  }

  // Text changes never renumber, so applying them all keeps the base's paths.
  const applied = applyInstructions(
    rulebook,
    motion.instructions.filter((i) => i.kind === 'text'),
    profile,
  );
  if (!applied.rulebook) {
    result.diagnostics.push(...applied.diagnostics);
    return result;
  }
  const amendments: Omit<DraftAmendment, 'id' | 'order'>[] = [];
  const amended = new Set<string>();
  for (const instruction of motion.instructions) {
    switch (instruction.kind) {
      case 'text': {
        const target = instruction.target.join('.');
        const unit = findUnit(applied.rulebook, instruction.target);
        if (amended.has(target) || !unit) break;
        amended.add(target);
        amendments.push({ kind: 'amend', target, text: unit.unit.text });
        break;
      }
      case 'deleteUnits':
        for (const path of instruction.targets) {
          amendments.push({ kind: 'delete', target: path.join('.'), text: '' });
        }
        break;
      case 'insertUnits':
        if (instruction.after === null) {
          result.diagnostics.push(notHeld(instruction, 'new unit at the start of a clause'));
          break;
        }
        for (const unit of instruction.units) {
          if (unit.children.length > 0) {
            result.diagnostics.push(notHeld(instruction, 'new unit with sub-units'));
          } else {
            amendments.push({
              kind: 'insert',
              target: instruction.after.join('.'),
              text: unit.text,
            });
          }
        }
        break;
      case 'replaceUnits': {
        // Only a unit replaced by one unit of the same label, neither with sub-units, is an amend.
        const same =
          instruction.targets.length === instruction.units.length &&
          instruction.units.every(
            (u, i) =>
              u.children.length === 0 &&
              instruction.targets[i]?.at(-1) === u.label &&
              (findUnit(rulebook, instruction.targets[i] ?? [])?.unit.children.length ?? 0) === 0,
          );
        if (!same) {
          result.diagnostics.push(notHeld(instruction, 'replacement of units by different units'));
          break;
        }
        instruction.units.forEach((unit, i) => {
          const path = instruction.targets[i] ?? [];
          amendments.push({ kind: 'amend', target: path.join('.'), text: unit.text });
        });
        break;
      }
      case 'noChange':
        break;
    }
  }
  result.amendments = amendments.map((a, i) => ({ ...a, id: `a${i + 1}`, order: i + 1 }));
  return result;
}

type Change = Pick<DraftAmendment, 'kind' | 'target' | 'text'>;

/**
 * Whether a draft still says exactly what its text as submitted was read to say: the same
 * changes to the same units, in any order. Then the wording as submitted is the motion's; once
 * someone has edited the draft, only the draft's own instructions are.
 */
export function draftReadsAs(read: readonly Change[], draft: readonly Change[]): boolean {
  const keys = (list: readonly Change[]) =>
    list.map((a) => JSON.stringify([a.kind, a.target, a.text])).sort();
  const [a, b] = [keys(read), keys(draft)];
  return a.length === b.length && a.every((k, i) => k === b[i]);
}
