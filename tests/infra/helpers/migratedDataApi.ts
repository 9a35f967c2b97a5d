import { applyStatements, ensureRoles, type MigrationProperties } from '../../../infra/lambda/migrateSchema';
import { startDataApiProcess, type DataApiProcess } from '../../local/rds-data/dataApiProcess';

/** A Data API over a fresh Postgres with `migration` applied as the migration Lambda applies it: its roles, then its statements. */
export async function startMigratedDataApi(migration: MigrationProperties): Promise<DataApiProcess> {
  const db = await startDataApiProcess();
  await ensureRoles(db.client, migration);
  await applyStatements(db.client, migration);
  return db;
}
