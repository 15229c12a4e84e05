/**
 * What a motion has on record from its workflow steps, in a few lines: the meeting that adopted
 * it (and the version that froze), the conference year it went to, the CAC's rulings with their
 * reasons (an appeal too: the latest ruling alone would lose the reason a motion was ruled out),
 * the NEC's position and the card vote. Nothing is shown before anything is recorded.
 */
import type { AuditView, Motion } from '../../schemas/api';
import type { Workflow } from '../../schemas/profile';
import type { Loaded } from '../lib/hooks';
import { routeHash } from '../lib/route';
import { formatDay, meetingWords, resultWords, rulingSteps, sectionWords } from '../lib/steps';

export function MotionRecord({
  motion,
  workflow,
  events,
}: {
  motion: Motion;
  workflow: Workflow;
  events: Loaded<AuditView[]>;
}) {
  const { progress } = motion;
  const rulings = events.state === 'ready' ? rulingSteps(workflow, events.value) : [];
  const anything =
    progress.version > 0 ||
    progress.year !== null ||
    progress.ruling !== null ||
    progress.position !== null ||
    progress.result !== null;
  if (!anything) return null;
  const { position, result } = progress;
  const alternative = position?.alternative;

  return (
    <section
      className="card motion-record"
      aria-labelledby="record-title"
      data-testid="motion-record"
    >
      <h2 id="record-title" className="section-title">
        Record
      </h2>
      <dl className="record-list">
        {progress.meeting && (
          <div data-testid="record-adopted">
            <dt>Adopted</dt>
            <dd>
              at {meetingWords(progress.meeting)}
              <span className="muted"> (for–against–abstentions)</span>, version {progress.version}
            </dd>
          </div>
        )}
        {progress.year !== null && (
          <div data-testid="record-year">
            <dt>Submitted</dt>
            <dd>for Conference {progress.year}</dd>
          </div>
        )}
        {progress.ruling && (
          <div data-testid="record-ruling">
            <dt>CAC ruling</dt>
            <dd>
              <strong>{progress.ruling.label}</strong>
              {/* Every ruling step once the history is in; until then the latest one's reason. */}
              {rulings.length > 0 ? (
                <ol className="record-steps">
                  {rulings.map((r) => (
                    <li key={r.seq}>
                      {r.label}
                      {r.note && <> — “{r.note}”</>}{' '}
                      <span className="muted">
                        <time dateTime={r.at}>{formatDay(r.at.slice(0, 10))}</time>
                      </span>
                    </li>
                  ))}
                </ol>
              ) : (
                progress.ruling.note && <> — “{progress.ruling.note}”</>
              )}
            </dd>
          </div>
        )}
        {position && (
          <div data-testid="record-position">
            <dt>NEC position</dt>
            <dd>
              {position.label}
              {alternative && (
                <>
                  {': '}
                  <a href={routeHash({ name: 'motion', id: alternative })}>
                    {motion.recordOptions.alternatives.find((a) => a.id === alternative)?.title ??
                      'the NEC’s rule change'}
                  </a>
                </>
              )}
            </dd>
          </div>
        )}
        {result && (
          <div data-testid="record-result">
            <dt>Result</dt>
            <dd>
              <strong>{resultWords(result)}</strong>
              <span className="record-sections">
                {sectionWords(result.sections, motion.recordOptions.sections).join(' · ')}
              </span>
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
