/**
 * Importing motion text people wrote: parse it against the edition, and when it reads cleanly,
 * turn its instructions into a new motion's draft amendments.
 */
import type { Actor } from '../../core/access/policy';
import { applyInstructions } from '../../core/amendments/apply';
import type { Instruction } from '../../core/amendments/model';
import { parseMotionText } from '../../core/amendments/parse';
import { diagnostic, hasErrors, type Diagnostic } from '../../core/diagnostics';
import { findUnit } from '../../core/rulebook/tree';
import type { ImportMotion, Motion } from '../../schemas/api';
import type { AmendmentKind } from '../../schemas/collab';
import { unprocessable } from '../errors';
import { loadEdition, type CommandContext } from './context';
import { addAmendmentWithText, createMotion, drafterOf, readMotion } from './motions';

interface PlannedAmendment {
  kind: AmendmentKind;
  target: string;
  text: string;
}

const at = (i: Instruction) => i.at ?? { line: 1, column: 1 };

/**
 * Creates a motion from motion text. Any error diagnostic answers 422 with the diagnostics and
 * creates nothing; forms the draft model cannot hold yet (replacing a range by different units)
 * are a 422 too. Skipped parts (a new unit at the start of a clause) come back as warnings.
 */
export async function importMotion(
  ctx: CommandContext,
  actor: Actor,
  input: ImportMotion,
): Promise<Motion> {
  const { rulebook, profile } = await loadEdition(ctx, input.editionId);
  // Refused before any parsing: whether one may import does not depend on the text.
  await drafterOf(ctx, actor, input.bodyId);
  const parsed = parseMotionText(input.text, rulebook, profile);
  if (hasErrors(parsed.diagnostics)) {
    throw unprocessable(
      'motion-text-invalid',
      'The motion text cannot be applied to this edition; see the diagnostics',
      parsed.diagnostics,
    );
  }
  const warnings: Diagnostic[] = parsed.diagnostics.filter((d) => d.severity === 'warning');
  const instructions = parsed.motion.instructions;

  // Text changes: apply them all to the base and read each unit's new text. They never renumber,
  // so paths stay those of the base.
  const textInstructions = instructions.filter((i) => i.kind === 'text');
  const applied = applyInstructions(rulebook, textInstructions, profile);
  if (!applied.rulebook) {
    throw unprocessable(
      'motion-text-invalid',
      'The motion text cannot be applied to this edition; see the diagnostics',
      applied.diagnostics,
    );
  }

  const planned: PlannedAmendment[] = [];
  const amended = new Set<string>();
  for (const instruction of instructions) {
    switch (instruction.kind) {
      case 'text': {
        const target = instruction.target.join('.');
        if (amended.has(target)) break;
        amended.add(target);
        const unit = findUnit(applied.rulebook, instruction.target);
        if (!unit) throw new Error(`applied text change lost unit ${target}`);
        planned.push({ kind: 'amend', target, text: unit.unit.text });
        break;
      }
      case 'deleteUnits':
        for (const path of instruction.targets) {
          planned.push({ kind: 'delete', target: path.join('.'), text: '' });
        }
        break;
      case 'insertUnits': {
        if (instruction.after === null) {
          const { line, column } = at(instruction);
          warnings.push(
            diagnostic(
              'warning',
              'import-insert-at-start',
              'Unexpected new unit at the start of a clause, expected one after a numbered unit; skipped',
              line,
              column,
            ),
          );
          break;
        }
        const after = instruction.after.join('.');
        for (const unit of instruction.units) {
          if (unit.children.length > 0) throw notSupported(instruction, 'new units with sub-units');
          planned.push({ kind: 'insert', target: after, text: unit.text });
        }
        break;
      }
      case 'replaceUnits': {
        const same =
          instruction.targets.length === instruction.units.length &&
          instruction.units.every(
            (u, i) => u.children.length === 0 && instruction.targets[i]?.at(-1) === u.label,
          );
        if (!same) throw notSupported(instruction, 'replacing units by a different set of units');
        instruction.units.forEach((unit, i) => {
          const path = instruction.targets[i] as readonly string[];
          const hit = findUnit(rulebook, path);
          if (hit && hit.unit.children.length > 0) {
            throw notSupported(instruction, 'replacing units that have sub-units');
          }
          planned.push({ kind: 'amend', target: path.join('.'), text: unit.text });
        });
        break;
      }
      case 'noChange':
        break;
    }
  }

  const title = input.title || parsed.motion.title.trim() || 'Imported motion';
  const created = await createMotion(ctx, actor, {
    editionId: input.editionId,
    title,
    bodyId: input.bodyId,
    argument: parsed.motion.argument.trim(),
  });
  for (const a of planned) {
    await addAmendmentWithText(ctx, actor, created.id, a.kind, a.target, a.text);
  }
  const motion = await readMotion(ctx, actor, created.id);
  return { ...motion, diagnostics: [...warnings, ...motion.diagnostics] };
}

function notSupported(instruction: Instruction, what: string) {
  const { line, column } = at(instruction);
  return unprocessable('import-not-supported', `Importing ${what} is not supported yet`, [
    diagnostic(
      'error',
      'import-not-supported',
      `Unexpected ${what}, expected changes the draft can hold (not supported yet)`,
      line,
      column,
    ),
  ]);
}
