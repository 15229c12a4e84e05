/** Full-text search over an edition: debounced, keyboard-driven results with highlighted matches. */
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../schemas/api';
import { api, errorMessage } from '../api/client';
import { useDebounced } from '../lib/hooks';
import { routeHash } from '../lib/route';
import { snippetParts } from '../lib/snippet';

type Results =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; hits: SearchHit[] };

/** Search box and results for one edition; choosing a result deep-links to the unit. */
export function SearchBox({ editionId }: { editionId: string }) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Results>({ state: 'idle' });
  const [active, setActive] = useState(0);
  const q = useDebounced(query.trim(), 250);
  const listId = useId();

  useEffect(() => {
    if (q.length < 2) {
      setResults({ state: 'idle' });
      return;
    }
    let live = true;
    setResults({ state: 'loading' });
    api.search(editionId, q).then(
      (hits) => {
        if (!live) return;
        setResults({ state: 'ready', hits });
        setActive(0);
      },
      (error: unknown) => live && setResults({ state: 'error', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [editionId, q]);

  const hits = results.state === 'ready' ? results.hits : [];
  const go = (hit: SearchHit | undefined) => {
    if (hit) window.location.hash = routeHash({ name: 'rulebook', editionId, unit: hit.path });
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, hits.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      go(hits[active]);
    } else if (e.key === 'Escape') {
      setQuery('');
    }
  };

  return (
    <div className="search" role="search">
      <label htmlFor={`${listId}-input`} className="sr-only">
        Search the rulebook
      </label>
      <input
        id={`${listId}-input`}
        type="search"
        placeholder="Search the rulebook…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKey}
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls={listId}
        aria-activedescendant={hits.length > 0 ? `${listId}-${active}` : undefined}
        data-testid="search"
      />
      <div className="search-status" aria-live="polite">
        {results.state === 'loading' && 'Searching…'}
        {results.state === 'error' && <span className="error-text">{results.message}</span>}
        {results.state === 'ready' &&
          `${hits.length === 0 ? 'No' : hits.length} ${hits.length === 1 ? 'match' : 'matches'}`}
      </div>
      {hits.length > 0 && (
        <ul id={listId} role="listbox" className="search-results" data-testid="search-results">
          {hits.map((hit, i) => (
            <li
              key={`${hit.path}-${i}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                go(hit);
              }}
            >
              <span className="hit-path">{hit.path}</span>
              <span className="hit-snippet">
                {snippetParts(hit.snippet).map((p, j) =>
                  p.match ? <mark key={j}>{p.text}</mark> : <span key={j}>{p.text}</span>,
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
