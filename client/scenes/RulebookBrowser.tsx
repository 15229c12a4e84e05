/**
 * The rulebook: chapters and clauses in a side navigation, units as legal text with deep-link
 * anchors, full-text search, and a marker on each unit that motions touch. A consolidated edition
 * shows its summary of amendments, each unit's history and, on request, the redline against the
 * edition it was consolidated from; a conference official can consolidate carried motions.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ApiUnit, Edition, UnitHistoryEntry } from '../../schemas/api';
import { api } from '../api/client';
import { useAuth } from '../auth/auth';
import { ErrorNote, Loading } from '../components/Notice';
import { SearchBox } from '../components/SearchBox';
import { AmendmentsSummary, ConsolidatePanel, UnitHistory } from '../components/UnitHistory';
import { editionChanges, historyByPath, type EditionChanges } from '../lib/consolidation';
import { useLoad } from '../lib/hooks';
import { routeHash } from '../lib/route';
import { touchCounts } from '../lib/rulebook';
import { RedlineSpans } from '../components/RedlineSpans';
import { ExportPanel } from '../components/ExportPanel';
import { editionExports } from '../lib/exports';

/** What each unit shows besides its text: motions touching it, its history, its redline. */
interface UnitExtras {
  counts: Map<string, number>;
  history: Map<string, UnitHistoryEntry[]>;
  /** The changes from the base edition, when the person asked to see them. */
  changes: EditionChanges | null;
}

/** One edition with its navigation; `unit` is the deep-linked path to show and highlight. */
export function RulebookBrowser({ editionId, unit }: { editionId: string; unit: string | null }) {
  const [edition, reload] = useLoad(editionId, () => api.edition(editionId));
  const [motions] = useLoad('motions', api.motions);
  const counts = useMemo(
    // Paths are edition-specific: only this edition's motions mark its units.
    () =>
      motions.state === 'ready'
        ? touchCounts(motions.value.filter((m) => m.editionId === editionId))
        : new Map<string, number>(),
    [motions, editionId],
  );
  const [history] = useLoad(`history:${editionId}`, () => api.editionHistory(editionId));
  const basedOn = history.state === 'ready' ? history.value.basedOn : null;
  const [showChanges, setShowChanges] = useState(false);
  const baseId = showChanges && basedOn ? basedOn.id : '';
  const [base] = useLoad(`base:${baseId}`, () =>
    baseId ? api.edition(baseId) : Promise.resolve(null),
  );
  const byPath = useMemo(
    () =>
      history.state === 'ready'
        ? historyByPath(history.value.entries)
        : new Map<string, UnitHistoryEntry[]>(),
    [history],
  );
  const auth = useAuth();
  const official =
    auth.state.status === 'signed-in' &&
    auth.state.me.memberships.some((m) => m.role === 'official');

  useEffect(() => {
    if (edition.state !== 'ready' || !unit) return;
    const el = document.getElementById(unitAnchor(unit));
    el?.scrollIntoView({ block: 'center' });
    el?.focus({ preventScroll: true });
  }, [edition.state, unit]);

  const changes = useMemo(
    () =>
      edition.state === 'ready' && base.state === 'ready' && base.value
        ? editionChanges(base.value.chapters, edition.value.chapters)
        : null,
    [edition, base],
  );

  if (edition.state === 'loading') return <Loading what="the rulebook" />;
  if (edition.state === 'error') return <ErrorNote message={edition.message} onRetry={reload} />;
  const e = edition.value;
  const extras: UnitExtras = { counts, history: byPath, changes: showChanges ? changes : null };
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
          {basedOn && (
            <label className="changes-toggle">
              <input
                type="checkbox"
                checked={showChanges}
                onChange={(event) => setShowChanges(event.target.checked)}
                data-testid="show-changes"
              />{' '}
              Show changes from {basedOn.title} {basedOn.edition}
            </label>
          )}
          {showChanges && base.state === 'loading' && <Loading what="the base edition" />}
          {showChanges && base.state === 'error' && <ErrorNote message={base.message} />}
        </header>
        {history.state === 'ready' && (
          <AmendmentsSummary history={history.value} editionId={e.id} />
        )}
        <ExportPanel targets={editionExports(e.id)} name={`${e.title} ${e.edition}`} />
        {official && <ConsolidatePanel edition={e} />}
        {e.chapters.map((c) => (
          <UnitView key={c.path} unit={c} editionId={e.id} current={unit} extras={extras} />
        ))}
        <Removed units={extras.changes?.removed.get('') ?? []} />
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

/** Units of the base edition with no unit at their path any more, struck through. */
function Removed({ units }: { units: readonly ApiUnit[] }) {
  return units.map((u) => (
    <div key={u.path} className="unit-removed" data-testid="unit-removed" data-path={u.path}>
      <span className="unit-marker">{u.marker || u.label}</span>
      <del>{u.kind === 'unit' ? u.text : [u.title, u.text].filter(Boolean).join(' — ')}</del>
    </div>
  ));
}

function UnitView({
  unit,
  editionId,
  current,
  extras,
}: {
  unit: ApiUnit;
  editionId: string;
  current: string | null;
  extras: UnitExtras;
}) {
  const [copied, setCopied] = useState(false);
  const href = routeHash({ name: 'rulebook', editionId, unit: unit.path });
  const count = extras.counts.get(unit.path) ?? 0;
  const history = extras.history.get(unit.path) ?? [];
  const change = extras.changes?.changed.get(unit.path) ?? null;
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
      className={`unit unit-${unit.kind} depth-${Math.min(unit.depth, 6)}${current === unit.path ? ' is-target' : ''}${change ? ` is-${change.kind}` : ''}`}
      data-path={unit.path}
      aria-label={unit.kind === 'unit' ? `Unit ${unit.path}` : undefined}
    >
      <div className="unit-row">
        {heading}
        {unit.kind === 'unit' && change && (
          <p className="unit-text unit-redline" data-testid="unit-change" data-kind={change.kind}>
            <span className="unit-marker">{unit.marker || unit.label}</span>
            <RedlineSpans spans={change.spans} />
          </p>
        )}
        {unit.kind === 'unit' && !change && (
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
      {unit.kind !== 'unit' && change && (
        <p className="unit-text unit-redline" data-testid="unit-change" data-kind={change.kind}>
          <RedlineSpans spans={change.spans} />
        </p>
      )}
      {unit.text && unit.kind !== 'unit' && !change && <p className="unit-text">{unit.text}</p>}
      {history.length > 0 && <UnitHistory entries={history} editionId={editionId} />}
      {unit.children.map((c) => (
        <UnitView key={c.path} unit={c} editionId={editionId} current={current} extras={extras} />
      ))}
      <Removed units={extras.changes?.removed.get(unit.path) ?? []} />
    </section>
  );
}
