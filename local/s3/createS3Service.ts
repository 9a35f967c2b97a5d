import type { LocalContext } from '../edge/LocalContext';
import type { LocalService } from '../edge/LocalService';
import { awsJsonError } from '../edge/awsErrors';

/** PLACEHOLDER until the service lands. */
export async function createS3Service(_context: LocalContext): Promise<LocalService> {
  return {
    name: 's3',
    handle: async () => awsJsonError(501, 'NotImplemented', 's3 is not implemented yet'),
    health: () => ({ state: 'starting' }),
    stop: async () => undefined,
  };
}
