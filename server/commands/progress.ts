/**
 * A motion's workflow steps as core/workflow/records folds them, read from the audit log (the
 * log is the record; the motion row only caches the state it leads to).
 */
import type { StepEvent } from '../../core/workflow/records';
import type { AuditRow } from '../store/types';

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

/** Transition entries (oldest first) grouped by motion. */
export function stepsByMotion(rows: readonly AuditRow[]): Map<string, StepEvent[]> {
  const steps = new Map<string, StepEvent[]>();
  for (const row of rows) {
    if (row.action !== 'transition' || !row.motionId) continue;
    const list = steps.get(row.motionId) ?? [];
    list.push(stepOf(row));
    steps.set(row.motionId, list);
  }
  return steps;
}
