import type { Clock } from '../../../lib/clock/Clock';
import type { IntegrationClients } from '../integrations/IntegrationClients';
import { invokeTask, type IntegrationDeps } from '../integrations/invokeTask';
import { parseResource } from '../integrations/parseResource';
import type { TaskInvoker } from './TaskInvoker';

/** What the integrations reach besides the SDK clients: the engine's wire and its own executions. */
export type IntegrationReach = Pick<IntegrationDeps, 'wire' | 'executions'>;

/** The engine's view of the service integrations in `../integrations`. */
export function integrationInvoker(clients: IntegrationClients, clock: Clock, region: string, accountId: string, reach: IntegrationReach = {}): TaskInvoker {
  return {
    parseResource: (resource) => {
      const parsed = parseResource(resource);
      return { resourceType: parsed.resourceType, resource: parsed.resource, pattern: parsed.pattern };
    },
    invoke: (invocation) =>
      invokeTask(
        {
          resource: invocation.resource,
          parameters: invocation.parameters,
          taskToken: invocation.taskToken,
          signal: invocation.signal,
          region,
          accountId,
          executionArn: invocation.executionArn,
          stateMachineArn: invocation.stateMachineArn,
          onSubmitted: invocation.onSubmitted,
          submitted: invocation.submitted,
          takeSubmittedBeforeRestart: invocation.takeSubmittedBeforeRestart,
        },
        { clients, clock, ...reach },
      ),
  };
}
