import type { LocalContext } from '../edge/LocalContext';
import { SecretsManagerService } from './SecretsManagerService';

/** The local Secrets Manager, reloaded from the data directory when there is one. */
export async function createSecretsManagerService(context: LocalContext): Promise<SecretsManagerService> {
  return new SecretsManagerService(context);
}
