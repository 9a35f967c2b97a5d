import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AmbiguousProviderError, RejectedProviderError, TransientProviderError } from '../../../../adapter-container/providers/errors';
import { rejectionOfAnswer, SefinClient } from '../../../../adapter-container/providers/nacional/SefinClient';
import { createTestCa, issueA1Certificate, issueServerCertificate, type TestCa } from '../../../../local/certificates/testPki';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe('SefinClient', () => {
  let ca: TestCa;
  let server: https.Server;
  let baseUrl: string;
  let handle: Handler;
  let agent: https.Agent;

  beforeAll(async () => {
    ca = createTestCa('sefin client test CA');
    const serverCertificate = issueServerCertificate(ca);
    // As CityAgents builds it: the company's certificate presented, the city's CA trusted.
    const a1 = issueA1Certificate(ca, { cnpj: '11444777000161', razaoSocial: 'EMPRESA LTDA' });
    agent = new https.Agent({ key: a1.privateKeyPem, cert: a1.certificatePem, ca: ca.certificatePem, keepAlive: false });
    server = https.createServer({ key: serverCertificate.privateKeyPem, cert: serverCertificate.certificatePem, ca: [ca.certificatePem], requestCert: true, rejectUnauthorized: true }, (req, res) => handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}/SefinNacional`;
  });

  afterAll(async () => {
    agent.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const client = (timeoutMs = 2_000, maxResponseBytes?: number): SefinClient => new SefinClient({ baseUrl, timeoutMs, ...(maxResponseBytes === undefined ? {} : { maxResponseBytes }) });

  it('sends JSON over mutual TLS and hands back a 4xx for the provider to read, with its erros kept', async () => {
    let seen: { method?: string; url?: string; body?: string; authorized?: boolean } = {};
    handle = (req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        seen = { method: req.method, url: req.url, body, authorized: (req.socket as import('node:tls').TLSSocket).authorized };
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ erros: [{ Codigo: 'E0014', Descricao: 'DPS já existe', Complemento: 'chave X' }] }));
      });
    };

    const answer = await client().send({ method: 'POST', path: '/nfse', body: { dpsXmlGZipB64: 'H4sI' }, idempotent: false, agent });

    expect(seen).toEqual({ method: 'POST', url: '/SefinNacional/nfse', body: '{"dpsXmlGZipB64":"H4sI"}', authorized: true });
    expect(answer.status).toBe(400);
    expect(rejectionOfAnswer(answer, 'the DPS')).toEqual(new RejectedProviderError('E0014', 'DPS já existe', 'chave X'));
  });

  it('throws a 5xx and a 429 as Provider.Transient', async () => {
    const statuses = [503, 429];
    handle = (_req, res) => {
      res.writeHead(statuses.shift() ?? 500);
      res.end();
    };

    await expect(client().send({ method: 'POST', path: '/nfse', idempotent: false, agent })).rejects.toEqual(new TransientProviderError('HTTP_503', 'the national system answered HTTP 503'));
    await expect(client().send({ method: 'POST', path: '/nfse', idempotent: false, agent })).rejects.toEqual(new TransientProviderError('HTTP_429', 'the national system answered HTTP 429'));
  });

  it('decides a timeout after the request went out: Ambiguous for a write that may have acted, Transient for a read', async () => {
    handle = () => undefined;

    await expect(client(1_000).send({ method: 'POST', path: '/nfse', body: {}, idempotent: false, agent })).rejects.toBeInstanceOf(AmbiguousProviderError);
    await expect(client(1_000).send({ method: 'HEAD', path: '/dps/X', idempotent: true, agent })).rejects.toEqual(expect.objectContaining({ errorName: 'Provider.Transient', code: 'ETIMEDOUT' }));
  });

  it('takes a connection reset after the request was sent as Ambiguous', async () => {
    handle = (req) => req.socket.destroy();

    await expect(client().send({ method: 'POST', path: '/nfse', body: {}, idempotent: false, agent })).rejects.toMatchObject({ errorName: 'Provider.Ambiguous', code: 'ECONNRESET' });
  });

  it('is Transient when nothing reached the system (connection refused)', async () => {
    const refused = new SefinClient({ baseUrl: 'https://127.0.0.1:1/SefinNacional' });

    await expect(refused.send({ method: 'POST', path: '/nfse', body: {}, idempotent: false, agent })).rejects.toMatchObject({ errorName: 'Provider.Transient', code: 'ECONNREFUSED' });
  });

  it('drops an answer past the size cap as Transient', async () => {
    handle = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end(Buffer.alloc(64 * 1024));
    };

    await expect(client(2_000, 1_024).send({ method: 'GET', path: '/danfse/X', idempotent: true, agent })).rejects.toMatchObject({ errorName: 'Provider.Transient', code: 'RESPONSE_TOO_LARGE' });
  });

  it('gives up at once with the signal\'s reason when the caller aborts', async () => {
    handle = () => undefined;
    const controller = new AbortController();
    const call = client(10_000).send({ method: 'POST', path: '/nfse', body: {}, idempotent: false, agent, signal: controller.signal });

    const reason = new Error('the task is gone');
    setTimeout(() => controller.abort(reason), 100);

    await expect(call).rejects.toBe(reason);
  });
});
