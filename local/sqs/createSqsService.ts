import type { LocalContext } from '../edge/LocalContext';
import type { LocalService } from '../edge/LocalService';
import { awsJsonError } from '../edge/awsErrors';

/** PLACEHOLDER until the service lands. */
export async function createSqsService(_context: LocalContext): Promise<LocalService> {
  return {
    name: 'sqs',
    handle: async () => awsJsonError(501, 'NotImplemented', 'sqs is not implemented yet'),
    health: () => ({ state: 'starting' }),
    stop: async () => undefined,
  };
}
