import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LocalJwtIssuer } from '../../../local/apigateway/LocalJwtIssuer';

describe('LocalJwtIssuer', () => {
  let keyDir: string;
  let issuer: LocalJwtIssuer;

  beforeAll(async () => {
    keyDir = await fs.mkdtemp(path.join(os.tmpdir(), 'issuer-'));
    issuer = await LocalJwtIssuer.create('http://127.0.0.1/local-issuer', path.join(keyDir, 'key.json'));
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  afterAll(async () => {
    await fs.rm(keyDir, { recursive: true, force: true });
  });

  it('answers the same claims when a token is verified again', async () => {
    const token = await issuer.sign({ sub: 'user-1', groups: ['client'] });

    const first = await issuer.verify(token);
    const second = await issuer.verify(token);

    expect(second).toEqual(first);
    expect(second).toMatchObject({ sub: 'user-1', 'cognito:groups': ['client'], iss: 'http://127.0.0.1/local-issuer' });
  });

  it('refuses a token it verified before once that token has expired', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-23T12:00:00.000Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const token = await issuer.sign({ sub: 'user-2', ttlSeconds: 60 });
    await issuer.verify(token);

    jest.setSystemTime(new Date('2026-11-23T12:01:01.000Z'));

    await expect(issuer.verify(token)).rejects.toThrow(/"exp" claim timestamp check failed/);
  });

  it('refuses a token signed by another key after verifying a good one', async () => {
    const other = await LocalJwtIssuer.create('http://127.0.0.1/local-issuer', path.join(keyDir, 'other-key.json'));
    await issuer.verify(await issuer.sign({ sub: 'user-3' }));

    await expect(issuer.verify(await other.sign({ sub: 'user-3' }))).rejects.toThrow(/no applicable key found|signature verification failed/);
  });
});
