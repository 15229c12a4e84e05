/**
 * The motion workflow as a pure function: given the profile's transition table, a state, an
 * event and an actor, the next state or a refusal that says why. Nothing is stored here; the
 * caller records the event and derives the state from the log.
 */
import type { Role, Transition, Workflow } from '../../schemas/profile';
import { motionAccess, ROLE_NAMES, roleIn, type Actor, type MotionFacts } from '../access/policy';

export type TransitionResult =
  | { ok: true; to: string; transition: Transition }
  | {
      ok: false;
      /** unknown: no such event; state: not from this state; role: not by this person. */
      code: 'unknown' | 'state' | 'role';
      reason: string;
    };

/** The label of a state, for messages ("Draft"); the id when the profile does not know it. */
export function stateLabel(workflow: Workflow, id: string): string {
  return workflow.states.find((s) => s.id === id)?.label ?? id;
}

const rolesOf = (t: Transition): readonly Role[] => (Array.isArray(t.role) ? t.role : [t.role]);

function allowed(transition: Transition, actor: Actor, motion: MotionFacts): boolean {
  const roles = rolesOf(transition);
  if (!transition.ownBody) return actor.memberships.some((m) => roles.includes(m.role));
  const role = roleIn(actor, motion.bodyId);
  return role !== null && roles.includes(role);
}

/** Whether `event` may happen to the motion now, by this actor, and the state it leads to. */
export function transition(
  workflow: Workflow,
  motion: MotionFacts,
  event: string,
  actor: Actor,
): TransitionResult {
  const t = workflow.transitions.find((x) => x.event === event);
  if (!t) return { ok: false, code: 'unknown', reason: `Unknown action ${JSON.stringify(event)}` };
  if (!t.from.includes(motion.state)) {
    const from = t.from.map((f) => stateLabel(workflow, f)).join(' or ');
    return {
      ok: false,
      code: 'state',
      reason: `“${t.label}” is not possible while the motion is ${stateLabel(workflow, motion.state)}; it needs ${from}`,
    };
  }
  if (!allowed(t, actor, motion)) {
    const names = rolesOf(t).map((r) => ROLE_NAMES[r]);
    const who = `${names.join(' or ')}${t.ownBody ? " of the motion's own body" : ''}`;
    return { ok: false, code: 'role', reason: `Only ${who} may “${t.label}”` };
  }
  return { ok: true, to: t.to, transition: t };
}

/** The transitions this actor may make on the motion in its current state (the buttons to show). */
export function availableTransitions(
  workflow: Workflow,
  motion: MotionFacts,
  actor: Actor,
): Transition[] {
  return workflow.transitions.filter(
    (t) => t.from.includes(motion.state) && allowed(t, actor, motion),
  );
}

/**
 * Whether the actor may finish reading a motion kept as submitted (answer the fixes its reading
 * offers, which reads its instructions into the draft): its drafters while it is editable, and
 * whoever may take a step from its state that needs the reading (the CAC, before ruling it in
 * order). Nobody else: what the motion is read to change is as much the motion as its wording.
 */
export function mayFinishReading(workflow: Workflow, motion: MotionFacts, actor: Actor): boolean {
  if (motionAccess(actor, motion, workflow) === 'write') return true;
  return availableTransitions(workflow, motion, actor).some((t) => t.needsReading);
}

/**
 * Whether a motion in this state is still live: not decided and not at an end (some step leads
 * on from it), so it may still overlap others. Not stateOf: a motion of another profile's
 * edition has states this workflow does not know, and those are not live here.
 */
export function isLive(workflow: Workflow, id: string): boolean {
  const state = workflow.states.find((s) => s.id === id);
  return (
    !!state &&
    !state.decided &&
    (state.editable || workflow.transitions.some((t) => t.from.includes(id)))
  );
}
