import type { LocalContext } from '../edge/LocalContext';
import type { LocalService } from '../edge/LocalService';
import { RdsDataService, type RdsDataServiceOptions } from './RdsDataService';

/**
 * The local RDS Data API: Aurora PostgreSQL's Data API (`POST /Execute`, `/BatchExecute`,
 * `/BeginTransaction`, `/CommitTransaction`, `/RollbackTransaction`) for the real AWS SDK.
 *
 * Backend: embedded PGlite (one instance per process, started here, which takes a few seconds; in
 * memory, or in `<dataDir>/rds-data/pgdata`), or a real Postgres when `DATABASE_URL` is set. The
 * service is returned once the backend serves, so a cloud that started can answer at once, and a
 * backend that cannot start (a wrong `DATABASE_URL`) fails the cloud's start loudly.
 * The request's `database` maps to a schema of that name (created on first use, first on the
 * `search_path`); no database, or `postgres`, means `public`. On PGlite a transaction holds the one
 * session until it ends: other calls wait for it. Transactions are rolled back after 3 minutes
 * idle (on the cloud's clock, so 18 s at timeScale 0.1).
 *
 * Knobs (durations in AWS seconds, scaled by the cloud's timeScale):
 * - env `LOCAL_RDS_RESUMING_FIRST=1`: start paused — the first Data API call answers
 *   `DatabaseResumingException` (400), as a paused Aurora Serverless v2 cluster does;
 *   `LOCAL_RDS_RESUME_SECONDS=N`: calls keep answering it for N seconds after the first;
 *   `LOCAL_RDS_AUTO_PAUSE_SECONDS=N`: pause again after N idle seconds.
 * - Admin paths (answer the knob state `{backend, cluster, outage, openTransactions}`; each takes
 *   an optional `"resourceArn"` in its body, or `?resourceArn=` for `state`, to act on that cluster
 *   only, so suites sharing one cloud do not trip each other; without one, on every cluster):
 *   - `POST /_local/rds-data/pause {"resumeSeconds"?: N}`: pause now; the next call answers
 *     `DatabaseResumingException`, and so does every call for N more seconds (default 0).
 *   - `POST /_local/rds-data/outage {"seconds": N}`: for N seconds every Data API call answers
 *     `ServiceUnavailableError` (503, retried by the SDK) — "Data API down past retries";
 *     `{"seconds": 0}` ends it.
 *   - `POST /_local/rds-data/resume`: end any pause and outage.
 *   - `GET /_local/rds-data/state`.
 *   The edge routes by SigV4 scope, so an admin call must carry an `Authorization` header whose
 *   credential scope names `rds-data` (no valid signature needed): use {@link rdsDataAdmin}.
 *
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api.html
 */
export async function createRdsDataService(context: LocalContext, options: RdsDataServiceOptions = {}): Promise<LocalService> {
  const service = new RdsDataService(context, options);
  try {
    await service.ready();
  } catch (error) {
    await service.stop();
    throw error;
  }
  return service;
}

export { rdsDataAdmin } from './rdsDataAdmin';
