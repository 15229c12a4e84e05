/**
 * A draft as people edit it in the workspace — "this unit now reads …", "a new unit after that
 * one", "delete this one" — turned into the proposed rulebook and its formal motion text. Runs in
 * the browser on every keystroke (live motion text) and on the server (authoritative).
 */
import { diagnostic, type Diagnostic } from '../diagnostics';
import { normaliseText } from '../diff/words';
import { labelAt, labelOrdinal, levelKind, markerLike } from '../rulebook/labels';
import { findUnit } from '../rulebook/tree';
import type { LabelKind, Rulebook } from '../rulebook/types';
import type { Profile } from '../../schemas/profile';
import { labourProfile } from '../profiles';
import { applyInstructions } from './apply';
import { generateInstructions } from './generate';
import type { Instruction, TextOp } from './model';
import { renderInstructions } from './render';

export interface DraftAmendment {
  id: string;
  kind: 'amend' | 'insert' | 'delete';
  /** Path of the amended or deleted unit, or of the unit a new one goes after: `5.IV.5.A`. */
  target: string;
  /** Order of creation; inserts after the same unit go in this order. */
  order: number;
  /** The unit's proposed text (amend, insert). */
  text: string;
}

/** The label a new unit after `target` takes: the next in the target's sequence. */
export function nextLabel(
  base: Rulebook,
  target: string,
  profile: Profile = labourProfile,
): { label: string; marker: string } | null {
  const hit = findUnit(base, target.split('.'));
  if (!hit || hit.unit.kind !== 'unit') return null;
  const kind: LabelKind = levelKind(profile, hit.unit.depth);
  const n = labelOrdinal(hit.unit.label, kind);
  if (n === null) return null;
  const label = labelAt(n + 1, kind);
  return { label, marker: markerLike(hit.unit.marker, label) };
}

/** The instructions a draft amounts to, before wording: each amendment as one change. */
export function draftInstructions(
  base: Rulebook,
  amendments: readonly DraftAmendment[],
  profile: Profile = labourProfile,
): { instructions: Instruction[]; diagnostics: Diagnostic[] } {
  const instructions: Instruction[] = [];
  const diagnostics: Diagnostic[] = [];
  const missing = (a: DraftAmendment) =>
    diagnostics.push(
      diagnostic(
        'error',
        'unit-not-found',
        `Unexpected amendment of ${a.target}, no such unit in edition ${base.meta.edition}`,
        1,
        1,
      ),
    );
  const inserts = new Map<string, DraftAmendment[]>();
  for (const a of [...amendments].sort((x, y) => x.order - y.order)) {
    const path = a.target.split('.');
    const hit = findUnit(base, path);
    if (!hit) {
      missing(a);
      continue;
    }
    if (a.kind === 'amend') {
      const from = hit.unit.text;
      const to = normaliseText(a.text);
      if (from === to) continue;
      const op: TextOp =
        from === ''
          ? { op: 'addAtEnd', new: to }
          : to === ''
            ? { op: 'delete', old: from }
            : { op: 'replace', old: from, new: to };
      instructions.push({ kind: 'text', target: path, ops: [op] });
    } else if (a.kind === 'delete') {
      instructions.push({ kind: 'deleteUnits', targets: [path], renumber: true });
    } else {
      inserts.set(a.target, [...(inserts.get(a.target) ?? []), a]);
    }
  }
  for (const [target, group] of inserts) {
    const path = target.split('.');
    const first = nextLabel(base, target, profile);
    if (!first) {
      diagnostics.push(
        diagnostic(
          'error',
          'insert-place',
          `Unexpected new unit after ${target}, expected a numbered unit to follow`,
          1,
          1,
        ),
      );
      continue;
    }
    const kind = levelKind(profile, path.length - 1);
    const start = labelOrdinal(first.label, kind) ?? 1;
    const units = group.map((a, i) => {
      const label = labelAt(start + i, kind);
      return {
        label,
        marker: markerLike(first.marker, label),
        text: normaliseText(a.text),
        children: [],
      };
    });
    instructions.push({
      kind: 'insertUnits',
      parent: path.slice(0, -1),
      after: path,
      units,
      renumber: true,
    });
  }
  return { instructions, diagnostics };
}

export interface DraftResult {
  proposed: Rulebook | null;
  /** The formal motion text in the profile's drafting style ('' when nothing changes yet). */
  motionText: string;
  diagnostics: Diagnostic[];
}

/** The proposed rulebook and the generated motion text of a draft. */
export function motionFromDraft(
  base: Rulebook,
  amendments: readonly DraftAmendment[],
  profile: Profile = labourProfile,
): DraftResult {
  const draft = draftInstructions(base, amendments, profile);
  const applied = applyInstructions(base, draft.instructions, profile);
  const diagnostics = [...draft.diagnostics, ...applied.diagnostics];
  if (!applied.rulebook) return { proposed: null, motionText: '', diagnostics };
  const generated = generateInstructions(base, applied.rulebook, profile);
  return {
    proposed: applied.rulebook,
    motionText: renderInstructions(generated.instructions, profile, { edition: base.meta.edition }),
    diagnostics: [...diagnostics, ...generated.diagnostics],
  };
}
