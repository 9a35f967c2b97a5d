import type { ReactElement } from 'react';
import { formatBetween, formatInstant, formatTimeOfDay } from './formatTimes';
import type { StateAttempt } from './graphModel';

const OUTCOMES: Readonly<Record<StateAttempt['outcome'], string>> = { running: 'In progress', failed: 'Failed', succeeded: 'Succeeded' };

/** Every attempt of a visit (each Retry is one more): when, how long, and the error of each failed one. */
export function AttemptList({ attempts }: { readonly attempts: readonly StateAttempt[] }): ReactElement {
  return (
    <section className="inspector-section" aria-label="Attempts">
      <h3>Attempts</h3>
      <ol className="attempts">
        {attempts.map((attempt) => (
          <li key={attempt.number} className={`attempt attempt-${attempt.outcome}`}>
            <p className="attempt-head">
              <span className="attempt-number">#{attempt.number}</span>
              <span className="attempt-outcome">{OUTCOMES[attempt.outcome]}</span>
              <span className="attempt-time" title={formatInstant(attempt.startedAt)}>
                {formatTimeOfDay(attempt.startedAt)}
                {attempt.endedAt !== undefined ? ` · ${formatBetween(attempt.startedAt, attempt.endedAt)}` : ''}
              </span>
            </p>
            {attempt.error !== undefined && <p className="attempt-error">{attempt.error}</p>}
            {attempt.cause !== undefined && (
              <p className="attempt-cause" title={attempt.cause}>
                {attempt.cause}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
