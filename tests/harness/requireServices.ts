import { eventually } from './eventually';
import { testClientConfig } from './localCloudEnv';

/** How long a service may stay `starting` (PGlite takes seconds) in suites that wait for it. */
export const SERVICE_START_TIMEOUT_MS = 40_000;

/**
 * Fails (never skips) unless every named service of the shared cloud says `running` on
 * `GET /health`, naming the fix: start it with LOCAL_SERVICES, or wait until its placeholder is
 * replaced. Waits while a service says `starting` (placeholders say so forever, so they fail
 * after the timeout).
 */
export async function requireServices(names: readonly string[], timeoutMs = 30_000): Promise<void> {
  const fix = `these tests need ${names.join(', ')} running in the shared cloud; run with LOCAL_SERVICES=${names.join(',')}`;
  const starting = (states: Record<string, string>): boolean => names.some((name) => states[name] === 'starting');
  const failed = (states: Record<string, string>): boolean => names.some((name) => states[name] !== 'running' && states[name] !== 'starting');
  const settled = await eventually(fix, () => serviceStates(names), (states) => !starting(states) || failed(states), { timeoutMs, intervalMs: 250 });
  if (names.some((name) => settled[name] !== 'running')) throw new Error(`${fix} (states: ${JSON.stringify(settled)})`);
}

async function serviceStates(names: readonly string[]): Promise<Record<string, string>> {
  const response = await fetch(`${testClientConfig().endpoint}/health`);
  const body: unknown = await response.json();
  const services: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'services') : undefined;
  const states: Record<string, string> = {};
  for (const name of names) {
    const health: unknown = typeof services === 'object' && services !== null ? Reflect.get(services, name) : undefined;
    const state: unknown = typeof health === 'object' && health !== null ? Reflect.get(health, 'state') : undefined;
    states[name] = typeof state === 'string' ? state : 'absent';
  }
  return states;
}
