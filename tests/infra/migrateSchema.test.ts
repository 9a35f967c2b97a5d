import { ExecuteStatementCommand, RDSDataClient } from '@aws-sdk/client-rds-data';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { applyStatements, ensureRoles, handler, migrationProperties } from '../../infra/lambda/migrateSchema';

const PROPERTIES = {
  ClusterArn: 'arn:aws:rds:sa-east-1:1:cluster:c',
  SecretArn: 'arn:aws:secretsmanager:sa-east-1:1:secret:s',
  Database: 'nfse',
  Statements: ['CREATE SCHEMA IF NOT EXISTS nfse', 'CREATE TABLE IF NOT EXISTS nfse.t (id text)'],
  Roles: ['nfse_report_writer', 'nfse_report_reader'],
};

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

describe('ensureRoles', () => {
  const rds = mockClient(RDSDataClient);
  beforeEach(() => rds.reset());
  const lookup = (role: string): Record<string, unknown> => ({
    resourceArn: PROPERTIES.ClusterArn,
    secretArn: PROPERTIES.SecretArn,
    database: 'nfse',
    sql: 'SELECT 1 FROM pg_roles WHERE rolname = :name',
    parameters: [{ name: 'name', value: { stringValue: role } }],
  });

  it('creates each missing role as a LOGIN role without a password (rotation sets it), and leaves existing ones', async () => {
    rds.on(ExecuteStatementCommand, { sql: 'SELECT 1 FROM pg_roles WHERE rolname = :name' }).callsFake((input: { parameters: Array<{ value: { stringValue: string } }> }) => ({
      records: input.parameters[0].value.stringValue === 'nfse_report_reader' ? [[{ longValue: 1 }]] : [],
    }));
    rds.on(ExecuteStatementCommand, { sql: 'CREATE ROLE "nfse_report_writer" WITH LOGIN' }).resolves({});

    const created = await ensureRoles(rds as unknown as RDSDataClient, PROPERTIES);

    expect(created).toEqual(['nfse_report_writer']);
    expect(rds.commandCalls(ExecuteStatementCommand).map((call) => call.args[0].input)).toEqual([
      lookup('nfse_report_writer'),
      { resourceArn: PROPERTIES.ClusterArn, secretArn: PROPERTIES.SecretArn, database: 'nfse', sql: 'CREATE ROLE "nfse_report_writer" WITH LOGIN' },
      lookup('nfse_report_reader'),
    ]);
  });

  it('retries while Aurora resumes', async () => {
    rds.on(ExecuteStatementCommand).rejectsOnce(resuming()).resolves({ records: [[{ longValue: 1 }]] });
    const sleeps: number[] = [];
    await expect(ensureRoles(rds as unknown as RDSDataClient, PROPERTIES, { delayMs: 3, sleep: async (ms) => void sleeps.push(ms) })).resolves.toEqual([]);
    expect(sleeps).toEqual([3]);
  });

  it('refuses a role name that is not a plain lowercase identifier, before any call', async () => {
    await expect(ensureRoles(rds as unknown as RDSDataClient, { ...PROPERTIES, Roles: ['nfse"; DROP ROLE x; --'] })).rejects.toThrow('role name "nfse\\"; DROP ROLE x; --" must be a lowercase identifier');
    expect(rds.commandCalls(ExecuteStatementCommand)).toHaveLength(0);
  });
});

describe('migrationProperties', () => {
  it('names a missing property', () => {
    expect(() => migrationProperties({ ...PROPERTIES, SecretArn: '' })).toThrow('property SecretArn is missing');
    expect(() => migrationProperties({ ...PROPERTIES, Statements: 'CREATE' })).toThrow('property Statements must be a list of SQL strings');
    expect(() => migrationProperties({ ...PROPERTIES, Roles: 'nfse_report_writer' })).toThrow('property Roles must be a list of role names');
  });

  it('reads the roles, none when the property is absent', () => {
    expect(migrationProperties(PROPERTIES).Roles).toEqual(['nfse_report_writer', 'nfse_report_reader']);
    const { Roles: _roles, ...withoutRoles } = PROPERTIES;
    expect(migrationProperties(withoutRoles).Roles).toEqual([]);
  });
});

describe('handler', () => {
  it('keeps the schema and the roles on Delete without calling the Data API', async () => {
    const rds = mockClient(RDSDataClient);
    const event = { RequestType: 'Delete', PhysicalResourceId: 'nfse-schema-X', LogicalResourceId: 'X', ResourceProperties: { ServiceToken: 't', ...PROPERTIES } } as unknown as CloudFormationCustomResourceEvent;
    await expect(handler(event)).resolves.toEqual({ PhysicalResourceId: 'nfse-schema-X', Data: { Statements: 0, RolesCreated: 0 } });
    expect(rds.commandCalls(ExecuteStatementCommand)).toHaveLength(0);
    rds.restore();
  });

  it('creates the roles before it applies the statements (the grants name them)', async () => {
    const rds = mockClient(RDSDataClient);
    rds.on(ExecuteStatementCommand).resolves({ records: [] });
    const event = { RequestType: 'Create', LogicalResourceId: 'X', ResourceProperties: { ServiceToken: 't', ...PROPERTIES } } as unknown as CloudFormationCustomResourceEvent;
    await expect(handler(event)).resolves.toEqual({ PhysicalResourceId: 'nfse-schema-X', Data: { Statements: 2, RolesCreated: 2 } });
    expect(rds.commandCalls(ExecuteStatementCommand).map((call) => call.args[0].input.sql)).toEqual([
      'SELECT 1 FROM pg_roles WHERE rolname = :name',
      'CREATE ROLE "nfse_report_writer" WITH LOGIN',
      'SELECT 1 FROM pg_roles WHERE rolname = :name',
      'CREATE ROLE "nfse_report_reader" WITH LOGIN',
      'CREATE SCHEMA IF NOT EXISTS nfse',
      'CREATE TABLE IF NOT EXISTS nfse.t (id text)',
    ]);
    rds.restore();
  });
});
