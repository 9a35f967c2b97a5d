import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { ScaledClock } from '../../../lib/clock/ScaledClock';
import { startLocalApp, type LocalApp } from '../../../local/app/startLocalApp';
import { testClientConfig, timeScale, uniqueName } from '../../harness/localCloudEnv';

const CNPJ = '11444777000161';

describe('grants from the dev token endpoint, across a restart with the tables in memory', () => {
  let authDir: string;
  const apps: LocalApp[] = [];

  /** The app on fresh tables (a new prefix: as a restart without --data finds them) and the kept auth directory. */
  async function start(): Promise<LocalApp> {
    const app = await startLocalApp({
      endpoint: testClientConfig().endpoint,
      clock: new ScaledClock({ timeScale: timeScale() }),
      timeScale: timeScale(),
      prefix: uniqueName('grants'),
      apiPort: 0,
      mockPort: 0,
      authDir,
      adapters: { mode: 'in-process', count: 0 },
      logger: pino({ level: 'silent' }),
    });
    apps.push(app);
    return app;
  }

  async function token(app: LocalApp, body: Record<string, unknown>): Promise<{ token: string; principal: string }> {
    const response = await fetch(`${app.api.endpoint}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    return (await response.json()) as { token: string; principal: string };
  }

  async function me(app: LocalApp, bearer: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${app.api.endpoint}/me`, { headers: { authorization: `Bearer ${bearer}`, 'x-api-key': app.apiKey } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  beforeAll(async () => {
    authDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nfse-grants-'));
  });

  afterAll(async () => {
    for (const app of apps) await app.stop();
    await fs.rm(authDir, { recursive: true, force: true });
  });

  it('keeps each token its own principal and its grant, which the next start writes back', async () => {
    const before = await start();
    const first = await token(before, { cnpjs: [CNPJ], role: 'viewer' });
    const second = await token(before, { cnpjs: ['11222333000181'] });
    await before.stop();
    apps.pop();

    const after = await start();
    const answer = await me(after, first.token);

    expect(first.principal).toMatch(/^dev-viewer-[0-9a-f]{8}$/);
    expect(second.principal).not.toBe(first.principal);
    expect(answer).toEqual({ status: 200, body: { principal: first.principal, role: 'viewer', cnpjs: [CNPJ], allCompanies: false } });
    expect((await me(after, second.token)).body).toMatchObject({ principal: second.principal, role: 'client', cnpjs: ['11222333000181'] });
  }, 60_000);
});
