/**
 * Bodies (CLPs, affiliates, the NEC, the CAC, conference officials), their members and invites.
 * An admin creates bodies and invites their first secretaries; a secretary invites the body's
 * members. Every change is recorded in the audit log with the change itself.
 */
import {
  canManageBody,
  grantableRoles,
  ROLE_NAMES,
  ROLES_BY_KIND,
  roleIn,
  type Actor,
} from '../../core/access/policy';
import type {
  AcceptInvite,
  BodyView,
  CreateBody,
  InviteCreated,
  InvitePreview,
  MemberView,
} from '../../schemas/api';
import type { Role } from '../../schemas/profile';
import { nameKey } from '../../schemas/text';
import { hashPassword } from '../auth/password';
import { conflict, forbidden, invalidRequest, notFound } from '../errors';
import type { BodyRow, InviteRow, MemberOfBody, NewUser } from '../store/types';
import { hashToken, newToken, type Authenticator, type NewSession } from './auth';
import { randomId, type CommandContext } from './context';

export const INVITE_DAYS = 7;

function present(actor: Actor, body: BodyRow): BodyView {
  return {
    id: body.id,
    name: body.name,
    kind: body.kind,
    myRole: roleIn(actor, body.id),
    canManage: canManageBody(actor, body.id),
    grantable: grantableRoles(actor, body),
  };
}

/** A slug for a body's id from its name: "Anytown CLP" → `anytown-clp`. */
function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return s || 'body';
}

/** A body by id, or a 404. */
export async function bodyRow(ctx: CommandContext, id: string): Promise<BodyRow> {
  const body = await ctx.store.getBody(id);
  if (!body) throw notFound('body-not-found', `No body ${JSON.stringify(id)}`);
  return body;
}

async function managedBody(ctx: CommandContext, actor: Actor, id: string): Promise<BodyRow> {
  const body = await bodyRow(ctx, id);
  if (!canManageBody(actor, body.id)) {
    throw forbidden(
      'not-body-secretary',
      `Only the secretary of ${body.name} or an admin can do this`,
    );
  }
  return body;
}

/** Every body; names are public so people can say where a motion comes from. */
export async function listBodies(ctx: CommandContext, actor: Actor): Promise<BodyView[]> {
  return (await ctx.store.listBodies()).map((b) => present(actor, b));
}

/** Creates a body (admins only); its name must be new. */
export async function createBody(
  ctx: CommandContext,
  actor: Actor,
  input: CreateBody,
): Promise<BodyView> {
  if (!actor.admin) throw forbidden('admin-only', 'Only an admin can create bodies');
  const existing = await ctx.store.listBodies();
  if (existing.some((b) => b.name.toLowerCase() === input.name.toLowerCase())) {
    throw conflict('body-exists', `There is already a body called ${input.name}`);
  }
  const base = slug(input.name);
  const id = existing.some((b) => b.id === base) ? `${base}-${randomId(4)}` : base;
  const body = await ctx.store.createBody(
    { id, name: input.name, kind: input.kind },
    { actorId: actor.userId, action: 'body-created', bodyId: id, detail: input },
  );
  return present(actor, body);
}

/** A body's members, for its secretary and admins. */
export async function listMembers(
  ctx: CommandContext,
  actor: Actor,
  bodyId: string,
): Promise<MemberView[]> {
  await managedBody(ctx, actor, bodyId);
  return (await ctx.store.membersOf(bodyId)).map((m) => ({
    userId: m.userId,
    name: m.name,
    email: m.email,
    role: m.role,
    since: m.createdAt,
  }));
}

function checkGrantable(actor: Actor, body: BodyRow, role: Role): void {
  if (grantableRoles(actor, body).includes(role)) return;
  const holds = ROLES_BY_KIND[body.kind];
  throw holds.includes(role)
    ? forbidden('role-not-grantable', `Only an admin can make someone ${role} of ${body.name}`)
    : invalidRequest(`role: a ${body.kind} holds only the roles ${holds.join(', ')}`);
}

/** Changes a member's role; the body keeps at least one secretary once it has one. */
export async function setMemberRole(
  ctx: CommandContext,
  actor: Actor,
  bodyId: string,
  userId: string,
  role: Role,
): Promise<void> {
  const body = await managedBody(ctx, actor, bodyId);
  checkGrantable(actor, body, role);
  const member = await memberLeaving(ctx, body, userId, role);
  if (member.role === role) return;
  await ctx.store.setMembership(
    { bodyId, userId, role },
    {
      actorId: actor.userId,
      action: 'role-changed',
      bodyId,
      userId,
      detail: { from: member.role, to: role },
    },
  );
  await ctx.access.changed({ kind: 'person', userId });
}

/** Takes a person out of a body. */
export async function removeMember(
  ctx: CommandContext,
  actor: Actor,
  bodyId: string,
  userId: string,
): Promise<void> {
  const body = await managedBody(ctx, actor, bodyId);
  const member = await memberLeaving(ctx, body, userId, null);
  await ctx.store.removeMembership(bodyId, userId, {
    actorId: actor.userId,
    action: 'member-removed',
    bodyId,
    userId,
    detail: { role: member.role },
  });
  await ctx.access.changed({ kind: 'person', userId });
}

/**
 * The member whose role is about to become `next` (null: removed): 404 when not a member, 409
 * when that would leave the body without a secretary.
 */
