/** The app shell: header, and the scene for the current hash route. */
import { lazy, Suspense } from 'react';
import { Loading } from './components/Notice';
import { Home } from './scenes/Home';
import { RulebookBrowser } from './scenes/RulebookBrowser';
import { useRoute } from './lib/hooks';

// The workspace brings CodeMirror, Yjs and the motion generator: load it only when opened.
const MotionWorkspace = lazy(() =>
  import('./scenes/MotionWorkspace').then((m) => ({ default: m.MotionWorkspace })),
);

/** The whole app: a header and the scene of the current hash route. */
export function App() {
  const route = useRoute();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <a className="brand" href="#/">
          <span className="brand-mark" aria-hidden="true">
            ¶
          </span>
          Redline
        </a>
        <span className="brand-tag">Rule changes, drafted together</span>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        {route.name === 'home' && <Home />}
        {route.name === 'rulebook' && (
          <RulebookBrowser key={route.editionId} editionId={route.editionId} unit={route.unit} />
        )}
        {route.name === 'motion' && (
          <Suspense fallback={<Loading what="the workspace" />}>
            <MotionWorkspace key={route.id} motionId={route.id} />
          </Suspense>
        )}
        {route.name === 'not-found' && (
          <section className="page">
            <h1>Page not found</h1>
            <p>
              There is nothing at <code>{route.hash}</code>. <a href="#/">Go to the start page</a>.
            </p>
          </section>
        )}
      </main>
    </div>
  );
}
