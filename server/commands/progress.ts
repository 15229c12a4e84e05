/**
 * A motion's workflow steps as core/workflow/records folds them, read from the audit log (the
 * log is the record; the motion row only caches the state it leads to).
 */
import type { StepEvent } from '../../core/workflow/records';
import type { AuditRow, MotionRow } from '../store/types';

/** The step a transition entry records. */
export function stepOf(row: AuditRow): StepEvent {
  const d = row.detail;
  return {
    event: String(d.event ?? ''),
    to: String(d.to ?? ''),
    note: typeof d.note === 'string' ? d.note : '',
    at: row.at,
    record: d.record,
    year: typeof d.year === 'number' ? d.year : undefined,
  };
}

/** Transition entries (oldest first) grouped by motion, as the log keeps them. */
export function transitionsByMotion(rows: readonly AuditRow[]): Map<string, AuditRow[]> {
  const byMotion = new Map<string, AuditRow[]>();
  for (const row of rows) {
    if (row.action !== 'transition' || !row.motionId) continue;
    byMotion.set(row.motionId, [...(byMotion.get(row.motionId) ?? []), row]);
  }
  return byMotion;
}

/** Transition entries (oldest first) grouped by motion, as steps. */
export function stepsByMotion(rows: readonly AuditRow[]): Map<string, StepEvent[]> {
  const steps = new Map<string, StepEvent[]>();
  for (const [id, entries] of transitionsByMotion(rows)) steps.set(id, entries.map(stepOf));
  return steps;
}

/**
 * Identical submissions, which the CAC groups under one text: for each of `submitted` (motions
 * on the conference's agenda), the others on the same edition whose adopted text (the latest
 * frozen version in `rows`) is the same word for word.
 */
export function identicalSubmissions(
  rows: readonly AuditRow[],
  submitted: readonly Pick<MotionRow, 'id' | 'editionId'>[],
): Map<string, string[]> {
  const text = new Map<string, string>();
  for (const row of rows) {
    const version = row.detail.version as { motionText?: string } | undefined;
    if (row.motionId && version?.motionText) text.set(row.motionId, version.motionText);
  }
  const byText = new Map<string, string[]>();
  for (const m of submitted) {
    const t = text.get(m.id);
    if (!t) continue;
    const key = `${m.editionId}\n${t}`;
    byText.set(key, [...(byText.get(key) ?? []), m.id]);
  }
  const groups = new Map<string, string[]>();
  for (const ids of byText.values()) {
    for (const id of ids)
      groups.set(
        id,
        ids.filter((x) => x !== id),
      );
  }
  return groups;
}
