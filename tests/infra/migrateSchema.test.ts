import { ExecuteStatementCommand, RDSDataClient } from '@aws-sdk/client-rds-data';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { applyStatements, handler, migrationProperties } from '../../infra/lambda/migrateSchema';

const PROPERTIES = { ClusterArn: 'arn:aws:rds:sa-east-1:1:cluster:c', SecretArn: 'arn:aws:secretsmanager:sa-east-1:1:secret:s', Database: 'nfse', Statements: ['CREATE SCHEMA IF NOT EXISTS nfse', 'CREATE TABLE IF NOT EXISTS nfse.t (id text)'] };

const resuming = (): Error => Object.assign(new Error('The database is resuming after being auto-paused'), { name: 'DatabaseResumingException' });

describe('applyStatements', () => {
  const rds = mockClient(RDSDataClient);
  beforeEach(() => rds.reset());

  it('runs every statement in order through the Data API', async () => {
    rds.on(ExecuteStatementCommand).resolves({});
    const count = await applyStatements(rds as unknown as RDSDataClient, PROPERTIES);
    expect(count).toBe(2);
    expect(rds.commandCalls(ExecuteStatementCommand).map((call) => call.args[0].input)).toEqual([
      { resourceArn: PROPERTIES.ClusterArn, secretArn: PROPERTIES.SecretArn, database: 'nfse', sql: 'CREATE SCHEMA IF NOT EXISTS nfse' },
      { resourceArn: PROPERTIES.ClusterArn, secretArn: PROPERTIES.SecretArn, database: 'nfse', sql: 'CREATE TABLE IF NOT EXISTS nfse.t (id text)' },
    ]);
  });

  it('retries while Aurora resumes from 0 ACU', async () => {
    rds.on(ExecuteStatementCommand).rejectsOnce(resuming()).rejectsOnce(resuming()).resolves({});
    const sleeps: number[] = [];
    await applyStatements(rds as unknown as RDSDataClient, PROPERTIES, { delayMs: 7, sleep: async (ms) => void sleeps.push(ms) });
    expect(sleeps).toEqual([7, 7]);
    expect(rds.commandCalls(ExecuteStatementCommand)).toHaveLength(4);
  });

  it('fails at once on a SQL error', async () => {
    rds.on(ExecuteStatementCommand).rejects(Object.assign(new Error('syntax error at or near "CREAT"'), { name: 'BadRequestException' }));
    await expect(applyStatements(rds as unknown as RDSDataClient, PROPERTIES, { sleep: async () => undefined })).rejects.toThrow('syntax error');
    expect(rds.commandCalls(ExecuteStatementCommand)).toHaveLength(1);
  });

  it('gives up after the last attempt', async () => {
    rds.on(ExecuteStatementCommand).rejects(resuming());
    await expect(applyStatements(rds as unknown as RDSDataClient, PROPERTIES, { attempts: 3, sleep: async () => undefined })).rejects.toThrow('resuming');
    expect(rds.commandCalls(ExecuteStatementCommand)).toHaveLength(3);
  });
});

describe('migrationProperties', () => {
  it('names a missing property', () => {
    expect(() => migrationProperties({ ...PROPERTIES, SecretArn: '' })).toThrow('property SecretArn is missing');
    expect(() => migrationProperties({ ...PROPERTIES, Statements: 'CREATE' })).toThrow('property Statements must be a list of SQL strings');
  });
});

describe('handler', () => {
  it('keeps the schema on Delete without calling the Data API', async () => {
    const rds = mockClient(RDSDataClient);
    const event = { RequestType: 'Delete', PhysicalResourceId: 'nfse-schema-X', LogicalResourceId: 'X', ResourceProperties: { ServiceToken: 't', ...PROPERTIES } } as unknown as CloudFormationCustomResourceEvent;
    await expect(handler(event)).resolves.toEqual({ PhysicalResourceId: 'nfse-schema-X', Data: { Statements: 0 } });
    expect(rds.commandCalls(ExecuteStatementCommand)).toHaveLength(0);
    rds.restore();
  });
});
