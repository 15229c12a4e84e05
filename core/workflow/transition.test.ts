import { describe, expect, it } from 'vitest';
import { labourProfile, libdemProfile } from '../profiles';
import type { Role } from '../../schemas/profile';
import { workflowSchema } from '../../schemas/profile';
import type { Actor } from '../access/policy';
import { availableTransitions, transition } from './transition';

const workflow = labourProfile.workflow;

const person = (role: Role, bodyId = 'anytown'): Actor => ({
  userId: role,
  name: role,
  admin: false,
  memberships: [{ bodyId, kind: 'clp', role }],
});
const secretary = person('secretary');
const cac = person('cac', 'cac');
const nec = person('nec', 'nec');
const official = person('official', 'office');
const at = (state: string) => ({ bodyId: 'anytown', state });

describe('transition (Labour)', () => {
  it('follows a motion from draft to the rulebook, each step by its own role', () => {
    const steps: [string, Actor, string][] = [
      ['adopt', secretary, 'adopted'],
      ['submit', secretary, 'submitted'],
      ['rule-in-order', cac, 'in-order'],
      ['record-nec-position', nec, 'nec-position'],
      ['carry', official, 'carried'],
      ['incorporate', official, 'incorporated'],
    ];
    let state = workflow.initial;
    for (const [event, who, to] of steps) {
      const result = transition(workflow, at(state), event, who);
      expect(result).toMatchObject({ ok: true, to });
      state = to;
    }
  });

  it('refuses every transition from a state it does not start from, saying which it needs', () => {
    for (const t of workflow.transitions) {
      for (const s of workflow.states) {
        if (t.from.includes(s.id)) continue;
        const result = transition(
          workflow,
          at(s.id),
          t.event,
          person([t.role].flat()[0] as Role, t.ownBody ? 'anytown' : 'x'),
        );
        expect(result).toMatchObject({ ok: false, code: 'state' });
        if (!result.ok) expect(result.reason).toContain(s.label);
      }
    }
  });

  it('refuses every transition to anyone without its role, naming the role', () => {
    const roles: Role[] = ['member', 'secretary', 'cac', 'nec', 'official', 'viewer'];
    for (const t of workflow.transitions) {
      for (const role of roles.filter((r) => ![t.role].flat().includes(r))) {
        const result = transition(workflow, at(t.from[0] as string), t.event, person(role));
        expect(result).toMatchObject({ ok: false, code: 'role' });
        if (!result.ok) expect(result.reason).toMatch(/^Only (a|an) /);
      }
    }
  });

  it("keeps a body's own steps to its own secretary", () => {
    const other = person('secretary', 'riverside');
    const result = transition(workflow, at('draft'), 'adopt', other);
    expect(result).toMatchObject({ ok: false, code: 'role' });
    if (!result.ok) expect(result.reason).toContain("motion's own body");
  });

  it('lets the NEC adopt and submit its own rule changes (its alternatives), names both roles', () => {
    const necDraft = { bodyId: 'nec', state: 'draft' };
    expect(transition(workflow, necDraft, 'adopt', nec)).toMatchObject({ ok: true });
    expect(transition(workflow, { ...necDraft, state: 'adopted' }, 'submit', nec)).toMatchObject({
      ok: true,
    });
    // …but not a CLP's: the role must be held in the motion's own body.
    const result = transition(workflow, at('draft'), 'adopt', nec);
    expect(result).toEqual({
      ok: false,
      code: 'role',
      reason:
        "Only a secretary or an NEC member of the motion's own body may “Record adoption by the meeting”",
    });
  });

  it('refuses an unknown event', () => {
    expect(transition(workflow, at('draft'), 'teleport', secretary)).toMatchObject({
      ok: false,
      code: 'unknown',
    });
  });

  it('offers exactly the transitions that would succeed', () => {
    for (const s of workflow.states) {
      for (const who of [secretary, cac, nec, official, person('member'), person('viewer')]) {
        const offered = availableTransitions(workflow, at(s.id), who).map((t) => t.event);
        const succeed = workflow.transitions
          .filter((t) => transition(workflow, at(s.id), t.event, who).ok)
          .map((t) => t.event);
        expect(offered).toEqual(succeed);
      }
    }
  });
});

describe('the second profile', () => {
  it('has its own workflow: submitted straight from draft, then accepted by the committee', () => {
    const w = libdemProfile.workflow;
    expect(transition(w, at('draft'), 'submit', secretary)).toMatchObject({
      ok: true,
      to: 'submitted',
    });
    expect(transition(w, at('submitted'), 'accept', cac)).toMatchObject({
      ok: true,
      to: 'accepted',
    });
  });
});

describe('workflowSchema', () => {
  it('refuses a table that names an unknown state or event, or repeats an event', () => {
    const bad = workflowSchema.safeParse({
      initial: 'draft',
      submitEvent: 'send',
      incorporateEvent: 'go',
      states: [{ id: 'draft', label: 'Draft' }],
      transitions: [
        { event: 'go', label: 'Go', from: ['draft'], to: 'nowhere', role: 'secretary' },
        { event: 'go', label: 'Go', from: ['limbo'], to: 'draft', role: 'secretary' },
      ],
    });
    expect(bad.success).toBe(false);
    const messages = bad.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toEqual(
      expect.arrayContaining([
        'Unknown state nowhere',
        'Unknown state limbo',
        'Duplicate event go',
      ]),
    );
  });
});
