import { ScaledClock } from '../../../../lib/clock/ScaledClock';
import { createIntegrationClients } from '../../../../local/stepfunctions/integrations/IntegrationClients';
import type { IntegrationDeps } from '../../../../local/stepfunctions/integrations/invokeTask';
import { createServiceWire } from '../../../../local/stepfunctions/integrations/wire/ServiceWire';
import { testClientConfig, timeScale } from '../../../harness/localCloudEnv';

/**
 * Integration deps against the shared cloud, on its time scale, with the engine's wire as the
 * engine has it (`{ wire: false }`: every call through the SDK).
 */
export function cloudDeps(options: { readonly wire?: boolean } = {}): IntegrationDeps & { readonly clock: ScaledClock } {
  const { endpoint, region } = testClientConfig();
  const wire = options.wire === false ? undefined : createServiceWire(endpoint);
  return { clients: createIntegrationClients({ endpoint, region }), clock: new ScaledClock({ timeScale: timeScale() }), syncPollIntervalMs: 1000, ...(wire !== undefined ? { wire } : {}) };
}
