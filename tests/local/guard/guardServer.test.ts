import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardServer } from '../../../local/guard/guardServer';
import { internalPortPolicy } from '../../../local/guard/internalPortPolicy';
import { rawRequest } from './rawRequest';

describe('guardServer', () => {
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    server = http.createServer((_req, res) => res.end('served'));
    guardServer(server, internalPortPolicy('The test port'), (res, refusal) => res.writeHead(403).end(`${refusal.reason}: ${refusal.message}`));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('runs the server’s own handler for a loopback Host and no Origin', async () => {
    const answer = await rawRequest(url);

    expect([answer.status, answer.text]).toEqual([200, 'served']);
  });

  it('refuses a rebound name and any Origin before the server’s handler runs', async () => {
    const port = new URL(url).port;

    const rebound = await rawRequest(url, { headers: { host: `attacker.example:${port}` } });
    const page = await rawRequest(url, { headers: { origin: 'http://attacker.example' } });

    expect([rebound.status, page.status]).toEqual([403, 403]);
    expect(rebound.text).toBe(`host: The test port refuses Host 'attacker.example:${port}': it answers only 127.0.0.1:${port}, localhost:${port}, [::1]:${port} (a page can point its own name at 127.0.0.1; start with --host, or list the name in LOCAL_ALLOWED_HOSTS, to allow another)`);
    expect(page.text).toBe("origin: The test port refuses requests from web pages: Origin 'http://attacker.example' is not allowed (it accepts no browser origin)");
  });
});
