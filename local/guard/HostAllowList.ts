import os from 'node:os';

/** Options of {@link HostAllowList}. */
export interface HostAllowListOptions {
  /** The address the server listens on (`--host`): clients reach it by that name too. @default '127.0.0.1' */
  readonly listenHost?: string;
  /**
   * More names clients may use, each `name` (any port) or `name:port`: a proxy in front, a name in
   * /etc/hosts. @default the comma-separated LOCAL_ALLOWED_HOSTS
   */
  readonly extraHosts?: readonly string[];
}

/** The loopback names every local server answers to, on its own port. */
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];
/** Addresses that mean "every interface". */
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]', '']);

/**
 * The `Host` values a local server accepts. A web page that rebinds its own DNS name to 127.0.0.1
 * reaches our ports with its name in `Host` (the browser sends the name it resolved): refusing any
 * name but ours is what keeps such a page from reading the answers. `*.localhost` is loopback by
 * definition (RFC 6761: browsers never ask DNS for it), and the S3 SDK uses `<bucket>.localhost`.
 */
export class HostAllowList {
  private readonly anyPort = new Set<string>();
  private readonly exact = new Set<string>();
  private readonly ownNames: readonly string[];

  public constructor(options: HostAllowListOptions = {}) {
    const listenHost = normaliseName(options.listenHost ?? '127.0.0.1');
    const names = new Set(LOOPBACK);
    if (WILDCARDS.has(listenHost)) for (const name of interfaceNames()) names.add(name);
    else names.add(listenHost);
    this.ownNames = [...names];
    for (const entry of options.extraHosts ?? splitList(process.env.LOCAL_ALLOWED_HOSTS)) {
      const parsed = parseHost(entry);
      if (parsed === undefined) continue;
      if (/:\d+$/.test(entry.trim())) this.exact.add(`${parsed.name}:${parsed.port}`);
      else this.anyPort.add(parsed.name);
    }
  }

  /** Whether a request that arrived on `port` with this `Host` header is for us. */
  public allows(hostHeader: string | undefined, port: number): boolean {
    if (hostHeader === undefined) return false;
    const parsed = parseHost(hostHeader);
    if (parsed === undefined) return false;
    if (this.anyPort.has(parsed.name) || this.exact.has(`${parsed.name}:${parsed.port}`)) return true;
    if (parsed.port !== port) return false;
    return this.ownNames.includes(parsed.name) || parsed.name.endsWith('.localhost');
  }

  /** The names a client may use on `port`, for messages. */
  public describe(port: number): string {
    return [...this.ownNames.map((name) => `${name}:${port}`), ...this.anyPort, ...this.exact].join(', ');
  }
}

/** `name` lower-case, IPv6 addresses in brackets as they appear in a Host header. */
function normaliseName(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
}

/** `host[:port]` of a Host header (RFC 9110 §7.2); the port defaults to 80, as for http URLs. */
function parseHost(value: string): { readonly name: string; readonly port: number } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/.exec(value.trim().toLowerCase());
  if (match === null) return undefined;
  const [, name, port] = match;
  if (name === undefined) return undefined;
  return { name, port: port === undefined ? 80 : Number(port) };
}

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
}

/** This machine's addresses and name: what clients use to reach a server listening on every interface. */
function interfaceNames(): string[] {
  const names = [os.hostname().toLowerCase()];
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const address of addresses ?? []) names.push(normaliseName(address.address.replace(/%.*$/, '')));
  }
  return names;
}
