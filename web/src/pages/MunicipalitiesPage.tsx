import type { ReactElement } from 'react';
import type { ListMunicipalitiesResponse } from '../../../contracts/municipalityView';
import { api } from '../api/apiClient';
import { Link } from '../app/router';
import { useApi } from '../app/useApi';
import { ErrorBanner } from '../components/ErrorBanner';
import { formatAge, formatLatency, formatRate, HealthBadge } from '../components/HealthBadge';

/** How often the figures are read again: the adapters write theirs every 10 s. */
export const HEALTH_POLL_MS = 10_000;

/** `/municipalities`: every city invoices can be emitted for, its system and how its calls went lately. */
export function MunicipalitiesPage(): ReactElement {
  const list = useApi('municipalities', () => api<ListMunicipalitiesResponse>('GET', '/municipalities'), { pollMs: HEALTH_POLL_MS });
  const items = list.data?.items ?? [];
  return (
    <section>
      <div className="title-row">
        <h1>Municipalities</h1>
        <button type="button" className="button" onClick={list.reload}>
          Refresh
        </button>
      </div>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      <div className="table-wrap">
        <table className="table" data-testid="municipalities-table">
          <caption className="visually-hidden">Municipalities, their city systems, the health of the calls to them in the last 5 minutes, and the messages waiting for them</caption>
          <thead>
            <tr>
              <th scope="col">Municipality</th>
              <th scope="col">IBGE</th>
              <th scope="col">Provider</th>
              <th scope="col">Environment</th>
              <th scope="col">Mode</th>
              <th scope="col">Health</th>
              <th scope="col" className="num">
                Calls (5 min)
              </th>
              <th scope="col" className="num">
                Error rate
              </th>
              <th scope="col" className="num">
                p95
              </th>
              <th scope="col" className="num">
                Waiting
              </th>
              <th scope="col" className="num">
                Oldest
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.code} data-testid={`municipality-${m.code}`}>
                <td>
                  <Link to={`/municipalities/${m.code}`}>{m.uf !== undefined ? `${m.name}/${m.uf}` : m.name}</Link>
                </td>
                <td className="mono">{m.code}</td>
                <td>
                  {m.provider}
                  {m.dialect !== undefined && <span className="muted"> ({m.dialect})</span>}
                </td>
                <td>{m.environment === 'producao' ? 'produção' : 'homologação'}</td>
                <td>{m.mode}</td>
                <td>
                  <HealthBadge health={m.health} />
                </td>
                <td className="num">{m.health.last5Minutes.calls}</td>
                <td className="num">{formatRate(m.health.last5Minutes.errorRate)}</td>
                <td className="num">{formatLatency(m.health.last5Minutes.p95LatencyMs)}</td>
                <td className="num">{m.health.backlog.waiting}</td>
                <td className="num">{formatAge(m.health.backlog.oldestAgeSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data !== undefined && items.length === 0 && <p className="empty">The registry has no municipality.</p>}
      </div>
    </section>
  );
}
