import { RDSDataClient } from '@aws-sdk/client-rds-data';
import { appSchemaStatements } from '../../../local/bootstrap/bootstrapApp';
import { appResourceNames } from '../../../local/bootstrap/appResourceNames';
import { applySchemaMigration } from '../../../local/bootstrap/applySchemaMigration';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';

describe('applySchemaMigration', () => {
  const rds = new RDSDataClient(testClientConfig());

  afterAll(() => rds.destroy());

  it('applies the same migration from apps starting at once on one database, each to the end', async () => {
    // Four apps bootstrapping together, three times over: each applies nfse.invoices (shared by
    // every app, with its DROP CONSTRAINT + ADD CONSTRAINT pair) and schemas of its own.
    for (let round = 0; round < 3; round += 1) {
      const apps = Array.from({ length: 4 }, () => appResourceNames({ prefix: uniqueName('migrate'), endpoint: testClientConfig().endpoint }));

      const outcomes = await Promise.allSettled(apps.map((names) => applySchemaMigration({ rds, clusterArn: names.dbClusterArn, secretArn: names.dbSecretArn, database: names.dbName }, appSchemaStatements(names))));

      expect(outcomes.map((outcome) => (outcome.status === 'rejected' ? String(outcome.reason) : 'applied'))).toEqual(['applied', 'applied', 'applied', 'applied']);
    }
  }, 120_000);

  it('applies nothing of a migration that fails part way', async () => {
    const names = appResourceNames({ prefix: uniqueName('halfway'), endpoint: testClientConfig().endpoint });
    const target = { rds, clusterArn: names.dbClusterArn, secretArn: names.dbSecretArn, database: names.dbName };
    const schema = names.billingSchema;

    await expect(applySchemaMigration(target, [`CREATE SCHEMA ${schema}`, 'SELECT no_such_function()'])).rejects.toThrow(/no_such_function/);
    await applySchemaMigration(target, [`CREATE SCHEMA ${schema}`]);
  });
});
