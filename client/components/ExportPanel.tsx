/**
 * The export panel on the motion page, the dashboard and the rulebook view: pick what, the format
 * and clean or redline, then download. The server renders; a long export (a whole rulebook as
 * PDF) shows how long it has been preparing and how much has arrived, and can be cancelled. The
 * HTML export also opens as a printable page, for the browser's own Print → Save as PDF.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { download, errorMessage } from '../api/client';
import {
  downloadName,
  exportUrl,
  FORMAT_LABEL,
  sizeText,
  type ExportTarget,
  type Format,
} from '../lib/exports';

type Status =
  | { kind: 'idle' }
  | { kind: 'running'; since: number; bytes: number }
  | { kind: 'saved'; name: string }
  | { kind: 'failed'; message: string };

/** Saves a blob under a name, through a temporary link (the browser's own download). */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function ExportPanel({ targets, name }: { targets: readonly ExportTarget[]; name: string }) {
  const id = useId();
  const [which, setWhich] = useState(0);
  const target = targets[which] ?? targets[0];
  const [format, setFormat] = useState<Format>(target?.formats[0] ?? 'docx');
  const [redline, setRedline] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [now, setNow] = useState(() => Date.now());
  const abort = useRef<AbortController | null>(null);

  // Another target may not offer the chosen format.
  useEffect(() => {
    if (target && !target.formats.includes(format)) setFormat(target.formats[0] ?? 'docx');
  }, [target, format]);
  // While running, the elapsed time ticks.
  useEffect(() => {
    if (status.kind !== 'running') return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [status.kind]);
  useEffect(() => () => abort.current?.abort(), []);

  if (!target) return null;

  const start = async (event: FormEvent) => {
    event.preventDefault();
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setNow(Date.now());
    setStatus({ kind: 'running', since: Date.now(), bytes: 0 });
    try {
      const url = exportUrl(target, format, redline);
      const { blob, disposition } = await download(url, controller.signal, (bytes) =>
        setStatus((s) => (s.kind === 'running' ? { ...s, bytes } : s)),
      );
      const fallback = `${name}.${format}`;
      const saved = downloadName(disposition, fallback);
      save(blob, saved);
      setStatus({ kind: 'saved', name: saved });
    } catch (error) {
      if (controller.signal.aborted) setStatus({ kind: 'idle' });
      else setStatus({ kind: 'failed', message: errorMessage(error) });
    }
  };

  const running = status.kind === 'running';
  const elapsed = running ? Math.max(0, Math.round((now - status.since) / 1000)) : 0;
  return (
    <details className="export-panel" data-testid="export-panel">
      <summary>Export</summary>
      <form onSubmit={(e) => void start(e)} aria-busy={running}>
        {targets.length > 1 && (
          <div className="field">
            <label htmlFor={`${id}-what`}>What</label>
            <select
              id={`${id}-what`}
              value={which}
              onChange={(e) => setWhich(Number(e.target.value))}
              disabled={running}
            >
              {targets.map((t, i) => (
                <option key={t.path} value={i}>
                  {t.label}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-format`}>Format</label>
          <select
            id={`${id}-format`}
            value={format}
            onChange={(e) => setFormat(e.target.value as Format)}
            disabled={running}
          >
            {target.formats.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABEL[f]}
              </option>
            ))}
          </select>
        </div>
        {target.redline && (
          <label className="export-redline">
            <input
              type="checkbox"
              checked={redline}
              onChange={(e) => setRedline(e.target.checked)}
              disabled={running}
            />{' '}
            Show changes (redline: inserted words underlined, deleted struck through)
          </label>
        )}
        <div className="export-actions">
          <button type="submit" className="btn btn-primary" disabled={running}>
            Download
          </button>
          {running && (
            <button type="button" className="btn" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          )}
          {target.formats.includes('html') && (
            <a
              className="btn btn-quiet"
              href={`${exportUrl(target, 'html', redline)}&inline=1`}
              target="_blank"
              rel="noopener noreferrer"
            >
              Open printable page
            </a>
          )}
        </div>
        <p className="export-status" role="status" aria-live="polite" data-testid="export-status">
          {running &&
            (status.bytes === 0
              ? `Preparing the export… ${elapsed} s`
              : `Downloading… ${sizeText(status.bytes)}`)}
          {status.kind === 'saved' && `Saved ${status.name}.`}
        </p>
        {status.kind === 'failed' && (
          <p className="error-text" role="alert" data-testid="export-error">
            {status.message}
          </p>
        )}
      </form>
    </details>
  );
}
