import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AbrasfSoapTransport } from '../../../../adapter-container/providers/abrasf-2.04/AbrasfSoapTransport';
import { DEFAULT_SOAP_NAMESPACE } from '../../../../adapter-container/providers/abrasf-2.04/abrasfWsdl';
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
