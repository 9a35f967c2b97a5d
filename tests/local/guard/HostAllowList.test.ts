import os from 'node:os';
import { HostAllowList } from '../../../local/guard/HostAllowList';

describe('HostAllowList', () => {
  it('takes the loopback names on the server’s own port, whatever their case, and *.localhost', () => {
    const hosts = new HostAllowList({ extraHosts: [] });

    const verdicts = ['127.0.0.1:4566', 'LOCALHOST:4566', '[::1]:4566', 'bucket.localhost:4566', '127.0.0.1:4567', 'localhost', 'evil.example:4566', '127.0.0.2:4566', 'localhost.:4566', undefined].map((host) =>
      hosts.allows(host, 4566),
    );

    expect(verdicts).toEqual([true, true, true, true, false, false, false, false, false, false]);
  });

  it('adds the address the stack listens on, and every interface address and the host name for a wildcard', () => {
    const lan = new HostAllowList({ listenHost: '192.168.7.20', extraHosts: [] });
    const everywhere = new HostAllowList({ listenHost: '0.0.0.0', extraHosts: [] });
    const v6 = new HostAllowList({ listenHost: 'fd00::7', extraHosts: [] });

    expect([lan.allows('192.168.7.20:3000', 3000), lan.allows('192.168.7.21:3000', 3000)]).toEqual([true, false]);
    expect(everywhere.allows(`${os.hostname().toLowerCase()}:3000`, 3000)).toBe(true);
    expect(v6.allows('[fd00::7]:3000', 3000)).toBe(true);
    expect(lan.describe(3000)).toBe('127.0.0.1:3000, localhost:3000, [::1]:3000, 192.168.7.20:3000');
  });

  it('adds LOCAL_ALLOWED_HOSTS entries: a bare name on any port, name:port on that port only', () => {
    const previous = process.env.LOCAL_ALLOWED_HOSTS;
    process.env.LOCAL_ALLOWED_HOSTS = 'nfse.dev.internal, proxy.example:443';
    const hosts = new HostAllowList();
    if (previous === undefined) delete process.env.LOCAL_ALLOWED_HOSTS;
    else process.env.LOCAL_ALLOWED_HOSTS = previous;

    expect([hosts.allows('nfse.dev.internal', 4566), hosts.allows('NFSE.dev.internal:8443', 3000), hosts.allows('proxy.example:443', 3000), hosts.allows('proxy.example:80', 3000)]).toEqual([true, true, true, false]);
  });
});
