/**
 * Signing in and out, sessions, one-time sign-in links and password changes. A session is a
 * random token in an httpOnly cookie; the store keeps only its SHA-256, so the database alone
 * cannot impersonate anyone.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../core/access/policy';
import type { Me, SessionUser, SignIn } from '../../schemas/api';
import { hashPassword, verifyPassword } from '../auth/password';
import { tooMany, unauthorised } from '../errors';
import { addressKey, RateLimiter } from '../rate-limit';
import type { Store, UserRow } from '../store/types';

export const SESSION_COOKIE = 'redline_session';
export const SESSION_DAYS = 14;

/** SHA-256 of a secret token (sessions, invites, sign-in links): what the store keeps. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A new secret token for a link or cookie: 256 random bits. */
export const newToken = () => randomBytes(32).toString('base64url');

const present = (u: UserRow): SessionUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  admin: u.admin,
  hasPassword: u.passwordHash !== '',
});

// Verified against when the e-mail is unknown, so a miss takes as long as a wrong password.
// Made on the first miss, not at start-up: scrypt is deliberately slow.
let dummyHash: Promise<string> | undefined;
const dummy = () =>
  (dummyHash ??= hashPassword('not a password anyone has').catch((error: unknown) => {
    dummyHash = undefined; // refused as busy: make it next time
    throw error;
  }));

/** A new session: the cookie's token and when it ends. */
export interface NewSession {
  token: string;
  expires: Date;
}

/** Who a request is from: the person as shown, and the facts access decisions need. */
export interface Signed {
  me: Me;
  actor: Actor;
}

export interface Authenticator {
  signIn(input: SignIn, client: string): Promise<NewSession & { user: SessionUser }>;
  /** Uses a one-time sign-in link (the first admin's); 401 when unknown, used or expired. */
  signInWithLink(token: string): Promise<NewSession & { user: SessionUser }>;
  /** The person behind a session token, or null for a missing, unknown or expired one. */
  signedIn(token: string | undefined): Promise<Signed | null>;
  signOut(token: string | undefined): Promise<void>;
  /**
   * Changes the password, ends every session of the person, and opens a new one. `current` may
   * be left out only by an account that has no password yet.
   */
  changePassword(
    token: string | undefined,
    current: string | undefined,
    next: string,
  ): Promise<NewSession & { userId: string }>;
  /** Opens a session for a person who has just proved who they are (a used invite). */
  openSession(userId: string): Promise<NewSession>;
}

/** Who a person is, as the API shows them and as access decisions need them. */
export async function signedAs(store: Store, user: UserRow): Promise<Signed> {
  const memberships = await store.membershipsOf(user.id);
  return {
    me: {
      user: present(user),
      memberships: memberships.map((m) => ({
        bodyId: m.bodyId,
        bodyName: m.bodyName,
        kind: m.kind,
        role: m.role,
      })),
    },
    actor: {
      userId: user.id,
      name: user.name,
      admin: user.admin,
      memberships: memberships.map((m) => ({ bodyId: m.bodyId, kind: m.kind, role: m.role })),
    },
  };
}

/** How many sign-ins fail before more are refused for a while. */
export interface SignInLimits {
  /** Failures per address and e-mail: guessing one person's password. */
  attempts: number;
  /**
   * Failures per address whatever the e-mail: a new e-mail each time would otherwise never be
   * refused, and every try costs a password hash. A conference hall behind one address has room.
   */
  perAddress: number;
  windowMs: number;
}

export const SIGN_IN_LIMITS: SignInLimits = {
  attempts: 10,
  perAddress: 100,
  windowMs: 15 * 60_000,
};

/**
 * Builds the authenticator over a store; failed sign-ins are limited per address and e-mail, and
 * per address.
 */
export function createAuthenticator(
  store: Store,
  limits: SignInLimits = SIGN_IN_LIMITS,
): Authenticator {
  const attempts = new RateLimiter({ limit: limits.attempts, windowMs: limits.windowMs });
  const addressAttempts = new RateLimiter({ limit: limits.perAddress, windowMs: limits.windowMs });

  const openSession = async (userId: string): Promise<NewSession> => {
    const token = newToken();
    const now = new Date();
    const expires = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
    await store.createSession({
      idHash: hashToken(token),
      userId,
      createdAt: now.toISOString(),
      expiresAt: expires.toISOString(),
    });
    return { token, expires };
  };

  const userOf = async (token: string | undefined): Promise<UserRow | null> => {
    if (!token) return null;
    const session = await store.getSession(hashToken(token));
    if (!session) return null;
    if (Date.parse(session.expiresAt) <= Date.now()) {
      await store.deleteSession(session.idHash);
      return null;
    }
    return store.getUser(session.userId);
  };

  return {
    openSession,
    async signIn({ email, password }, client) {
      const address = addressKey(client);
      const key = `${address} ${email.toLowerCase()}`;
      // Both counted before any hashing, so a burst is limited as it arrives.
      const refusals = [addressAttempts.take(address), attempts.take(key)].filter(
        (a) => !a.allowed,
      );
      if (refusals.length > 0) {
        const wait = Math.max(...refusals.map((a) => a.retryAfterMs));
        const minutes = Math.ceil(wait / 60_000);
        throw tooMany(
          `Too many sign-in attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
        );
      }
      const user = await store.findUserByEmail(email);
      let ok: boolean;
      try {
        ok = await verifyPassword(password, user?.passwordHash || (await dummy()));
      } catch (error) {
        // Refused as busy, never checked: that try does not count against anyone.
        attempts.refund(key);
        addressAttempts.refund(address);
        throw error;
      }
      if (!user || !ok || user.passwordHash === '') {
        throw unauthorised('sign-in-failed', 'Unknown e-mail address or wrong password');
      }
      // Only failures add up; a success does not wipe the address's other failures.
      attempts.forget(key);
      addressAttempts.refund(address);
      return { ...(await openSession(user.id)), user: present(user) };
    },
    async signInWithLink(token) {
      const userId = await store.useSignInLink(hashToken(token));
      const user = userId ? await store.getUser(userId) : null;
      // The store refuses links of an account with a password; checked again, as it is the admin.
      if (!user || user.passwordHash !== '') {
        throw unauthorised(
          'sign-in-link-invalid',
          'This sign-in link has been used, has expired or was replaced by a newer one, or the account has a password by now: sign in with the password, or restart the server for a new link',
        );
      }
      return { ...(await openSession(user.id)), user: present(user) };
    },
    async signedIn(token) {
      const user = await userOf(token);
      return user ? signedAs(store, user) : null;
    },
    async signOut(token) {
      if (token) await store.deleteSession(hashToken(token));
    },
    async changePassword(token, current, next) {
      const user = await userOf(token);
      if (!user) throw unauthorised('signed-out', 'Your session has ended; sign in again');
      if (user.passwordHash !== '' && !(await verifyPassword(current ?? '', user.passwordHash))) {
        throw unauthorised('wrong-password', 'The current password is not right');
      }
      await store.setPasswordHash(user.id, await hashPassword(next));
      await store.deleteSessionsOf(user.id);
      return { ...(await openSession(user.id)), userId: user.id };
    },
  };
}
