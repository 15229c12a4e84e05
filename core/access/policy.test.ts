import { describe, expect, it } from 'vitest';
import { labourProfile } from '../profiles';
import type { Role } from '../../schemas/profile';
import {
  canDraftFor,
  canManageBody,
  grantableRoles,
  motionAccess,
  ROLES_BY_KIND,
  type Actor,
} from './policy';

const workflow = labourProfile.workflow;
const ANYTOWN = { id: 'anytown', kind: 'clp' as const };

const actor = (role: Role | null, opts: { bodyId?: string; admin?: boolean } = {}): Actor => ({
  userId: 'u',
  name: 'U',
  admin: opts.admin ?? false,
  memberships:
    role === null
      ? []
      : [{ bodyId: opts.bodyId ?? 'anytown', kind: role === 'cac' ? 'cac' : 'clp', role }],
});

describe('motionAccess', () => {
  const draft = { bodyId: 'anytown', state: 'draft' };
  const adopted = { bodyId: 'anytown', state: 'adopted' };
  const submitted = { bodyId: 'anytown', state: 'submitted' };

  it.each([
    ['member', draft, 'write'],
    ['secretary', draft, 'write'],
    ['viewer', draft, 'read'],
    ['member', adopted, 'read'],
    ['secretary', submitted, 'read'],
  ] as const)('gives a %s of the body %s access to a motion in %o', (role, motion, want) => {
    expect(motionAccess(actor(role), motion, workflow)).toBe(want);
  });

  it('keeps a draft and an adopted text from other bodies until it is submitted', () => {
    const other = actor('secretary', { bodyId: 'riverside' });
    const cac = actor('cac', { bodyId: 'cac' });
    for (const who of [other, cac, actor(null)]) {
      expect(motionAccess(who, draft, workflow)).toBe('none');
      expect(motionAccess(who, adopted, workflow)).toBe('none');
      expect(motionAccess(who, submitted, workflow)).toBe('read');
    }
  });

  it('lets an admin read everything and write nothing', () => {
    const admin = actor(null, { admin: true });
    expect(motionAccess(admin, draft, workflow)).toBe('read');
    expect(motionAccess(admin, submitted, workflow)).toBe('read');
  });

  it('treats every non-editable state as frozen for the body itself', () => {
    for (const state of workflow.states) {
      const access = motionAccess(
        actor('member'),
        { bodyId: 'anytown', state: state.id },
        workflow,
      );
      expect(access).toBe(state.editable ? 'write' : 'read');
    }
  });

  it('throws on a state the profile does not know (a data bug, not a user error)', () => {
    expect(() =>
      motionAccess(actor('member'), { bodyId: 'anytown', state: 'nope' }, workflow),
    ).toThrow(/unknown state/);
  });
});

describe('bodies', () => {
  it('lets members and secretaries draft for their own body only', () => {
    expect(canDraftFor(actor('member'), 'anytown')).toBe(true);
    expect(canDraftFor(actor('secretary'), 'anytown')).toBe(true);
    expect(canDraftFor(actor('viewer'), 'anytown')).toBe(false);
    expect(canDraftFor(actor('member'), 'riverside')).toBe(false);
  });

  it('lets secretaries and admins manage a body', () => {
    expect(canManageBody(actor('secretary'), 'anytown')).toBe(true);
    expect(canManageBody(actor('member'), 'anytown')).toBe(false);
    expect(canManageBody(actor(null, { admin: true }), 'anytown')).toBe(true);
    expect(canManageBody(actor('secretary'), 'riverside')).toBe(false);
  });

  it('lets a secretary grant drafting roles and an admin every role the kind holds', () => {
    expect(grantableRoles(actor('secretary'), ANYTOWN)).toEqual(['member', 'secretary', 'viewer']);
    expect(grantableRoles(actor('member'), ANYTOWN)).toEqual([]);
    const admin = actor(null, { admin: true });
    for (const kind of Object.keys(ROLES_BY_KIND) as (keyof typeof ROLES_BY_KIND)[]) {
      expect(grantableRoles(admin, { id: 'b', kind })).toEqual(ROLES_BY_KIND[kind]);
    }
    // A conference body's roles are the admin's to give, even when a secretary asks.
    expect(
      grantableRoles(actor('secretary', { bodyId: 'cac' }), { id: 'cac', kind: 'cac' }),
    ).toEqual(['viewer']);
  });
});
