/**
 * A motion's versions: every text a meeting adopted (each adoption freezes one) and the draft
 * while it is open again, with a word-level redline between any two — the motion text and each
 * amendment's text, inserted words underlined and deleted ones struck. Shown once there is a
 * version; before the first adoption the drafting room's own redline says it all.
 */
import { useState } from 'react';
import type { Loaded } from '../lib/hooks';
import type { RedlineSpan } from '../lib/redline';
import type { MotionVersions } from '../../schemas/api';
import {
  amendmentLabel,
  compareVersions,
  defaultPair,
  versionChoices,
  versionText,
  type VersionChoice,
} from '../lib/versions';
import { RedlineSpans } from './RedlineSpans';

const STATUS = { same: 'unchanged', changed: 'changed', added: 'added', removed: 'dropped' };

export function Versions({ view }: { view: Loaded<MotionVersions> }) {
  if (view.state !== 'ready' || view.value.versions.length === 0) return null;
  const choices = versionChoices(view.value);
  const latest = defaultPair(choices);
  // A new version (or the draft reopened) starts the comparison again from the latest two.
  return (
    <Compare key={latest?.join(' ') ?? ''} view={view.value} choices={choices} latest={latest} />
  );
}

function Compare({
  view,
  choices,
  latest,
}: {
  view: MotionVersions;
  choices: VersionChoice[];
  latest: [number, number] | null;
}) {
  const [pair, setPair] = useState(latest);
  const from = pair && versionText(view, pair[0]);
  const to = pair && versionText(view, pair[1]);
  const comparison = from && to ? compareVersions(from, to) : null;

  return (
    <section className="versions" aria-labelledby="versions-title" data-testid="versions">
      <h2 id="versions-title" className="section-title">
        Versions
      </h2>
      <ol className="version-list">
        {choices.map((c) => (
          <li key={c.number} data-testid="version">
            {c.label}
          </li>
        ))}
      </ol>
      {pair && (
        <div className="version-pick">
          <label htmlFor="versions-from">Compare</label>
          <select
            id="versions-from"
            value={pair[0]}
            onChange={(e) => setPair([Number(e.target.value), pair[1]])}
          >
            {choices.map((c) => (
              <option key={c.number} value={c.number}>
                {c.short}
              </option>
            ))}
          </select>
          <label htmlFor="versions-to">with</label>
          <select
            id="versions-to"
            value={pair[1]}
            onChange={(e) => setPair([pair[0], Number(e.target.value)])}
          >
            {choices.map((c) => (
              <option key={c.number} value={c.number}>
                {c.short}
              </option>
            ))}
          </select>
        </div>
      )}
      {comparison && (
        <div className="version-compare" data-testid="version-compare" aria-live="polite">
          {!comparison.changed && (
            <p className="muted">
              {pair?.[0] === pair?.[1]
                ? 'Choose two different versions to compare.'
                : 'The two texts are the same.'}
            </p>
          )}
          <h3 className="redline-label">Motion text</h3>
          <Redline spans={comparison.motionText} testId="version-motion-text" />
          {comparison.amendments.map((a) => (
            <div key={a.key} className="redline-unit" data-testid="version-amendment">
              <h3 className="redline-label">
                {amendmentLabel(a)} <span className="version-status">({STATUS[a.status]})</span>
              </h3>
              <Redline spans={a.spans} />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

/** Spans as running text: `ins` and `del` are read out as inserted and deleted by most readers. */
function Redline({ spans, testId }: { spans: readonly RedlineSpan[]; testId?: string }) {
  if (spans.length === 0) return <p className="muted small">No text.</p>;
  return (
    <p className="legal version-text" data-testid={testId}>
      <RedlineSpans spans={spans} />
    </p>
  );
}
