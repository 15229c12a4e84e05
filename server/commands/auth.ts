/**
 * Signing in and out, sessions and password changes. A session is a random token in an httpOnly
 * cookie; the store keeps only its SHA-256, so the database alone cannot impersonate anyone.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SessionUser, SignIn } from '../../schemas/api';
import { hashPassword, verifyPassword } from '../auth/password';
import { tooMany, unauthorised } from '../errors';
import { RateLimiter } from '../rate-limit';
import type { Store, UserRow } from '../store/types';

export const SESSION_COOKIE = 'redline_session';
export const SESSION_DAYS = 14;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
const present = (u: UserRow): SessionUser => ({ id: u.id, email: u.email, name: u.name });

// Verified against when the e-mail is unknown, so a miss takes as long as a wrong password.
// Made on the first miss, not at start-up: scrypt is deliberately slow.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword('not a password anyone has'));

export interface Authenticator {
  signIn(
    input: SignIn,
    client: string,
  ): Promise<{ token: string; user: SessionUser; expires: Date }>;
  /** The person a session token belongs to, or null for a missing, unknown or expired one. */
  sessionUser(token: string | undefined): Promise<SessionUser | null>;
  signOut(token: string | undefined): Promise<void>;
  /** Changes the password, ends every session of the person, and opens a new one. */
  changePassword(
    token: string | undefined,
    current: string,
    next: string,
  ): Promise<{ token: string; expires: Date }>;
}

/** Builds the authenticator over a store; sign-in attempts are limited per address and e-mail. */
export function createAuthenticator(
  store: Store,
  limits: { attempts: number; windowMs: number } = { attempts: 10, windowMs: 15 * 60_000 },
): Authenticator {
  const attempts = new RateLimiter({ limit: limits.attempts, windowMs: limits.windowMs });

  const openSession = async (userId: string) => {
    const token = randomBytes(32).toString('base64url');
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
    async signIn({ email, password }, client) {
      const attempt = attempts.take(`${client} ${email.toLowerCase()}`);
      if (!attempt.allowed) {
        const minutes = Math.ceil(attempt.retryAfterMs / 60_000);
        throw tooMany(
          `Too many sign-in attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
        );
      }
      const user = await store.findUserByEmail(email);
      const ok = await verifyPassword(password, user?.passwordHash ?? (await dummy()));
      if (!user || !ok)
        throw unauthorised('sign-in-failed', 'Unknown e-mail address or wrong password');
      return { ...(await openSession(user.id)), user: present(user) };
    },
    async sessionUser(token) {
      const user = await userOf(token);
      return user ? present(user) : null;
    },
    async signOut(token) {
      if (token) await store.deleteSession(hashToken(token));
    },
    async changePassword(token, current, next) {
      const user = await userOf(token);
      if (!user) throw unauthorised('signed-out', 'Your session has ended; sign in again');
      if (!(await verifyPassword(current, user.passwordHash))) {
        throw unauthorised('wrong-password', 'The current password is not right');
      }
      await store.setPasswordHash(user.id, await hashPassword(next));
      await store.deleteSessionsOf(user.id);
      return openSession(user.id);
    },
  };
}
