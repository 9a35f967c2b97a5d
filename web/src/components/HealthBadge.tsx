import type { ReactElement } from 'react';
import type { CircuitState, MunicipalityHealth } from '../../../contracts/municipalityHealth';

/** Each circuit state with a colour class, a symbol and words (colour is never the only cue). */
const LOOKS: Readonly<Record<CircuitState, { readonly tone: string; readonly symbol: string; readonly label: string }>> = {
  closed: { tone: 'ok', symbol: '✓', label: 'closed' },
  'half-open': { tone: 'busy', symbol: '◑', label: 'half-open' },
  open: { tone: 'bad', symbol: '✕', label: 'open' },
};

/** A city's circuit as a badge; muted when the adapters made no call there in 15 minutes. */
export function HealthBadge(props: { readonly health: MunicipalityHealth }): ReactElement {
  const { circuit, last15Minutes } = props.health;
  const look = LOOKS[circuit];
  const idle = last15Minutes.calls === 0;
  return (
    <span className={`badge badge-${idle ? 'muted' : look.tone}`} data-circuit={circuit} title={idle ? 'No call to this city in the last 15 minutes' : `Circuit ${look.label}`}>
      <span aria-hidden="true">{idle ? '–' : look.symbol}</span> {idle ? 'no calls' : look.label}
    </span>
  );
}

/** `12.5%`, or a dash when there were no calls. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(rate === 0 || rate === 1 ? 0 : 1)}%`;
}

/** `240 ms`, or a dash. */
export function formatLatency(ms: number | null): string {
  return ms === null ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

/** A backlog's oldest message: `42 s`, `3 min 5 s`, or a dash when nothing waits. */
export function formatAge(seconds: number | null): string {
  if (seconds === null) return '—';
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
