/**
 * The motions dashboard (`#/dashboard?…`, SPEC §4.4): every motion the person may see with its
 * state, body, units touched, CAC ruling, NEC position and result; counts per state that filter,
 * more filters, and a sortable table. The filter and sort live in the URL, so a view is a link:
 * it survives a reload and can be shared. What is shown is decided in lib/dashboard.
 */
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { EditionSummary, MotionSummary } from '../../schemas/api';
import type { Profile } from '../../schemas/profile';
import { formatCitation } from '../../core/citations/format';
import { labourProfile } from '../../core/profiles';
import { api } from '../api/client';
import { ErrorNote, Loading } from '../components/Notice';
import {
  SORT_COLUMNS,
  ariaSort,
  bodyOptions,
  clearFilters,
  countText,
  filterMotions,
  isFiltered,
  nextSort,
  resultText,
  sortMotions,
  stateCounts,
  stateOptions,
  toggleState,
  workflowsFor,
  yearOptions,
  type DashboardFilter,
  type DashboardQuery,
  type SortColumn,
} from '../lib/dashboard';
import { useDebounced, useLoad, type Loaded } from '../lib/hooks';
import { editionProfile } from '../lib/rulebook';
import { parseRoute, routeHash } from '../lib/route';
import { ExportPanel } from '../components/ExportPanel';
import { editionExports, trackingExport, type ExportTarget } from '../lib/exports';

const COLUMN_LABEL: Readonly<Record<SortColumn, string>> = {
  title: 'Title',
  body: 'Body',
  state: 'State',
  units: 'Units touched',
  ruling: 'CAC ruling',
  position: 'NEC position',
  result: 'Result',
  year: 'Year',
  updated: 'Updated',
};

/**
 * Keeps the query and the URL together. Changes are written with replaceState (a filter typed
 * letter by letter is not a trail of history entries; replaceState fires no hashchange, so the
 * app does not re-route), a little after the last change so typing does not hammer the
 * browser's rate limit on history calls. A hash changed from outside (the nav link, a pasted
 * link, Back) is read back in.
 */
