import { ScaledClock } from '../../../../lib/clock/ScaledClock';
import { createIntegrationClients } from '../../../../local/stepfunctions/integrations/IntegrationClients';
import type { IntegrationDeps } from '../../../../local/stepfunctions/integrations/invokeTask';
import { createServiceWire } from '../../../../local/stepfunctions/integrations/wire/ServiceWire';
import { testClientConfig, timeScale } from '../../../harness/localCloudEnv';

/** How long a service may stay `starting` (PGlite takes seconds) before the suite gives up. */
export const SERVICE_START_TIMEOUT_MS = 40_000;

/**
 * Fails (never skips) when a service these tests need is not running in the shared cloud, naming
 * the fix: start it with LOCAL_SERVICES, or wait until its placeholder is replaced. Waits while a
 * service says `starting` (placeholders say so forever, so they fail after the timeout).
 */
export async function requireRunningServices(names: readonly string[]): Promise<void> {
  const deadline = Date.now() + SERVICE_START_TIMEOUT_MS;
  for (;;) {
    const states = await serviceStates(names);
    const down = names.filter((name) => states[name] !== 'running');
    if (down.length === 0) return;
    if (!down.every((name) => states[name] === 'starting') || Date.now() > deadline) {
      throw new Error(`these tests need ${down.join(', ')} running in the shared cloud (states: ${JSON.stringify(states)}); run with LOCAL_SERVICES=${names.join(',')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
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

/**
 * Integration deps against the shared cloud, on its time scale, with the engine's wire as the
 * engine has it (`{ wire: false }`: every call through the SDK).
 */
export function cloudDeps(options: { readonly wire?: boolean } = {}): IntegrationDeps & { readonly clock: ScaledClock } {
  const { endpoint, region } = testClientConfig();
  const wire = options.wire === false ? undefined : createServiceWire(endpoint);
  return { clients: createIntegrationClients({ endpoint, region }), clock: new ScaledClock({ timeScale: timeScale() }), syncPollIntervalMs: 1000, ...(wire !== undefined ? { wire } : {}) };
}
