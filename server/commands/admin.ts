/**
 * The first admin. On a database with no admin, one is made without a password; until it sets
 * one, every start makes a fresh one-time sign-in link for it, so the person who started the
 * server (and can read its log) is the one who becomes admin.
 */
import { hashToken, newToken } from './auth';
import { randomId, type CommandContext } from './context';

/**
 * The admin's sign-in e-mail once it has a password. It must pass the sign-in form's e-mail check
 * (`admin@localhost` does not: no dot in the domain), and `.invalid` is reserved, so no mail
 * could ever reach anyone by it.
 */
export const ADMIN_EMAIL = 'admin@redline.invalid';
const LINK_HOURS = 24;

/** A one-time sign-in token for the unclaimed admin, or null once the admin has a password. */
export async function adminSignInToken(ctx: CommandContext): Promise<string | null> {
  const status = await ctx.store.adminStatus();
  if (status.claimed) return null;
  let userId = status.id;
  if (!userId) {
    userId = randomId(12);
    await ctx.store.createUser(
      { id: userId, email: ADMIN_EMAIL, name: 'Administrator', passwordHash: '', admin: true },
      { actorId: null, action: 'admin-created', userId },
    );
  }
  const token = newToken();
  await ctx.store.createSignInLink({
    tokenHash: hashToken(token),
    userId,
    expiresAt: new Date(Date.now() + LINK_HOURS * 3_600_000).toISOString(),
  });
  return token;
}