async function memberLeaving(
  ctx: CommandContext,
  body: BodyRow,
  userId: string,
  next: Role | null,
): Promise<MemberOfBody> {
  const members = await ctx.store.membersOf(body.id);
  const member = members.find((m) => m.userId === userId);
  if (!member) throw notFound('member-not-found', `That person is not a member of ${body.name}`);
  const lastSecretary =
    member.role === 'secretary' && !members.some((m) => m.role === 'secretary' && m !== member);
  if (lastSecretary && next !== 'secretary') {
    throw conflict('last-secretary', `${body.name} needs a secretary; appoint another one first`);
  }
  return member;
}

/** Makes a single-use invite link to a body, valid for {@link INVITE_DAYS} days. */
export async function createInvite(
  ctx: CommandContext,
  actor: Actor,
  bodyId: string,
  role: Role,
): Promise<InviteCreated> {
  const body = await managedBody(ctx, actor, bodyId);
  checkGrantable(actor, body, role);
  const token = newToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + INVITE_DAYS * 86_400_000).toISOString();
  await ctx.store.createInvite(
    {
      tokenHash: hashToken(token),
      bodyId,
      role,
      createdBy: actor.userId,
      createdAt: now.toISOString(),
      expiresAt,
    },
    { actorId: actor.userId, action: 'invite-created', bodyId, detail: { role, expiresAt } },
  );
  return { token, path: `#/invite/${token}`, role, bodyName: body.name, expiresAt };
}

function statusOf(invite: InviteRow): InvitePreview['status'] {
  if (invite.usedAt) return 'used';
  return Date.parse(invite.expiresAt) <= Date.now() ? 'expired' : 'open';
}

async function inviteRow(ctx: CommandContext, token: string): Promise<InviteRow> {
  const invite = await ctx.store.getInvite(hashToken(token));
  if (!invite)
    throw notFound('invite-not-found', 'This invite link is not valid; ask for a new one');
  return invite;
}

/** What an invite is for, shown before it is accepted (no sign-in needed: the link is the key). */
export async function previewInvite(ctx: CommandContext, token: string): Promise<InvitePreview> {
  const invite = await inviteRow(ctx, token);
  const body = await bodyRow(ctx, invite.bodyId);
  return {
    bodyName: body.name,
    kind: body.kind,
    role: invite.role,
    expiresAt: invite.expiresAt,
    status: statusOf(invite),
  };
}

/** Refuses a name someone else in the body already goes by: presence and lists show names. */
async function checkNameFree(
  ctx: CommandContext,
  body: BodyRow,
  name: string,
  userId: string | null,
): Promise<void> {
  const key = nameKey(name);
  const members = await ctx.store.membersOf(body.id);
  if (members.some((m) => m.userId !== userId && nameKey(m.name) === key)) {
    throw conflict(
      'name-taken',
      `Someone in ${body.name} is already called ${name}; use a name that tells you apart (a middle initial, say)`,
    );
  }
}

/**
 * Accepts an invite: the signed-in person joins the body; signed out, the account for the e-mail
 * given joins when the password is its own, or a new account is made from `input` and signed in.
 * Used or expired invites are refused and change nothing. An e-mail that has an account gets the
 * sign-in form's answer for a wrong password, counted like a sign-in (per address and e-mail), so
 * an invite link is no better for asking which e-mails have accounts than the sign-in form is.
 */
export async function acceptInvite(
  ctx: CommandContext,
  auth: Authenticator,
  actor: Actor | null,
  token: string,
  input: AcceptInvite,
  client: string,
): Promise<NewSession | null> {
  const invite = await inviteRow(ctx, token);
  const body = await bodyRow(ctx, invite.bodyId);
  const refused = () =>
    conflict(
      'invite-used',
      `This invite has been used or has expired; ask ${body.name} for a new one`,
    );
  if (statusOf(invite) !== 'open') throw refused();
  const join = async (userId: string, name: string, newUser: NewUser | null) => {
    const already =
      (await ctx.store.membershipsOf(userId)).find((m) => m.bodyId === body.id)?.role ?? null;
    if (already) {
      // An invite adds people; it never changes a member's role (which could demote the last
      // secretary). Role changes go through the secretary.
      throw conflict(
        'already-member',
        `You are already ${ROLE_NAMES[already]} of ${body.name}; its secretary can change your role`,
      );
    }
    await checkNameFree(ctx, body, name, userId);
    const accepted = await ctx.store.acceptInvite(hashToken(token), userId, newUser, {
      actorId: userId,
      action: 'invite-accepted',
      bodyId: body.id,
      userId,
      detail: { role: invite.role, newAccount: newUser !== null },
    });
    if (!accepted) throw refused();
  };

  if (actor) {
    await join(actor.userId, actor.name, null);
    return null;
  }
  const { name, email, password } = input;
  if (!name || !email || !password) {
    throw invalidRequest('name, email, password: give them to make your account, or sign in first');
  }
  const existing = await ctx.store.findUserByEmail(email);
  if (existing) {
    // Exactly a sign-in: rate-limited, and refused with its words when the password is not right.
    const session = await auth.signIn({ email, password }, client);
    try {
      await join(session.user.id, session.user.name, null);
    } catch (error) {
      await auth.signOut(session.token);
      throw error;
    }
    return session;
  }
  const userId = randomId(12);
  await join(userId, name, {
    id: userId,
    email,
    name,
    passwordHash: await hashPassword(password),
    admin: false,
  });
  return auth.openSession(userId);
}
