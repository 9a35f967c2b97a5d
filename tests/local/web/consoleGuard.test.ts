import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import pino from 'pino';
import type { LocalApiGateway } from '../../../local/apigateway/LocalApiGateway';
import { localClientApiKey } from '../../../local/app/authMaterial';
import { startApi } from '../../../local/app/startApi';
import { ConsoleServer } from '../../../local/web/ConsoleServer';
import { localConsoleConfig } from '../../../local/web/localConsoleConfig';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';
import { rawRequest } from '../guard/rawRequest';

describe('the console port: who may call it, and the local sign-in through it', () => {
  const tenantsTable = uniqueName('tenants');
  const ddb = new DynamoDBClient(testClientConfig());
  let dir: string;
  let api: LocalApiGateway;
  let server: ConsoleServer;
  let origin: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'console-guard-'));
    await fs.writeFile(path.join(dir, 'index.html'), '<!doctype html><title>console</title>');
    await ddb.send(new CreateTableCommand({ TableName: tenantsTable, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'principal', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'principal', KeyType: 'HASH' }] }));
    let apiUrl = 'http://127.0.0.1:1';
    server = await new ConsoleServer({ distDir: dir, port: 0, config: () => localConsoleConfig(apiUrl) }).start();
    origin = server.endpoint;
    api = await startApi({ port: 0, endpoint: testClientConfig().endpoint, authDir: dir, apiKey: await localClientApiKey(dir, 'cli'), tenantsTable, consoleOrigin: origin }, pino({ level: 'silent' }));
    apiUrl = api.endpoint;
  });

  afterAll(async () => {
    await server.stop();
    await api.stop();
    ddb.destroy();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const signInBody = JSON.stringify({ sub: 'console-ops-x', cnpjs: ['11222333000181'], role: 'ops', ttlSeconds: 3600 });

  it('refuses a rebound Host and another origin', async () => {
    const port = new URL(origin).port;

    const rebound = await rawRequest(`${origin}/`, { headers: { host: `rebind.example:${port}` } });
    const page = await rawRequest(`${origin}/config.json`, { headers: { origin: 'https://evil.example' } });

    expect([rebound.status, page.status]).toEqual([403, 403]);
    expect(page.text).toBe(`The local console refuses requests from web pages: Origin 'https://evil.example' is not allowed (it accepts only ${origin})`);
  });

  it('tells the browser to sign in at its own origin', async () => {
    const answer = await rawRequest(`${origin}/config.json`);

    expect(JSON.parse(answer.text).auth.tokenUrl).toBe(`${origin}/local/token`);
    expect(JSON.parse(answer.text).apiUrl).toBe(api.endpoint);
  });

  it('signs the console in through the API’s token endpoint, which takes no browser origin itself', async () => {
    const direct = await rawRequest(`${api.endpoint}/local/token`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: signInBody });

    const viaConsole = await rawRequest(`${origin}/local/token`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: signInBody });

    expect(direct.status).toBe(403);
    expect(viaConsole.status).toBe(200);
    expect(JSON.parse(viaConsole.text)).toMatchObject({ principal: 'console-ops-x', role: 'ops', cnpjs: ['11222333000181'] });
    const grant = await ddb.send(new GetItemCommand({ TableName: tenantsTable, Key: { principal: { S: 'console-ops-x' } } }));
    expect(grant.Item?.role).toEqual({ S: 'ops' });
  });

  it('signs in no other page, and no form', async () => {
    const page = await rawRequest(`${origin}/local/token`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: signInBody.replace('console-ops-x', 'evil-ops') });
    const form = await rawRequest(`${origin}/local/token`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: signInBody.replace('console-ops-x', 'evil-ops') });

    expect([page.status, form.status]).toEqual([403, 415]);
    expect(JSON.parse(form.text)).toEqual({ message: "Sign-in takes a JSON body (Content-Type application/json); got 'text/plain'" });
    const grant = await ddb.send(new GetItemCommand({ TableName: tenantsTable, Key: { principal: { S: 'evil-ops' } } }));
    expect(grant.Item).toBeUndefined();
  });
});
