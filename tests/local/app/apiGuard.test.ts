import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import pino from 'pino';
import type { LocalApiGateway } from '../../../local/apigateway/LocalApiGateway';
import { localClientApiKey } from '../../../local/app/authMaterial';
import { startApi } from '../../../local/app/startApi';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';
import { rawRequest } from '../guard/rawRequest';

const CONSOLE = 'http://127.0.0.1:3001';
const GRANT = JSON.stringify({ sub: 'page-made-ops', cnpjs: ['11222333000181'], role: 'ops' });

describe('the REST API port: who may call it', () => {
  const tenantsTable = uniqueName('tenants');
  const ddb = new DynamoDBClient(testClientConfig());
  let authDir: string;
  let api: LocalApiGateway;
  let port: string;

  beforeAll(async () => {
    authDir = await fs.mkdtemp(path.join(os.tmpdir(), 'api-guard-'));
    await ddb.send(new CreateTableCommand({ TableName: tenantsTable, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'principal', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'principal', KeyType: 'HASH' }] }));
    api = await startApi({ port: 0, endpoint: testClientConfig().endpoint, authDir, apiKey: await localClientApiKey(authDir, 'cli'), tenantsTable, consoleOrigin: CONSOLE }, pino({ level: 'silent' }));
    port = new URL(api.endpoint).port;
  });

  afterAll(async () => {
    await api.stop();
    ddb.destroy();
    await fs.rm(authDir, { recursive: true, force: true });
  });

  async function granted(principal: string): Promise<boolean> {
    const item = await ddb.send(new GetItemCommand({ TableName: tenantsTable, Key: { principal: { S: principal } } }));
    return item.Item !== undefined;
  }

  it('refuses a rebound Host with the API’s error body', async () => {
    const answer = await rawRequest(`${api.endpoint}/ping`, { headers: { host: `rebind.example:${port}` } });

    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text)).toEqual({
      message: `The local REST API refuses Host 'rebind.example:${port}': it answers only 127.0.0.1:${port}, localhost:${port}, [::1]:${port} (a page can point its own name at 127.0.0.1; start with --host, or list the name in LOCAL_ALLOWED_HOSTS, to allow another)`,
      code: 'Forbidden',
    });
  });

  it('serves the console’s origin with CORS and refuses any other', async () => {
    const console = await rawRequest(`${api.endpoint}/ping`, { headers: { origin: CONSOLE } });
    const other = await rawRequest(`${api.endpoint}/ping`, { headers: { origin: 'https://evil.example' } });

    expect(console.status).toBe(200);
    expect(console.headers['access-control-allow-origin']).toBe(CONSOLE);
    expect(other.status).toBe(403);
    expect(JSON.parse(other.text)).toEqual({ message: `The local REST API refuses requests from web pages: Origin 'https://evil.example' is not allowed (it accepts only ${CONSOLE})`, code: 'Forbidden' });
  });

  it('mints no token for any browser origin, the console’s included', async () => {
    const fromPage = await rawRequest(`${api.endpoint}/local/token`, { method: 'POST', headers: { origin: CONSOLE, 'content-type': 'application/json' }, body: GRANT });

    expect(fromPage.status).toBe(403);
    expect(JSON.parse(fromPage.text)).toEqual({ message: `The dev token endpoint refuses requests from web pages: Origin '${CONSOLE}' is not allowed (it accepts no browser origin)`, code: 'Forbidden' });
    expect(await granted('page-made-ops')).toBe(false);
  });

  it('mints no token from a text/plain form post, and one from a JSON post without Origin (the CLI)', async () => {
    const form = await rawRequest(`${api.endpoint}/local/token`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: GRANT });
    const cli = await rawRequest(`${api.endpoint}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: GRANT.replace('page-made-ops', 'cli-ops') });

    expect(form.status).toBe(415);
    expect(JSON.parse(form.text)).toEqual({ message: "POST /local/token takes a JSON body (Content-Type application/json); got 'text/plain'", code: 'UnsupportedMediaType' });
    expect(await granted('page-made-ops')).toBe(false);
    expect(cli.status).toBe(200);
    expect(JSON.parse(cli.text)).toMatchObject({ principal: 'cli-ops', role: 'ops' });
  });
});
