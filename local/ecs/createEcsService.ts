import type { LocalContext } from '../edge/LocalContext';
import { EcsLocalService } from './EcsLocalService';

/** The local ECS: services defined in code by the local stack, tasks as child processes. */
export async function createEcsService(context: LocalContext): Promise<EcsLocalService> {
  return new EcsLocalService(context);
}
