import type { Clock } from '../../../lib/clock/Clock';
import type { IntegrationClients } from '../integrations/IntegrationClients';
import { invokeTask } from '../integrations/invokeTask';
import type { EngineExecutions } from '../integrations/optimized/EngineExecutions';
import { parseResource } from '../integrations/parseResource';
import type { ServiceWire } from '../integrations/wire/ServiceWire';
import type { TaskInvoker } from './TaskInvoker';

/** What the integrations reach besides the SDK clients. */
export interface IntegrationReach {
  /** The engine's direct way to the local services' busiest calls. */
  readonly wire?: ServiceWire;
  /** The engine's own executions, for `.sync` tasks to wait on without polling. */
  readonly executions?: EngineExecutions;
}

/** The engine's view of the service integrations in `../integrations`. */
export function integrationInvoker(clients: IntegrationClients, clock: Clock, region: string, accountId: string, reach: IntegrationReach = {}): TaskInvoker {
  const { wire, executions } = reach;
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
        },
        { clients, clock, ...(wire !== undefined ? { wire } : {}), ...(executions !== undefined ? { executions } : {}) },
      ),
  };
}
