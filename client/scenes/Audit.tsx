/** The audit log (`#/audit`, admins only): every recorded change, newest first. */
import { useMemo, useState } from 'react';
import type { AuditView } from '../../schemas/api';
import { api } from '../api/client';
import { ErrorNote, Loading } from '../components/Notice';
import { actionLabel, detailParts } from '../lib/audit';
import { useLoad } from '../lib/hooks';
import { routeHash } from '../lib/route';

function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}

/** The admin's audit log table, with a filter over every column. */
export function Audit() {
  const [log, reload] = useLoad('audit', api.audit);
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => {
    if (log.state !== 'ready') return [];
    const q = filter.trim().toLowerCase();
    const sorted = [...log.value].sort((a, b) => b.seq - a.seq);
    if (!q) return sorted;
    return sorted.filter((r) => searchText(r).includes(q));
  }, [log, filter]);
  return (
    <div className="page">
      <div className="page-head">
        <h1>Audit log</h1>
        <button type="button" className="btn btn-small" onClick={reload}>
          Refresh
        </button>
      </div>
      <p className="muted lead">
        Every change to bodies, memberships, invites and motions, as it was recorded. Entries are
        never changed or removed.
      </p>
      {log.state === 'loading' && <Loading what="the audit log" />}
      {log.state === 'error' && <ErrorNote message={log.message} onRetry={reload} />}
      {log.state === 'ready' && (
        <>
          <label htmlFor="audit-filter" className="sr-only">
            Filter the log
          </label>
          <input
            id="audit-filter"
            className="filter"
            type="search"
            placeholder="Filter by person, action, body or motion"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <p className="muted small" role="status">
            {rows.length} of {log.value.length} entries
          </p>
          <table className="table audit" data-testid="audit">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">About</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.seq}>
                  <td className="num muted">{r.seq}</td>
                  <td className="nowrap">
                    <time dateTime={r.at}>{formatTime(r.at)}</time>
                  </td>
                  <td>{r.actor}</td>
                  <td>{actionLabel(r.action)}</td>
                  <td>
                    {r.motionId && (
                      <a href={routeHash({ name: 'motion', id: r.motionId })}>
                        motion {r.motionId}
                      </a>
                    )}
                    {r.motionId && (r.bodyId || r.userId) && ' · '}
                    {r.bodyId && <span>{r.bodyId}</span>}
                    {r.bodyId && r.userId && ' · '}
                    {r.userId && <span className="muted">person {r.userId}</span>}
                  </td>
                  <td className="detail">{detailParts(r).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

function searchText(r: AuditView): string {
  return [
    r.actor,
    actionLabel(r.action),
    r.action,
    r.bodyId,
    r.motionId,
    r.userId,
    ...detailParts(r),
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}
