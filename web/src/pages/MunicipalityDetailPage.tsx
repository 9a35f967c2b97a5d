import type { ReactElement, ReactNode } from 'react';
import type { HealthWindow } from '../../../contracts/municipalityHealth';
import type { MunicipalityView } from '../../../contracts/municipalityView';
import { api } from '../api/apiClient';
import { formatTime } from '../app/format';
import { Link } from '../app/router';
import { useApi } from '../app/useApi';
import { ErrorBanner } from '../components/ErrorBanner';
import { formatAge, formatLatency, formatRate, HealthBadge } from '../components/HealthBadge';
import { HEALTH_POLL_MS } from './MunicipalitiesPage';

function Field(props: { readonly label: string; readonly children: ReactNode }): ReactElement {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

/** What the circuit state means, as the API derives it (the adapter has no breaker). */
const CIRCUIT_MEANING = {
  closed: 'Calls are answered.',
  open: 'Most calls of the last 5 minutes failed, the latest too. The adapters keep calling within the city’s limits; the workflows retry with backoff.',
  'half-open': 'Most calls of the last 5 minutes failed, but the latest ones are answered again.',
} as const;

function WindowRow(props: { readonly window: HealthWindow }): ReactElement {
  const { window } = props;
  return (
    <tr>
      <th scope="row">Last {window.minutes} minutes</th>
      <td className="num">{window.calls}</td>
      <td className="num">{window.errors}</td>
      <td className="num">{window.rejected}</td>
      <td className="num">{formatRate(window.errorRate)}</td>
      <td className="num">{formatLatency(window.p95LatencyMs)}</td>
    </tr>
  );
}

/** `/municipalities/{code}`: the city's system, what it requires, and the health of the calls to it. */
export function MunicipalityDetailPage(props: { readonly code: string }): ReactElement {
  const municipality = useApi(`municipality:${props.code}`, () => api<MunicipalityView>('GET', `/municipalities/${encodeURIComponent(props.code)}`), { pollMs: HEALTH_POLL_MS });
  const m = municipality.data;
  if (m === undefined) {
    return (
      <section>
        <h1>Municipality {props.code}</h1>
        <ErrorBanner error={municipality.error} onRetry={municipality.reload} />
        {municipality.error === undefined && <p className="muted">Loading…</p>}
      </section>
    );
  }
  const { signing, cancellation, requires, limits } = m.capabilities;
  return (
    <section>
      <p className="crumbs">
        <Link to="/municipalities">Municipalities</Link> / <span>{m.name}</span>
      </p>
      <div className="title-row">
        <h1>
          {m.name}
          {m.uf !== undefined && `/${m.uf}`} <span className="mono muted">{m.code}</span>
        </h1>
        <HealthBadge health={m.health} />
      </div>
      <div className="grid-2">
        <div className="card">
          <h2>City system</h2>
          <dl className="fields" data-testid="municipality-system">
            <Field label="Provider">{m.dialect !== undefined ? `${m.provider} (${m.dialect})` : m.provider}</Field>
            <Field label="Environment">{m.environment === 'producao' ? 'produção' : 'homologação'}</Field>
            <Field label="Mode">{m.mode === 'sync' ? 'synchronous' : 'asynchronous (lot, then consulted)'}</Field>
            <Field label="Limits">{`${limits.concurrency} call${limits.concurrency === 1 ? '' : 's'} at once${limits.ratePerSecond !== undefined ? `, ${limits.ratePerSecond} per second` : ''}`}</Field>
          </dl>
          <h3>What a company must hold</h3>
          <ul className="links" data-testid="municipality-requires">
            <li>Inscrição municipal: {requires.inscricaoMunicipal ? 'required' : 'not required'}</li>
            <li>A1 certificate: {requires.certificate ? 'required' : 'not required'}</li>
          </ul>
        </div>
        <div className="card">
          <h2>Capabilities</h2>
          <dl className="fields" data-testid="municipality-capabilities">
            <Field label="Signed">{signing.elements.length === 0 ? 'nothing' : `${signing.elements.join(', ')} (${signing.algorithm})`}</Field>
            <Field label="Mutual TLS">{yesNo(m.capabilities.mtls)}</Field>
            <Field label="Cancellation">{cancellation.by === 'event' ? 'by the national event' : 'by the city'}</Field>
            <Field label="Reason codes">{cancellation.reasonCodes.join(', ')}</Field>
            <Field label="Reason text">{cancellation.reasonText !== undefined ? `required, ${cancellation.reasonText.minLength}–${cancellation.reasonText.maxLength} characters` : 'optional'}</Field>
            <Field label="Substitution">{yesNo(m.capabilities.substitution)}</Field>
          </dl>
        </div>
      </div>
      <div className="card">
        <h2>Health</h2>
        <p data-testid="municipality-circuit">
          Circuit <strong>{m.health.circuit}</strong>: {CIRCUIT_MEANING[m.health.circuit]} <span className="muted">As of {formatTime(m.health.asOf)}.</span>
        </p>
        <div className="table-wrap">
          <table className="table" data-testid="municipality-health">
            <caption className="visually-hidden">Calls the adapters made to the city</caption>
            <thead>
              <tr>
                <th scope="col">Window</th>
                <th scope="col" className="num">
                  Calls
                </th>
                <th scope="col" className="num">
                  Errors
                </th>
                <th scope="col" className="num">
                  Rejected
                </th>
                <th scope="col" className="num">
                  Error rate
                </th>
                <th scope="col" className="num">
                  p95
                </th>
              </tr>
            </thead>
            <tbody>
              <WindowRow window={m.health.last5Minutes} />
              <WindowRow window={m.health.last15Minutes} />
            </tbody>
          </table>
        </div>
        <p className="muted">Errors are calls the city did not answer (refused, 5xx, timed out); rejections are answers refusing an invoice’s content.</p>
        <p data-testid="municipality-backlog">
          {m.health.backlog.waiting === 0
            ? 'Backlog: no message waits for this city.'
            : `Backlog: ${m.health.backlog.waiting} message${m.health.backlog.waiting === 1 ? '' : 's'} wait${m.health.backlog.waiting === 1 ? 's' : ''} for a free slot of the city (${m.health.backlog.tasks} adapter task${m.health.backlog.tasks === 1 ? '' : 's'}); the oldest was queued ${formatAge(m.health.backlog.oldestAgeSeconds)} ago.`}
        </p>
      </div>
    </section>
  );
}
