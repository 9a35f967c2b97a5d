import type { LocalContext } from '../edge/LocalContext';
import type { LocalService } from '../edge/LocalService';
import { StepFunctionsApi } from './api/StepFunctionsApi';
import { engineExecutions } from './api/engineExecutions';
import { StepFunctionsBackend } from './api/StepFunctionsBackend';
import { StepFunctionsJournal } from './durability/StepFunctionsJournal';
import type { EngineDependencies } from './engine/ExecutionRuntime';
import { integrationInvoker } from './engine/integrationInvoker';
import { TaskTokenRegistry } from './engine/TaskTokenRegistry';
import { createIntegrationClients, destroyIntegrationClients } from './integrations/IntegrationClients';
import { createServiceWire } from './integrations/wire/ServiceWire';
import { evaluateIntrinsic } from './intrinsics/evaluateIntrinsic';
import { ApiThrottle } from './quotas/ApiThrottle';
import { TokenBucket } from './quotas/TokenBucket';
import { TransitionThrottle } from './quotas/TransitionThrottle';

/**
 * The local Step Functions: our own Amazon States Language engine behind the AWS JSON 1.0 API.
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/Welcome.html
 */
export async function createStepFunctionsService(context: LocalContext): Promise<LocalService> {
  const clients = createIntegrationClients(context);
  const wire = createServiceWire(context.endpoint);
  const transitionQuota = context.sfnQuotas?.StateTransition;
  const stateTransitions = transitionQuota === undefined ? undefined : new TransitionThrottle(new TokenBucket(transitionQuota, () => context.clock.now()));
  // The integrations' `states` client calls this engine's edge: its `.sync` tasks wait on the
  // backend's executions (looked up only once a task runs, after the backend below exists).
  const executions = engineExecutions((executionArn) => backend.executions.get(executionArn));
  const deps: EngineDependencies = {
    ...(stateTransitions !== undefined ? { stateTransitions } : {}),
    clock: context.clock,
    evaluateIntrinsic,
    invokeTask: integrationInvoker(clients, context.clock, context.region, context.accountId, { wire, executions }),
    tokens: new TaskTokenRegistry(),
    region: context.region,
    accountId: context.accountId,
  };
  const journal = context.dataDir === undefined ? undefined : StepFunctionsJournal.open(context.dataDir);
  const backend = new StepFunctionsBackend(deps, context.region, context.accountId, journal);
  backend.restore();
  const throttle = context.sfnQuotas === undefined ? undefined : new ApiThrottle(context.sfnQuotas, () => context.clock.now());
  const detail = (): string => [throttle?.describe(), stateTransitions === undefined ? undefined : `delayed state transitions: ${stateTransitions.delayed}`].filter((part) => part !== undefined).join('; ');
  const api = new StepFunctionsApi(backend, context.logger, throttle);
  let state: 'running' | 'stopped' = 'running';
  return {
    name: 'states',
    handle: (request) => api.handle(request),
    health: () => (throttle === undefined ? { state } : { state, detail: detail() }),
    stop: async () => {
      state = 'stopped';
      backend.haltAll();
      await backend.flush();
      destroyIntegrationClients(clients);
      wire?.destroy();
    },
  };
}
