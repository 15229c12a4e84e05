/**
 * The procedure checks of a motion before submission (deadline, allowance, the three-year rule, a
 * rule cited, one subject, overlap), as the server finds them for the conference it would go to.
 * Errors block the submit step; warnings are left to the CAC. Each line says which it is in words.
 */
import type { Motion } from '../../schemas/api';

const SEVERITY = { error: 'Error', warning: 'Warning' } as const;

/** Whether a check stops the motion from being submitted now. */
export function blocksSubmission(motion: Motion): boolean {
  return motion.checks.some((c) => c.severity === 'error');
}

/** The checks of a motion not yet submitted; nothing once it is (the server sends no year then). */
export function ProcedureChecks({ motion }: { motion: Motion }) {
  if (motion.checksYear === null) return null;
  return (
    <section className="procedure" aria-labelledby="procedure-title" data-testid="procedure-checks">
      <h3 className="sub-title" id="procedure-title">
        Checks for Conference {motion.checksYear}
      </h3>
      {motion.checks.length === 0 ? (
        <p className="muted small">No problems found.</p>
      ) : (
        // list-style: none drops the list role in Safari; say it explicitly.
        <ul role="list" className="checks">
          {motion.checks.map((c, i) => (
            <li
              key={i}
              className={`check check-${c.severity}`}
              data-testid="procedure-check"
              data-severity={c.severity}
              data-check={c.id}
            >
              <span className="check-sev">
                {SEVERITY[c.severity]}
                <span className="sr-only">:</span>
              </span>{' '}
              {c.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
