import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ApiProcess } from '../../../local/app/ApiProcess';
import { ensureLocalApiKeys } from '../../../local/app/localApiKeys';
import { loadLocalIssuer } from '../../../local/app/startApi';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';

describe('ApiProcess', () => {
  const tenantsTable = uniqueName('tenants');
  let authDir: string;
  let api: ApiProcess;
  let apiKey: string;

  beforeAll(async () => {
    authDir = await fs.mkdtemp(path.join(os.tmpdir(), 'api-process-'));
    const ddb = new DynamoDBClient(testClientConfig());
    await ddb.send(new CreateTableCommand({ TableName: tenantsTable, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'principal', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'principal', KeyType: 'HASH' }] }));
    ddb.destroy();
    // The CLI's key on the cloud's API Gateway, as startLocalApp registers it.
    apiKey = (await ensureLocalApiKeys({ endpoint: testClientConfig().endpoint, prefix: uniqueName('api-process'), authDir })).cli;
    // The parent creates the signing key first, as startLocalApp does; the child loads the same one.
    await loadLocalIssuer(authDir);
    // The handlers read their wiring from the environment, as Lambda functions do.
    api = await ApiProcess.start(
      { port: 0, endpoint: testClientConfig().endpoint, authDir, apiKey, tenantsTable, consoleOrigin: 'http://127.0.0.1:3001' },
      { ...process.env, TENANTS_TABLE: tenantsTable, LOCAL_LOG_LEVEL: 'silent', POWERTOOLS_LOG_LEVEL: 'SILENT' },
    );
  }, 60_000);

  afterAll(async () => {
    await api.stop();
    await fs.rm(authDir, { recursive: true, force: true });
  });

  it('serves the API from its own process', async () => {
    const response = await fetch(`${api.endpoint}/ping`);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
    expect(api.pid).not.toBe(process.pid);
  });

  it('verifies tokens signed with the key its parent holds', async () => {
    const issuer = await loadLocalIssuer(authDir);
    const token = await issuer.sign({ sub: 'nobody-granted' });

    const response = await fetch(`${api.endpoint}/invoices/01JDQ7Z8X9Y0ABCDEFGHJKMNPQ`, { headers: { authorization: `Bearer ${token}`, 'x-api-key': apiKey } });

    // Past the gateway (token and key accepted), the handler finds no grant for this principal.
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'Forbidden' });
  });

  it('exits when stopped', async () => {
    const other = await ApiProcess.start(
      { port: 0, endpoint: testClientConfig().endpoint, authDir, apiKey, tenantsTable: 'unused', consoleOrigin: 'http://127.0.0.1:3001' },
      { ...process.env, LOCAL_LOG_LEVEL: 'silent' },
    );

    await other.stop();

    await expect(fetch(`${other.endpoint}/ping`)).rejects.toThrow();
  }, 60_000);
});
