/**
 * "Add amendment": pick a unit of the edition (search by path or words), then Amend, Insert
 * after or Delete. Keyboard: type to filter, arrows to move, Escape to close.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ApiUnit } from '../../schemas/api';
import type { AmendmentKind } from '../../schemas/collab';

const LIMIT = 60;

/** The searchable unit picker with its Amend / Insert after / Delete actions. */
export function UnitPicker({
  units,
  busy,
  onPick,
  onClose,
}: {
  units: ApiUnit[];
  busy: boolean;
  onPick: (kind: AmendmentKind, target: string) => void;
  onClose: () => void;
}) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    const numbered = units.filter((u) => u.kind === 'unit');
    if (!q) return numbered.slice(0, LIMIT);
    return numbered
      .filter((u) => u.path.toLowerCase().startsWith(q) || u.text.toLowerCase().includes(q))
      .slice(0, LIMIT);
  }, [units, query]);
  const chosen = matches[Math.min(active, matches.length - 1)];
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, matches.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && e.target === input.current && chosen) {
      e.preventDefault();
      onPick('amend', chosen.path);
    }
  };
  return (
    <div className="picker" onKeyDown={onKey} data-testid="unit-picker">
      <label htmlFor="picker-input">Unit to change</label>
      <input
        id="picker-input"
        ref={input}
        value={query}
        placeholder="Type a unit (5.IV.5) or words from it"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        role="combobox"
        aria-expanded="true"
        aria-controls="picker-list"
        aria-activedescendant={chosen ? `pick-${chosen.path}` : undefined}
      />
      <ul id="picker-list" role="listbox" className="picker-list">
        {matches.length === 0 && <li className="empty">No unit matches “{query}”.</li>}
        {matches.map((u, i) => (
          <li
            key={u.path}
            id={`pick-${u.path}`}
            role="option"
            aria-selected={u === chosen}
            className={u === chosen ? 'is-active' : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              setActive(i);
            }}
          >
            <span className="hit-path">{u.path}</span>
            <span className="picker-text">{u.text}</span>
          </li>
        ))}
      </ul>
      <div className="picker-actions">
        <span className="muted picker-chosen">
          {chosen ? (
            <>
              Selected <strong>{chosen.path}</strong>
            </>
          ) : (
            'Choose a unit'
          )}
        </span>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!chosen || busy}
          onClick={() => chosen && onPick('amend', chosen.path)}
        >
          Amend
        </button>
        <button
          type="button"
          className="btn"
          disabled={!chosen || busy}
          onClick={() => chosen && onPick('insert', chosen.path)}
        >
          Insert after
        </button>
        <button
          type="button"
          className="btn btn-danger"
          disabled={!chosen || busy}
          onClick={() => chosen && onPick('delete', chosen.path)}
        >
          Delete
        </button>
        <button type="button" className="btn btn-quiet" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
