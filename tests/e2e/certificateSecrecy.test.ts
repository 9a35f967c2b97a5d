import { Writable } from 'node:stream';
import { CreateSecretCommand, DeleteSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import pino from 'pino';
import { DEMO_COMPANY } from '../../local/app/demoInvoice';
import { createTestCa, issueA1Certificate, toPfx } from '../../local/certificates/testPki';
import { logger } from '../../tasks/shared/logger';
import { testClientConfig } from '../harness/localCloudEnv';
import { startE2eApp, type E2eApp } from './e2eApp';

const CNPJ = '11222334000126';
const BROKEN = '11222335000170';
const PASSWORD = 'Senha-do-A1-7f3c9e';

/** Whether `text` holds any `size` consecutive characters of `secret` (a message quoting a piece of a body counts). */
function showsPartOf(text: string, secret: string, size: number): boolean {
  for (let start = 0; start + size <= secret.length; start++) if (text.includes(secret.slice(start, start + size))) return true;
  return false;
}

describe('certificate material never reaches a log line or an answer', () => {
  let e2e: E2eApp;
  const lines: string[] = [];
  const spies: jest.SpyInstance[] = [];

  beforeAll(async () => {
    // The local gateway's lines (pino) and the handlers' (Powertools, on stdout and stderr), at their most talkative.
    const gatewayLog = new Writable({ write: (chunk: Buffer, _encoding, done) => { lines.push(chunk.toString('utf8')); done(); } });
    e2e = await startE2eApp({ logger: pino({ level: 'trace' }, gatewayLog) });
    logger.setLogLevel('DEBUG');
    const keep = (chunk: string | Uint8Array): boolean => {
      lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    };
    spies.push(jest.spyOn(process.stdout, 'write').mockImplementation(keep), jest.spyOn(process.stderr, 'write').mockImplementation(keep));
  }, 60_000);

  afterAll(async () => {
    for (const spy of spies) spy.mockRestore();
    logger.setLogLevel('INFO');
    await e2e.stop();
  });

  it('uploads, refuses, fails and reads certificates without the password, the .pfx or the private key in any log line or answer', async () => {
    const ca = createTestCa('secrecy CA');
    const issued = issueA1Certificate(ca, { cnpj: CNPJ, razaoSocial: 'EMPRESA SIGILOSA LTDA' });
    const pfxBase64 = toPfx(issued, PASSWORD, [ca.certificatePem]).toString('base64');
    const other = toPfx(issueA1Certificate(ca, { cnpj: BROKEN, razaoSocial: 'OUTRA' }), PASSWORD).toString('base64');
    const admin = await e2e.token('secrecy-admin', [CNPJ, BROKEN], 'admin', { certificates: false });
    // A secret waiting out its deletion: Secrets Manager refuses to create it again, so that upload fails (500).
    const secrets = new SecretsManagerClient(testClientConfig());
    await secrets.send(new CreateSecretCommand({ Name: `${e2e.app.names.prefix}/companies/${BROKEN}/certificate`, SecretString: '{}' }));
    await secrets.send(new DeleteSecretCommand({ SecretId: `${e2e.app.names.prefix}/companies/${BROKEN}/certificate`, RecoveryWindowInDays: 7 }));
    secrets.destroy();
    const path = `/companies/${CNPJ}/certificate`;

    const answers = [
      await e2e.call('PUT', path, admin, { pfxBase64, password: PASSWORD }),
      await e2e.call('PUT', path, admin, { pfxBase64, password: `${PASSWORD}-errada` }),
      await e2e.call('PUT', path, admin, { pfxBase64: other, password: PASSWORD }),
      await e2e.call('PUT', path, admin, `{"pfxBase64":"${pfxBase64}","password": ${PASSWORD}}`),
      await e2e.call('PUT', path, admin, { pfxBase64: `${pfxBase64}!`, password: PASSWORD }),
      await e2e.call('PUT', `/companies/${BROKEN}/certificate`, admin, { pfxBase64: other, password: PASSWORD }),
      await e2e.call('GET', path, admin),
      await e2e.call('GET', `/companies/${CNPJ}`, admin),
      await e2e.call('PUT', `/companies/${CNPJ}`, admin, DEMO_COMPANY),
      await e2e.call('GET', '/companies', admin),
    ];
    await new Promise((resolve) => setImmediate(resolve));

    expect(answers.map((answer) => answer.status)).toEqual([201, 422, 422, 400, 400, 500, 200, 200, 200, 200]);
    const logged = lines.join('');
    // The lines are there — the check below is not looking at nothing.
    expect(logged).toContain('"message":"certificate stored"');
    expect(logged).toContain('"message":"request refused"');
    expect(logged).toContain('"message":"request failed"');
    const answered = answers.map((answer) => `${JSON.stringify(answer.body)} ${JSON.stringify([...answer.headers])}`).join('\n');
    const keyBody = issued.privateKeyPem.split('\n').filter((line) => !line.startsWith('-----')).join('');
    const secretsIn = (text: string): string[] => [
      ...(showsPartOf(text, PASSWORD, 8) ? ['password'] : []),
      ...(showsPartOf(text, pfxBase64, 24) ? ['pfxBase64'] : []),
      ...(showsPartOf(text, other, 24) ? ['the other pfxBase64'] : []),
      ...(showsPartOf(text, keyBody, 24) || /PRIVATE KEY/.test(text) ? ['private key'] : []),
    ];
    expect({ logs: secretsIn(logged), answers: secretsIn(answered) }).toEqual({ logs: [], answers: [] });
  });
});
