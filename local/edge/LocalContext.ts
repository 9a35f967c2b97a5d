import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock/Clock';
import type { SfnQuotas } from '../stepfunctions/quotas/sfnQuotaProfiles';

/** What every local service is created with. */
export interface LocalContext {
  /** The edge's base URL, e.g. `http://127.0.0.1:4566` (QueueUrls and SDK clients point here). */
  readonly endpoint: string;
  readonly region: string;
  readonly accountId: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Where this service persists its state; undefined means in memory. */
  readonly dataDir?: string;
  /** Step Functions' API throttles (`--sfn-quotas`); undefined: none, the default. */
  readonly sfnQuotas?: SfnQuotas;
}

export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_REGION = 'us-east-1';
