import type { LocalContext } from '../edge/LocalContext';
import type { LocalService } from '../edge/LocalService';
import { awsJsonError } from '../edge/awsErrors';

/** PLACEHOLDER until the service lands. */
export async function createDynamoDbService(_context: LocalContext): Promise<LocalService> {
  return {
    name: 'dynamodb',
    handle: async () => awsJsonError(501, 'NotImplemented', 'dynamodb is not implemented yet'),
    health: () => ({ state: 'starting' }),
    stop: async () => undefined,
  };
}
