import { describe, expect, it } from 'vitest';
import type { Me } from '../../schemas/api';
import { draftingBodies, managesBodies, readOnlyReason, rolesSummary } from './people';

const me = (admin: boolean, memberships: Me['memberships']): Me => ({
  user: { id: 'u', email: 'u@example.org', name: 'U', admin, hasPassword: true },
  memberships,
});

const anytown = { bodyId: 'anytown-clp', bodyName: 'Anytown CLP', kind: 'clp' } as const;
const cac = { bodyId: 'cac', bodyName: 'Conference Arrangements Committee', kind: 'cac' } as const;

describe('people', () => {
  it('sums up roles for the header, admin first', () => {
    expect(rolesSummary(me(false, [{ ...anytown, role: 'secretary' }]))).toBe(
      'secretary, Anytown CLP',
    );
    expect(rolesSummary(me(true, [{ ...cac, role: 'cac' }]))).toBe(
      'admin; CAC member, Conference Arrangements Committee',
    );
    expect(rolesSummary(me(false, []))).toBe('');
  });

  it('offers only bodies where the person drafts', () => {
    const list = draftingBodies([
      { ...cac, role: 'cac' },
      { ...anytown, role: 'member' },
      { bodyId: 'r', bodyName: 'Riverside CLP', kind: 'clp', role: 'viewer' },
    ]);
    expect(list.map((m) => m.bodyId)).toEqual(['anytown-clp']);
  });

  it('shows the Bodies page to admins and secretaries', () => {
    expect(managesBodies(me(true, []))).toBe(true);
    expect(managesBodies(me(false, [{ ...anytown, role: 'secretary' }]))).toBe(true);
    expect(managesBodies(me(false, [{ ...anytown, role: 'member' }]))).toBe(false);
  });

  it('says why a motion is read-only', () => {
    const motion = { bodyId: 'anytown-clp', body: 'Anytown CLP', stateLabel: 'Adopted by the CLP' };
    expect(readOnlyReason(motion, me(false, [{ ...anytown, role: 'member' }]), false)).toBe(
      'Adopted by the CLP: the text is frozen.',
    );
    expect(readOnlyReason(motion, me(false, [{ ...anytown, role: 'viewer' }]), true)).toMatch(
      /viewer in Anytown CLP/,
    );
    expect(readOnlyReason(motion, me(true, []), true)).toMatch(/Only members of Anytown CLP/);
  });
});
