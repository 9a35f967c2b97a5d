import type { EdgeRequest, EdgeResponse } from '../edge/EdgeRequest';
import type { LocalContext } from '../edge/LocalContext';
import type { LocalService, ServiceState } from '../edge/LocalService';
import { QueueRegistry } from './model/QueueRegistry';
import { SnapshotStore } from './persistence/SnapshotStore';
import { handleJsonRequest } from './protocol/handleJsonRequest';
import { handleQueryRequest } from './protocol/handleQueryRequest';
import { READ_ONLY_OPERATIONS } from './protocol/sqsOperations';

/**
 * The local SQS: an in-memory queue model behind the AWS JSON protocol (and the query protocol
 * of older clients), persisted to `context.dataDir` when one is given.
 */
export async function createSqsService(context: LocalContext): Promise<LocalService> {
  const registry = new QueueRegistry({ clock: context.clock, endpoint: context.endpoint, region: context.region, accountId: context.accountId });
  const store = context.dataDir !== undefined ? new SnapshotStore({ dataDir: context.dataDir, registry, clock: context.clock, logger: context.logger }) : undefined;
  store?.load();
  let state: ServiceState = 'running';

  return {
    name: 'sqs',
    async handle(request: EdgeRequest): Promise<EdgeResponse> {
      const json = request.target !== undefined;
      const response = json ? await handleJsonRequest(registry, request) : await handleQueryRequest(registry, request);
      if (store !== undefined && !(json && READ_ONLY_OPERATIONS.has(request.target ?? ''))) {
        store.markDirty();
        // A receive whose caller goes away gives its messages back after this answer.
        if (!json || request.target === 'ReceiveMessage') request.clientGone?.signal.addEventListener('abort', () => store.markDirty(), { once: true });
      }
      return response;
    },
    health: () => ({ state, detail: `${registry.allQueues().length} queues${context.dataDir !== undefined ? `, persisted to ${context.dataDir}` : ', in memory'}` }),
    async stop(): Promise<void> {
      registry.shutdown();
      store?.flushSync();
      state = 'stopped';
    },
  };
}
