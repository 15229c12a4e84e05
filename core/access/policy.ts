/**
 * Who may do what: pure decisions over an actor's memberships and a motion's body and state.
 * Routes and the collaboration server both ask here, so the HTTP API and the drafting room can
 * never disagree about who may read or write a draft.
 */
import type { BodyKind, Role, Workflow } from '../../schemas/profile';

/** A person's place in one body. */
export interface Membership {
  bodyId: string;
  kind: BodyKind;
  role: Role;
}

/** The signed-in person a decision is about. */
export interface Actor {
  userId: string;
  name: string;
  /** Creates bodies and their first secretaries; reads everything; drafts nothing. */
  admin: boolean;
  memberships: readonly Membership[];
}

/** The facts about a motion that access depends on. */
export interface MotionFacts {
  bodyId: string;
  state: string;
}

/** Which roles a body of each kind can hold; conference roles belong to conference bodies. */
export const ROLES_BY_KIND: Readonly<Record<BodyKind, readonly Role[]>> = {
  clp: ['member', 'secretary', 'viewer'],
  affiliate: ['member', 'secretary', 'viewer'],
  nec: ['nec', 'viewer'],
  cac: ['cac', 'viewer'],
  officials: ['official', 'viewer'],
};

/** A role as people say it, for messages: "Only a CAC member may …". */
export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  member: 'a member',
  secretary: 'a secretary',
  cac: 'a CAC member',
  nec: 'an NEC member',
  official: 'a conference official',
  viewer: 'a viewer',
};

/**
 * Roles that draft: they write in the body's drafting rooms and start its motions. The NEC's
 * members draft the NEC's own rule changes (its alternatives).
 */
const DRAFTING_ROLES: readonly Role[] = ['member', 'secretary', 'nec'];

/** The actor's role in a body, or null when they are not in it. */
export function roleIn(actor: Actor, bodyId: string): Role | null {
  return actor.memberships.find((m) => m.bodyId === bodyId)?.role ?? null;
}

/** Whether the actor holds `role` in some body (a CAC member, an NEC member). */
export function holdsRole(actor: Actor, role: Role): boolean {
  return actor.memberships.some((m) => m.role === role);
}

/** A state of the workflow; a stored state the profile does not have is a bug, so it throws. */
export function stateOf(workflow: Workflow, id: string) {
  const state = workflow.states.find((s) => s.id === id);
  if (!state) throw new Error(`Motion is in unknown state ${JSON.stringify(id)}`);
  return state;
}

/**
 * What the actor may do with a motion's text: write (a drafter of its body while it is editable),
 * read (anyone in its body, an admin, or anyone once it is public), or nothing.
 */
export function motionAccess(
  actor: Actor,
  motion: MotionFacts,
  workflow: Workflow,
): 'write' | 'read' | 'none' {
  const state = stateOf(workflow, motion.state);
  const role = roleIn(actor, motion.bodyId);
  if (state.editable && role !== null && DRAFTING_ROLES.includes(role)) return 'write';
  if (role !== null || actor.admin || state.public) return 'read';
  return 'none';
}

/** Whether the actor may start a motion for a body (its members and secretary may). */
export function canDraftFor(actor: Actor, bodyId: string): boolean {
  const role = roleIn(actor, bodyId);
  return role !== null && DRAFTING_ROLES.includes(role);
}

/** Whether the actor may see a body's members and invite people to it. */
export function canManageBody(actor: Actor, bodyId: string): boolean {
  return actor.admin || roleIn(actor, bodyId) === 'secretary';
}

/**
 * The roles the actor may give in a body: an admin any role the kind holds; a secretary the
 * roles of their own body short of conference roles; anyone else none.
 */
export function grantableRoles(actor: Actor, body: { id: string; kind: BodyKind }): Role[] {
  const roles = ROLES_BY_KIND[body.kind];
  if (actor.admin) return [...roles];
  if (roleIn(actor, body.id) !== 'secretary') return [];
  return roles.filter((r) => ['member', 'secretary', 'viewer'].includes(r));
}
