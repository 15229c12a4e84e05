/**
 * Audit entries in words, for the admin's log and a motion's timeline: "Sam Secretary — Record
 * adoption by the CLP meeting (Draft → Adopted by the CLP)". Pure, so it is unit-tested.
 */
import type { AuditView } from '../../schemas/api';

const ACTIONS: Readonly<Record<string, string>> = {
  'motion-created': 'Started the motion',
  transition: 'Moved the motion on',
  'reading-finished': 'Finished reading the text as submitted',
  'body-created': 'Created a body',
  'user-created': 'Created an account',
  'admin-created': 'Created the administrator',
  'member-added': 'Added a member',
  'member-removed': 'Removed a member',
  'role-changed': 'Changed a role',
  'invite-created': 'Made an invite link',
  'invite-accepted': 'Accepted an invite',
  'edition-imported': 'Imported a rulebook edition',
};

/** The action as a phrase; unknown actions keep their id, so nothing is hidden. */
export function actionLabel(action: string): string {
  return ACTIONS[action] ?? action;
}

const str = (v: unknown): string | null =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;

/**
 * The detail of an entry as short "key: value" parts; `stateLabel` turns workflow state ids into
 * their labels and `eventLabel` event ids into what the button said.
 */
export function detailParts(
  entry: Pick<AuditView, 'action' | 'detail'>,
  labels: { state?: (id: string) => string; event?: (id: string) => string } = {},
): string[] {
  const d = entry.detail;
  const state = labels.state ?? ((id: string) => id);
  const event = labels.event ?? ((id: string) => id);
  const out: string[] = [];
  if (entry.action === 'transition') {
    const e = str(d['event']);
    const from = str(d['from']);
    const to = str(d['to']);
    if (e) out.push(event(e));
    if (from && to) out.push(`${state(from)} → ${state(to)}`);
    const note = str(d['note']);
    if (note) out.push(`“${note}”`);
    return out;
  }
  if (entry.action === 'role-changed') {
    const from = str(d['from']);
    const to = str(d['to']);
    if (from && to) out.push(`${from} → ${to}`);
    return out;
  }
  for (const [key, value] of Object.entries(d)) {
    const text = str(value) ?? (typeof value === 'boolean' ? (value ? 'yes' : 'no') : null);
    if (text !== null) out.push(`${key}: ${text}`);
  }
  return out;
}
