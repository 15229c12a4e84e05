/**
 * The rulebook: chapters and clauses in a side navigation, units as legal text with deep-link
 * anchors, full-text search, and a marker on each unit that motions touch.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ApiUnit, Edition } from '../../schemas/api';
import { api } from '../api/client';
import { ErrorNote, Loading } from '../components/Notice';
import { SearchBox } from '../components/SearchBox';
import { useLoad } from '../lib/hooks';
import { routeHash } from '../lib/route';
import { touchCounts } from '../lib/rulebook';

/** One edition with its navigation; `unit` is the deep-linked path to show and highlight. */
export function RulebookBrowser({ editionId, unit }: { editionId: string; unit: string | null }) {
  const [edition, reload] = useLoad(editionId, () => api.edition(editionId));
  const [motions] = useLoad('motions', api.motions);
  const counts = useMemo(
    () => (motions.state === 'ready' ? touchCounts(motions.value) : new Map<string, number>()),
    [motions],
  );

  useEffect(() => {
    if (edition.state !== 'ready' || !unit) return;
    const el = document.getElementById(unitAnchor(unit));
    el?.scrollIntoView({ block: 'center' });
    el?.focus({ preventScroll: true });
  }, [edition.state, unit]);

  if (edition.state === 'loading') return <Loading what="the rulebook" />;
  if (edition.state === 'error') return <ErrorNote message={edition.message} onRetry={reload} />;
  const e = edition.value;
  return (
    <div className="rulebook">
      <nav className="rulebook-nav" aria-label="Chapters and clauses">
        <SearchBox editionId={e.id} />
        <Toc edition={e} current={unit} />
      </nav>
      <article className="rulebook-text" aria-label={`${e.organisation} ${e.title} ${e.edition}`}>
        <header className="rulebook-head">
          <p className="eyebrow">{e.organisation}</p>
          <h1>
            {e.title} {e.edition}
          </h1>
          <p className="muted">
            {e.units.toLocaleString('en-GB')} units · {e.words.toLocaleString('en-GB')} words
          </p>
        </header>
        {e.chapters.map((c) => (
          <UnitView key={c.path} unit={c} editionId={e.id} current={unit} counts={counts} />
        ))}
      </article>
    </div>
  );
}

/** The DOM id of a unit, for deep links and scrolling. */
export function unitAnchor(path: string): string {
  return `unit-${path}`;
}

function Toc({ edition, current }: { edition: Edition; current: string | null }) {
  return (
    <ol className="toc">
      {edition.chapters.map((c) => (
        <li key={c.path}>
          <a
            href={routeHash({ name: 'rulebook', editionId: edition.id, unit: c.path })}
            aria-current={current === c.path ? 'location' : undefined}
          >
            <span className="toc-label">Chapter {c.label}</span> {c.title}
          </a>
          {c.children.some((u) => u.kind === 'clause') && (
            <ol>
              {c.children
                .filter((u) => u.kind === 'clause')
                .map((cl) => (
                  <li key={cl.path}>
                    <a
                      href={routeHash({ name: 'rulebook', editionId: edition.id, unit: cl.path })}
                      aria-current={
                        current && (current === cl.path || current.startsWith(`${cl.path}.`))
                          ? 'location'
                          : undefined
                      }
                    >
                      <span className="toc-label">{cl.label}.</span> {cl.title}
                    </a>
                  </li>
                ))}
            </ol>
          )}
        </li>
      ))}
    </ol>
  );
}

function UnitView({
  unit,
  editionId,
  current,
  counts,
}: {
  unit: ApiUnit;
  editionId: string;
  current: string | null;
  counts: Map<string, number>;
}) {
  const [copied, setCopied] = useState(false);
  const href = routeHash({ name: 'rulebook', editionId, unit: unit.path });
  const count = counts.get(unit.path) ?? 0;
  const copy = () => {
    const url = `${window.location.origin}${window.location.pathname}${href}`;
    void navigator.clipboard?.writeText(url).then(
      () => {
        setCopied(true);
        window.setTimeout(() => setCopied(false), 1500);
      },
      () => undefined,
    );
  };
  const heading =
    unit.kind === 'chapter' ? (
      <h2 className="unit-heading">
        Chapter {unit.label}
        {unit.title ? `: ${unit.title}` : ''}
      </h2>
    ) : unit.kind === 'clause' ? (
      <h3 className="unit-heading">
        Clause {unit.label}.{unit.title ? ` ${unit.title}` : ''}
      </h3>
    ) : null;
  return (
    <section
      id={unitAnchor(unit.path)}
      tabIndex={-1}
      className={`unit unit-${unit.kind} depth-${Math.min(unit.depth, 6)}${current === unit.path ? ' is-target' : ''}`}
      data-path={unit.path}
      aria-label={unit.kind === 'unit' ? `Unit ${unit.path}` : undefined}
    >
      <div className="unit-row">
        {heading}
        {unit.kind === 'unit' && (
          <p className="unit-text">
            <span className="unit-marker">{unit.marker || unit.label}</span>
            {unit.text.split('\n').map((para, i) => (
              <span key={i} className="unit-para">
                {para}
              </span>
            ))}
          </p>
        )}
        <span className="unit-tools">
          {count > 0 && (
            <span
              className="touch-count"
              title={`${count} ${count === 1 ? 'motion touches' : 'motions touch'} this unit`}
              data-testid="touch-count"
            >
              {count}
            </span>
          )}
          <a className="unit-link" href={href} title={`Link to ${unit.path}`}>
            #<span className="sr-only">Link to {unit.path}</span>
          </a>
          <button
            type="button"
            className="btn-icon"
            onClick={copy}
            title="Copy link to this unit"
            aria-label={`Copy link to ${unit.path}`}
          >
            {copied ? 'Copied' : 'Copy link'}
          </button>
        </span>
      </div>
      {unit.text && unit.kind !== 'unit' && <p className="unit-text">{unit.text}</p>}
      {unit.children.map((c) => (
        <UnitView key={c.path} unit={c} editionId={editionId} current={current} counts={counts} />
      ))}
    </section>
  );
}
