/**
 * The app shell: header (who is signed in, their roles, where they can go), and the scene for
 * the current hash route. Without a session every route but the invite and welcome links shows
 * the sign-in page in place, so signing in lands the person where they were going.
 */
import { lazy, Suspense, useEffect, useRef } from 'react';
import { AuthProvider, useAuth, type AuthState } from './auth/auth';
import { ErrorNote, Loading } from './components/Notice';
import { Account } from './scenes/Account';
import { Audit } from './scenes/Audit';
import { Bodies } from './scenes/Bodies';
import { Home } from './scenes/Home';
import { Invite } from './scenes/Invite';
import { SignIn } from './scenes/SignIn';
import { Welcome } from './scenes/Welcome';
import { defaultQuery } from './lib/dashboard';
import { useRoute } from './lib/hooks';
import { managesBodies, rolesSummary } from './lib/people';
import { routeHash, type Route } from './lib/route';

// The workspace brings CodeMirror, Yjs and the motion generator: load it only when opened.
const MotionWorkspace = lazy(() =>
  import('./scenes/MotionWorkspace').then((m) => ({ default: m.MotionWorkspace })),
);
// The dashboard and the rulebook view bring the profiles and the diff: loaded when opened too.
const Dashboard = lazy(() => import('./scenes/Dashboard').then((m) => ({ default: m.Dashboard })));
const RulebookBrowser = lazy(() =>
  import('./scenes/RulebookBrowser').then((m) => ({ default: m.RulebookBrowser })),
);

/** The whole app: a header and the scene of the current hash route. */
export function App() {
  return (
    <AuthProvider>
      <Shell />
    </AuthProvider>
  );
}

function Shell() {
  const route = useRoute();
  const auth = useAuth();
  const hash = routeHash(route);
  const { flash, showFlash } = auth;
  // A flash belongs to one page: it goes once the person leaves that page.
  const shownOn = useRef<string | null>(null);
  useEffect(() => {
    if (!flash) return;
    if (hash === flash.hash) shownOn.current = hash;
    else if (shownOn.current === flash.hash) {
      shownOn.current = null;
      showFlash(null);
    }
  }, [hash, flash, showFlash]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header
        state={auth.state}
        route={route}
        onSignOut={() => void auth.signOut().catch(() => undefined)}
      />
      <main id="main" className="app-main" tabIndex={-1}>
        {flash && flash.hash === hash && (
          <div className="flash" role="status">
            <span>{flash.message}</span>
            <button
              type="button"
              className="btn btn-quiet btn-small"
              aria-label="Dismiss this message"
              onClick={() => showFlash(null)}
            >
              ×
            </button>
          </div>
        )}
        <Scene
          route={route}
          state={auth.state}
          retry={() => void auth.refresh().catch(() => undefined)}
        />
      </main>
    </div>
  );
}

function Header({
  state,
  route,
  onSignOut,
}: {
  state: AuthState;
  route: Route;
  onSignOut: () => void;
}) {
  const me = state.status === 'signed-in' ? state.me : null;
  // A motion's workspace is within "Motions": marked as the current section, not the page.
  const current = (name: Route['name']) => {
    if (route.name === name) return 'page' as const;
    return name === 'home' && route.name === 'motion' ? ('true' as const) : undefined;
  };
  return (
    <header className="app-header">
      <a className="brand" href="#/">
        <span className="brand-mark" aria-hidden="true">
          ¶
        </span>
        Redline
      </a>
      {me ? (
        <>
          <nav className="app-nav" aria-label="Main">
            <a href={routeHash({ name: 'home' })} aria-current={current('home')}>
              Motions
            </a>
            <a
              href={routeHash({ name: 'dashboard', query: defaultQuery() })}
              aria-current={current('dashboard')}
            >
              Dashboard
            </a>
            {managesBodies(me) && (
              <a href={routeHash({ name: 'bodies' })} aria-current={current('bodies')}>
                Bodies
              </a>
            )}
            {me.user.admin && (
              <a href={routeHash({ name: 'audit' })} aria-current={current('audit')}>
                Audit log
              </a>
            )}
          </nav>
          <span className="spacer" />
          <div className="account" data-testid="account">
            <a
              className="account-name"
              href={routeHash({ name: 'account' })}
              aria-current={current('account')}
              title="Your account and password"
              data-testid="account-name"
            >
              {me.user.name}
            </a>
            <span className="account-roles" data-testid="account-roles">
              {rolesSummary(me) || 'no body yet'}
            </span>
            <button type="button" className="btn btn-small" onClick={onSignOut}>
              Sign out
            </button>
          </div>
        </>
      ) : (
        <span className="brand-tag">Rule changes, drafted together</span>
      )}
    </header>
  );
}

function Scene({ route, state, retry }: { route: Route; state: AuthState; retry: () => void }) {
  if (route.name === 'welcome') return <Welcome key={route.token} token={route.token} />;
  if (route.name === 'invite') return <Invite key={route.token} token={route.token} />;
  if (state.status === 'loading') return <Loading what="Redline" />;
  if (state.status === 'error') {
    return (
      <div className="page">
        <ErrorNote message={state.message} onRetry={retry} />
      </div>
    );
  }
  if (state.status === 'signed-out') return <SignIn notice={state.notice} />;
  switch (route.name) {
    case 'home':
      return <Home />;
    case 'dashboard':
      return (
        <Suspense fallback={<Loading what="the dashboard" />}>
          <Dashboard query={route.query} />
        </Suspense>
      );
    case 'rulebook':
      return (
        <Suspense fallback={<Loading what="the rulebook" />}>
          <RulebookBrowser key={route.editionId} editionId={route.editionId} unit={route.unit} />
        </Suspense>
      );
    case 'motion':
      return (
        <Suspense fallback={<Loading what="the workspace" />}>
          <MotionWorkspace key={route.id} motionId={route.id} />
        </Suspense>
      );
    case 'bodies':
      return <Bodies />;
    case 'audit':
      return <Audit />;
    case 'account':
      return <Account />;
    case 'not-found':
      return (
        <section className="page">
          <h1>Page not found</h1>
          <p>
            There is nothing at <code>{route.hash}</code>. <a href="#/">Go to the start page</a>.
          </p>
        </section>
      );
  }
}
