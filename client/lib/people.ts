/**
 * How people, roles and bodies read in the app: role and body-kind names, the header's summary
 * of who is signed in, which bodies someone can start motions for, and why a motion is read-only.
 * Pure, so it is unit-tested; the server decides access, this only words it.
 */
import type { Me, MembershipView } from '../../schemas/api';
import type { BodyKind, Role } from '../../schemas/profile';

/** A role as the interface names it. */
export const ROLE_LABEL: Readonly<Record<Role, string>> = {
  member: 'member',
  secretary: 'secretary',
  cac: 'CAC member',
  nec: 'NEC member',
  official: 'conference official',
  viewer: 'viewer',
};

/** A body kind as the interface names it. */
export const KIND_LABEL: Readonly<Record<BodyKind, string>> = {
  clp: 'CLP',
  affiliate: 'Affiliate',
  nec: 'NEC',
  cac: 'CAC',
  officials: 'Conference officials',
};

/** Roles that draft: the server lets only these start and edit a body's motions. */
const DRAFTING: readonly Role[] = ['member', 'secretary'];

/** "secretary, Anytown CLP; viewer, Riverside CLP" — or "admin" for an administrator. */
export function rolesSummary(me: Me): string {
  const parts = me.memberships.map((m) => `${ROLE_LABEL[m.role]}, ${m.bodyName}`);
  if (me.user.admin) parts.unshift('admin');
  return parts.join('; ');
}

/** The bodies the person may start motions for (member or secretary), by name. */
export function draftingBodies(memberships: readonly MembershipView[]): MembershipView[] {
  return memberships
    .filter((m) => DRAFTING.includes(m.role))
    .sort((a, b) => a.bodyName.localeCompare(b.bodyName));
}

/** Whether the Bodies page has anything to manage for this person. */
export function managesBodies(me: Me): boolean {
  return me.user.admin || me.memberships.some((m) => m.role === 'secretary');
}

/**
 * Why a motion the person may only read is read-only, in a sentence: the text is frozen in this
 * state, they are a viewer, or they are not one of its body's drafters.
 */
export function readOnlyReason(
  motion: { bodyId: string; body: string; stateLabel: string },
  me: Pick<Me, 'memberships'>,
  editable: boolean,
): string {
  if (!editable) return `${motion.stateLabel}: the text is frozen.`;
  const role = me.memberships.find((m) => m.bodyId === motion.bodyId)?.role;
  if (role === 'viewer') {
    return `You are a viewer in ${motion.body}: you can follow the draft, but not change it.`;
  }
  return `Only members of ${motion.body} can change this draft; you can read it.`;
}
