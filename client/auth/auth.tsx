/**
 * Who is signed in, for the whole app: asks the server once on load (`GET /api/auth/me`), again
 * after anything that changes it (signing in, joining a body), and drops to "signed out" with a
 * message when any API call or the drafting room says the session has ended. The hash route is
 * left alone, so signing in again returns the person to where they were.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import type { Me } from '../../schemas/api';
import { api, errorMessage, isSignedOut, onSignedOut } from '../api/client';

export type AuthState =
  | { status: 'loading' }
  | { status: 'signed-out'; notice: string | null }
  | { status: 'signed-in'; me: Me }
  | { status: 'error'; message: string };

/** A one-off message shown at the top of one page (after joining a body, setting a password). */
export interface Flash {
  message: string;
  /** The hash it belongs to; it goes when the person moves on. */
  hash: string;
}

interface Auth {
  state: AuthState;
  /** Asks the server who is signed in now; resolves with them, or null when nobody is. */
  refresh(): Promise<Me | null>;
  signOut(): Promise<void>;
  flash: Flash | null;
  showFlash(flash: Flash | null): void;
}

export const SESSION_ENDED = 'Your session has ended. Sign in again to carry on where you were.';

const AuthContext = createContext<Auth | null>(null);

/** Provides the signed-in person to the app; renders its children in every state. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const [flash, showFlash] = useState<Flash | null>(null);

  const refresh = useCallback(async (): Promise<Me | null> => {
    try {
      const me = await api.me();
      setState({ status: 'signed-in', me });
      return me;
    } catch (error) {
      if (isSignedOut(error)) {
        // Keep a "session ended" notice the signed-out listener may have just set.
        setState((s) => (s.status === 'signed-out' ? s : { status: 'signed-out', notice: null }));
        return null;
      }
      setState((s) =>
        s.status === 'signed-in' ? s : { status: 'error', message: errorMessage(error) },
      );
      throw error;
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => undefined);
    return onSignedOut(() =>
      setState((s) =>
        s.status === 'signed-in' ? { status: 'signed-out', notice: SESSION_ENDED } : s,
      ),
    );
  }, [refresh]);

  const signOut = useCallback(async () => {
    try {
      await api.signOut();
    } finally {
      setState({ status: 'signed-out', notice: 'You have signed out.' });
      showFlash(null);
      window.location.hash = '#/';
    }
  }, []);

  const value = useMemo(
    () => ({ state, refresh, signOut, flash, showFlash }),
    [state, refresh, signOut, flash],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The auth state and its actions; only inside AuthProvider. */
export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The signed-in person, for scenes the shell shows only when someone is signed in. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useMe while nobody is signed in');
  return state.me;
}