function useQueryInUrl(initial: DashboardQuery): [DashboardQuery, (q: DashboardQuery) => void] {
  const [query, setQuery] = useState(initial);
  useEffect(() => {
    const onHash = () => {
      const route = parseRoute(window.location.hash);
      if (route.name === 'dashboard') setQuery(route.query);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const hash = useDebounced(routeHash({ name: 'dashboard', query }), 150);
  useEffect(() => {
    const current = parseRoute(window.location.hash);
    // Left already, or the URL says the same in other words (a pasted link stays as pasted).
    if (current.name !== 'dashboard' || routeHash(current) === hash) return;
    window.history.replaceState(window.history.state, '', hash);
  }, [hash]);
  return [query, setQuery];
}

/** The dashboard scene; `query` is the filter and sort the URL held when it opened. */
export function Dashboard({ query: initial }: { query: DashboardQuery }) {
  const [motions, reloadMotions] = useLoad('motions', api.motions);
  const [editions] = useLoad('editions', api.editions);
  const [query, setQuery] = useQueryInUrl(initial);
  return (
    <div className="page dash">
      <div className="page-head">
        <h1>Dashboard</h1>
        <button type="button" className="btn btn-small" onClick={reloadMotions}>
          Refresh
        </button>
      </div>
      {motions.state === 'loading' && <Loading what="motions" />}
      {motions.state === 'error' && <ErrorNote message={motions.message} onRetry={reloadMotions} />}
      {motions.state === 'ready' && (
        <DashboardView
          motions={motions.value}
          editions={editions}
          query={query}
          onChange={setQuery}
        />
      )}
    </div>
  );
}

/** The tracking table, and the exports of the edition filtered on (or the first), named as such. */
function dashboardExports(editionId: string | undefined): ExportTarget[] {
  if (!editionId) return [trackingExport];
  const ofEdition = editionExports(editionId).map((t) => ({
    ...t,
    label: `${t.label} (${editionId})`,
  }));
  return [trackingExport, ...ofEdition];
}

// One empty list, so that what is derived from the editions is not rebuilt on every render.
const NO_EDITIONS: EditionSummary[] = [];

function DashboardView({
  motions,
  editions,
  query,
  onChange,
}: {
  motions: MotionSummary[];
  editions: Loaded<EditionSummary[]>;
  query: DashboardQuery;
  onChange: (q: DashboardQuery) => void;
}) {
  const { filter, sort } = query;
  const editionList = editions.state === 'ready' ? editions.value : NO_EDITIONS;
  const profileOf = useMemo(() => {
    const byId = new Map(editionList.map((e) => [e.id, editionProfile(e)]));
    return (editionId: string): Profile => byId.get(editionId) ?? labourProfile;
  }, [editionList]);
  const states = stateOptions(
    workflowsFor(editionList, motions, filter.edition),
    motions,
    filter.state,
  );
  const counts = stateCounts(motions, filter);
  const rows = sortMotions(filterMotions(motions, filter), sort, {
    stateOrder: states.map((s) => s.id),
    profileOf,
  });
  const titles = useMemo(() => new Map(motions.map((m) => [m.id, m.title])), [motions]);
  const searchInput = useRef<HTMLInputElement>(null);
  const setFilter = (change: Partial<DashboardFilter>) =>
    onChange({ ...query, filter: { ...filter, ...change } });
  const clear = () => {
    onChange(clearFilters(query));
    // The button goes with the filters: keep the keyboard where the filters start.
    searchInput.current?.focus();
  };

  return (
    <>
      <div className="dash-states" role="group" aria-label="Filter by state">
        {states.map((s) => {
          const count = counts.get(s.id) ?? 0;
          return (
            <button
              key={s.id}
              type="button"
              className={count === 0 ? 'dash-state is-empty' : 'dash-state'}
              aria-pressed={filter.state.includes(s.id)}
              data-testid="state-count"
              data-state={s.id}
              onClick={() => onChange(toggleState(query, s.id))}
            >
              <span className="dash-state-label">{s.label}</span>{' '}
              <span className="dash-state-count">{count}</span>
            </button>
          );
        })}
      </div>

      <FilterBar
        motions={motions}
        editions={editionList}
        filter={filter}
        setFilter={setFilter}
        searchInput={searchInput}
      />

      <div className="dash-summary">
        <p role="status" data-testid="dashboard-count">
          {countText(rows.length, motions.length)}
        </p>
        {isFiltered(filter) && (
          <button type="button" className="btn btn-small" onClick={clear}>
            Clear filters
          </button>
        )}
        <span className="spacer" />
        <a className="small" href={routeHash({ name: 'dashboard', query })}>
          Link to this view
        </a>
      </div>

      <ExportPanel
        targets={dashboardExports(filter.edition ?? editionList[0]?.id)}
        name="motions"
      />
      {motions.length === 0 ? (
        <p className="empty">No motions to show yet.</p>
      ) : rows.length === 0 ? (
        <div className="dash-empty" data-testid="dashboard-empty">
          <p className="empty">No motion matches these filters.</p>
          <button type="button" className="btn" onClick={clear}>
            Clear filters
          </button>
        </div>
      ) : (
        <MotionTable
          rows={rows}
          query={query}
          onSort={(column) => onChange({ ...query, sort: nextSort(sort, column) })}
          profileOf={profileOf}
          titles={titles}
        />
      )}
    </>
  );
}

function FilterBar({
  motions,
  editions,
  filter,
  setFilter,
  searchInput,
}: {
  motions: MotionSummary[];
  editions: EditionSummary[];
  filter: DashboardFilter;
  setFilter: (change: Partial<DashboardFilter>) => void;
  searchInput: RefObject<HTMLInputElement | null>;
}) {
  const bodies = bodyOptions(motions);
  const years = yearOptions(motions, filter.year);
  // Editions the server lists, then any a motion (or the link) names that it did not send.
  const editionNames = new Map(
    editions.map((e) => [e.id, `${e.organisation} ${e.title} ${e.edition}`]),
  );
  for (const id of [...motions.map((m) => m.editionId), filter.edition]) {
    if (id !== null && !editionNames.has(id)) editionNames.set(id, id);
  }
  // One body chosen shows in the select; several (only from a link) say so and can be undone.
  const bodyValue = filter.body.length > 1 ? '*several' : (filter.body[0] ?? '');
  return (
    <form className="dash-filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <div className="dash-field dash-field-wide">
        <label htmlFor="dash-search">Search</label>
        <input
          id="dash-search"
          ref={searchInput}
          type="search"
          placeholder="Words in the title or body"
          value={filter.q}
          onChange={(e) => setFilter({ q: e.target.value })}
        />
      </div>
      <div className="dash-field">
        <label htmlFor="dash-body">Body</label>
        <select
          id="dash-body"
          value={bodyValue}
          onChange={(e) => setFilter({ body: e.target.value ? [e.target.value] : [] })}
        >
          <option value="">All bodies</option>
          {filter.body.length > 1 && (
            <option value="*several" disabled>
              {filter.body.length} bodies
            </option>
          )}
          {filter.body.length === 1 && !bodies.some((b) => b.id === filter.body[0]) && (
            <option value={filter.body[0]}>{filter.body[0]}</option>
          )}
          {bodies.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </div>
      <div className="dash-field">
        <label htmlFor="dash-edition">Rulebook edition</label>
        <select
          id="dash-edition"
          value={filter.edition ?? ''}
          onChange={(e) => setFilter({ edition: e.target.value || null })}
        >
          <option value="">All editions</option>
          {[...editionNames].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="dash-field dash-field-narrow">
        <label htmlFor="dash-unit">Unit</label>
        <input
          id="dash-unit"
          placeholder="e.g. 5.IV"
          spellCheck={false}
          autoComplete="off"
          aria-describedby="dash-unit-hint"
          value={filter.unit}
          onChange={(e) => setFilter({ unit: e.target.value })}
        />
        <span id="dash-unit-hint" className="sr-only">
          A unit path: motions touching it or anything within it are shown
        </span>
      </div>
      <div className="dash-field dash-field-narrow">
        <label htmlFor="dash-year">Conference year</label>
        <select
          id="dash-year"
          value={filter.year === null ? '' : String(filter.year)}
          onChange={(e) => setFilter({ year: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">Any year</option>
          {years.map((y) => (
            <option key={y} value={String(y)}>
              {y}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}

function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

const None = () => <span className="muted">—</span>;

function MotionTable({
  rows,
  query,
  onSort,
  profileOf,
  titles,
}: {
  rows: MotionSummary[];
  query: DashboardQuery;
  onSort: (column: SortColumn) => void;
  profileOf: (editionId: string) => Profile;
  titles: ReadonlyMap<string, string>;
}) {
  const { sort } = query;
  return (
    // A wide table scrolls in its own region, which the keyboard can reach and scroll too.
    <div className="dash-scroll" role="region" aria-label="Motions" tabIndex={0}>
      <table className="table dash-table" data-testid="dashboard-table">
        <caption className="sr-only">
          Motions, sorted by {COLUMN_LABEL[sort.column].toLowerCase()},{' '}
          {sort.direction === 'asc' ? 'ascending' : 'descending'}
        </caption>
        <thead>
          <tr>
            {SORT_COLUMNS.map((column) => {
              const state = ariaSort(sort, column);
              return (
                <th
                  key={column}
                  scope="col"
                  aria-sort={state === 'none' ? undefined : state}
                  data-column={column}
                >
                  <button type="button" className="dash-sort" onClick={() => onSort(column)}>
                    {COLUMN_LABEL[column]}
                    <span className="dash-sort-mark" aria-hidden="true">
                      {state === 'ascending' ? '▲' : state === 'descending' ? '▼' : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <MotionRow key={m.id} m={m} profile={profileOf(m.editionId)} titles={titles} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MotionRow({
  m,
  profile,
  titles,
}: {
  m: MotionSummary;
  profile: Profile;
  titles: ReadonlyMap<string, string>;
}) {
  const { ruling, position, result, year } = m.progress;
  const alternative = position?.alternative;
  return (
    <tr data-testid="dashboard-row" data-motion={m.id}>
      <th scope="row" className="dash-title">
        <a href={routeHash({ name: 'motion', id: m.id })}>{m.title || 'Untitled motion'}</a>
        {m.identical.length > 0 && (
          <span className="dash-note" data-testid="identical">
            {' '}
            Same text as{' '}
            {m.identical.map((id, i) => (
              <span key={id}>
                {i > 0 && ', '}
                <a href={routeHash({ name: 'motion', id })}>{titles.get(id) || id}</a>
              </span>
            ))}
          </span>
        )}
      </th>
      <td data-cell="body">{m.body}</td>
      <td data-cell="state">
        <span className={`state state-${m.state}`}>{m.stateLabel}</span>
      </td>
      <td data-cell="units">
        {m.units.length === 0 ? (
          <None />
        ) : (
          <span className="dash-units">
            {m.units.map((u) => (
              <span key={u} className="chip" title={formatCitation(u.split('.'), profile)}>
                {u}
              </span>
            ))}
          </span>
        )}
      </td>
      <td data-cell="ruling">
        {ruling ? (
          <span title={ruling.note || undefined}>
            {ruling.label}
            {ruling.note && <span className="dash-note">{ruling.note}</span>}
          </span>
        ) : (
          <None />
        )}
      </td>
      <td data-cell="position">
        {position ? (
          <>
            {position.label}
            {alternative && (
              <>
                {': '}
                <a href={routeHash({ name: 'motion', id: alternative })}>
                  {titles.get(alternative) || 'the NEC’s motion'}
                </a>
              </>
            )}
          </>
        ) : (
          <None />
        )}
      </td>
      <td data-cell="result" className={result ? (result.carried ? 'is-carried' : 'is-lost') : ''}>
        {result ? resultText(result) : <None />}
      </td>
      <td data-cell="year" className="num">
        {year ?? <None />}
      </td>
      <td data-cell="updated" className="nowrap">
        <time dateTime={m.updatedAt}>{formatDate(m.updatedAt)}</time>
      </td>
    </tr>
  );
}
