import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AbrasfSoapTransport } from '../../../../adapter-container/providers/abrasf-2.04/AbrasfSoapTransport';
import { DEFAULT_SOAP_NAMESPACE } from '../../../../adapter-container/providers/abrasf-2.04/abrasfWsdl';
import { AmbiguousProviderError, TransientProviderError } from '../../../../adapter-container/providers/errors';
import { soapResponse } from '../../../../local/provider-mock/soapEnvelope';

describe('AbrasfSoapTransport', () => {
  let server: http.Server;
  let endpoint: string;
  let connections = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const body = soapResponse('GerarNfse', DEFAULT_SOAP_NAMESPACE, '<GerarNfseResposta/>');
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
    });
    server.keepAliveTimeout = 65_000;
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/nfse`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  });

  beforeEach(() => {
    connections = 0;
  });

  it('reuses one connection for calls in a row', async () => {
    const transport = await AbrasfSoapTransport.create({ endpoint, timeoutMs: 2_000 });

    const outputs = [await transport.call('GerarNfse', '<cabecalho/>', '<dados/>', false), await transport.call('GerarNfse', '<cabecalho/>', '<dados/>', false)];

    expect(outputs).toEqual(['<GerarNfseResposta/>', '<GerarNfseResposta/>']);
    expect(connections).toBe(1);
  });

  it('opens a connection per call when keep-alive is off', async () => {
    const transport = await AbrasfSoapTransport.create({ endpoint, timeoutMs: 2_000, keepAlive: false });

    await transport.call('GerarNfse', '<cabecalho/>', '<dados/>', false);
    await transport.call('GerarNfse', '<cabecalho/>', '<dados/>', false);

    expect(connections).toBe(2);
  });
});

describe('AbrasfSoapTransport, when a call is abandoned or its answer runs away', () => {
  const envelope = soapResponse('GerarNfse', DEFAULT_SOAP_NAMESPACE, `<GerarNfseResposta>${'x'.repeat(64 * 1024)}</GerarNfseResposta>`);
  let server: http.Server;
  let base: string;
  /** Requests that reached the city and whose connection is still open. */
  let open = 0;
  let arrived: Array<() => void> = [];
  let closed: Array<() => void> = [];

  /** Resolves when the next request reaches the city. */
  function nextArrival(): Promise<void> {
    return new Promise((resolve) => arrived.push(resolve));
  }

  /** Resolves when the city sees the next request's connection close. */
  function nextClose(): Promise<void> {
    return new Promise((resolve) => closed.push(resolve));
  }

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      open++;
      res.on('close', () => {
        open--;
        for (const resolve of closed.splice(0)) resolve();
      });
      req.resume();
      req.on('end', () => {
        for (const resolve of arrived.splice(0)) resolve();
        if (req.url === '/declared-big') {
          res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(envelope) });
          res.end(envelope);
        } else if (req.url === '/endless') {
          // Chunked, no Content-Length, never ending: only the client can stop it.
          res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
          const chunk = 'x'.repeat(16 * 1024);
          const timer = setInterval(() => res.write(chunk), 2);
          res.on('close', () => clearInterval(timer));
        }
        // '/hold': the city took the request and never answers.
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  });

  beforeEach(() => {
    arrived = [];
    closed = [];
  });

  /** The call's outcome, or 'still waiting' when it has not settled within `ms`. */
  function within<T>(call: Promise<T>, ms: number): Promise<T | 'still waiting'> {
    return Promise.race([call, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms))]);
  }

  it('drops an answer whose Content-Length is over maxResponseBytes: Provider.Transient RESPONSE_TOO_LARGE', async () => {
    const transport = await AbrasfSoapTransport.create({ endpoint: `${base}/declared-big`, timeoutMs: 5_000, maxResponseBytes: 16 * 1024 });

    const error = await transport.call('GerarNfse', '<cabecalho/>', '<dados/>', false).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TransientProviderError);
    expect((error as TransientProviderError).toCause()).toEqual({ code: 'RESPONSE_TOO_LARGE', message: "the city's answer is larger than 16384 bytes: the connection was dropped" });
  });

  it('drops a streamed answer once it passes maxResponseBytes, closing the connection at the city', async () => {
    const transport = await AbrasfSoapTransport.create({ endpoint: `${base}/endless`, timeoutMs: 5_000, maxResponseBytes: 256 * 1024 });
    const cityClosed = nextClose();

    const outcome = await within(transport.call('GerarNfse', '<cabecalho/>', '<dados/>', false).catch((caught: unknown) => caught), 3_000);
    await within(cityClosed, 3_000);

    expect(outcome).toBeInstanceOf(TransientProviderError);
    expect((outcome as TransientProviderError).code).toBe('RESPONSE_TOO_LARGE');
    expect(open).toBe(0);
  });

  it('aborts the HTTP request when the signal aborts: the call ends at once, and at the city too', async () => {
    const transport = await AbrasfSoapTransport.create({ endpoint: `${base}/hold`, timeoutMs: 30_000 });
    const controller = new AbortController();
    const reached = nextArrival();
    const call = transport.call('GerarNfse', '<cabecalho/>', '<dados/>', false, controller.signal).catch((caught: unknown) => caught);
    await reached;
    const openWhileRunning = open;
    const cityClosed = nextClose();

    controller.abort(new Error('the task is gone'));
    const outcome = await within(call, 2_000);
    const closedAtCity = await within(cityClosed, 2_000);

    expect([openWhileRunning, outcome, closedAtCity, open]).toEqual([1, new Error('the task is gone'), undefined, 0]);
  });

  it('sends nothing when the signal has already aborted', async () => {
    const transport = await AbrasfSoapTransport.create({ endpoint: `${base}/hold`, timeoutMs: 30_000 });
    const controller = new AbortController();
    controller.abort(new Error('shutdown grace period is over'));
    let reached = false;
    // Never rejects; it resolves only if a request reaches the city, which the test says it must not.
    void nextArrival().then(() => (reached = true));

    const outcome = await transport.call('GerarNfse', '<cabecalho/>', '<dados/>', false, controller.signal).catch((caught: unknown) => caught);
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect([outcome, reached, open]).toEqual([new Error('shutdown grace period is over'), false, 0]);
  });

  it('closes the connection at the city when the call times out after sending (Provider.Ambiguous)', async () => {
    const transport = await AbrasfSoapTransport.create({ endpoint: `${base}/hold`, timeoutMs: 200 });
    const cityClosed = nextClose();

    const error = await transport.call('GerarNfse', '<cabecalho/>', '<dados/>', false).catch((caught: unknown) => caught);
    await within(cityClosed, 2_000);

    expect(error).toBeInstanceOf(AmbiguousProviderError);
    expect(open).toBe(0);
  });
});
