import type { CityBacklog, HealthWindow, MunicipalityHealth } from '../../contracts/municipalityHealth';
import type { MunicipalityView } from '../../contracts/municipalityView';

/** `São Paulo/SP`. */
function placeOf(municipality: Pick<MunicipalityView, 'name' | 'uf'>): string {
  return municipality.uf !== undefined ? `${municipality.name}/${municipality.uf}` : municipality.name;
}

/** `3 calls, 1 error (33%), p95 120 ms` over one window. */
function describeWindow(window: HealthWindow): string {
  if (window.calls === 0) return `no calls in ${window.minutes} min`;
  const rate = window.errorRate === null ? '' : ` (${Math.round(window.errorRate * 100)}%)`;
  const rejected = window.rejected > 0 ? `, ${window.rejected} rejected` : '';
  return `${window.calls} call${window.calls === 1 ? '' : 's'} in ${window.minutes} min, ${window.errors} error${window.errors === 1 ? '' : 's'}${rate}${rejected}, p95 ${window.p95LatencyMs ?? '-'} ms`;
}

/** `4 waiting for a slot, the oldest queued 42 s ago` (or `none waiting`). */
function describeBacklog(backlog: CityBacklog): string {
  if (backlog.waiting === 0) return 'none waiting';
  return `${backlog.waiting} waiting for a slot, the oldest queued ${backlog.oldestAgeSeconds ?? 0} s ago`;
}

/** The circuit and the last 5 minutes, on one line (and the backlog when there is one). */
export function describeHealth(health: MunicipalityHealth): string {
  return `circuit ${health.circuit}; ${describeWindow(health.last5Minutes)}${health.backlog.waiting > 0 ? `; ${describeBacklog(health.backlog)}` : ''}`;
}

/** One line per municipality, as `nfse municipalities list` prints them. */
export function describeMunicipalities(items: readonly MunicipalityView[]): string {
  if (items.length === 0) return 'no municipality in the registry';
  const width = Math.max(...items.map((m) => placeOf(m).length));
  return items.map((m) => `${m.code}  ${placeOf(m).padEnd(width)}  ${m.provider.padEnd(11)}  ${m.environment.padEnd(11)}  ${m.mode.padEnd(5)}  ${describeHealth(m.health)}`).join('\n');
}

/** A municipality as `nfse municipalities get CODE` prints it for people. */
export function describeMunicipality(m: MunicipalityView): string {
  const { signing, cancellation, requires, limits } = m.capabilities;
  const reason = cancellation.reasonText !== undefined ? `, a reason of ${cancellation.reasonText.minLength}-${cancellation.reasonText.maxLength} characters` : '';
  const holds = [...(requires.inscricaoMunicipal ? ['inscrição municipal'] : []), ...(requires.certificate ? ['A1 certificate'] : [])];
  return [
    `${m.code}  ${placeOf(m)}`,
    `  provider      ${m.provider}${m.dialect !== undefined ? ` (${m.dialect})` : ''}, ${m.environment}, ${m.mode}`,
    `  signing       ${signing.elements.length === 0 ? 'none' : `${signing.algorithm}: ${signing.elements.join(', ')}`}`,
    `  mutual TLS    ${m.capabilities.mtls ? 'yes' : 'no'}`,
    `  cancellation  ${cancellation.by === 'event' ? 'by event' : 'by the city'}, codes ${cancellation.reasonCodes.join(', ')}${reason}`,
    `  substitution  ${m.capabilities.substitution ? 'yes' : 'no'}`,
    `  companies     must hold ${holds.length === 0 ? 'nothing more' : holds.join(', ')}`,
    `  limits        ${limits.concurrency} call${limits.concurrency === 1 ? '' : 's'} at once${limits.ratePerSecond !== undefined ? `, ${limits.ratePerSecond}/s` : ''}`,
    `  health        circuit ${m.health.circuit} (as of ${m.health.asOf})`,
    `                ${describeWindow(m.health.last5Minutes)}`,
    `                ${describeWindow(m.health.last15Minutes)}`,
    `  backlog       ${describeBacklog(m.health.backlog)}`,
  ].join('\n');
}
