import type { IncomingHttpHeaders } from 'node:http';
import type { HostAllowList } from './HostAllowList';

/** Who may call a local server. */
export interface RequestPolicy {
  readonly hosts: HostAllowList;
  /**
   * Browser origins allowed to call (the console's, on the API). Empty: no web page at all; a
   * request without `Origin` (SDKs, curl, the CLI) is always fine.
   */
  readonly origins: readonly string[];
  /** Named in messages: "the AWS edge", "the mock city". */
  readonly serverName: string;
}

/** Why a request was refused before reaching its handler. */
export interface GuardRefusal {
  readonly reason: 'host' | 'origin';
  readonly message: string;
}

/**
 * Checks a request's `Host` and `Origin` against the policy of the server it arrived at (on
 * `port`, the socket's local port). Browsers send `Origin` on every cross-origin request and on
 * every POST, so a page the developer opens cannot call us, even with a form or `no-cors`.
 */
export function checkRequest(headers: IncomingHttpHeaders, port: number, policy: RequestPolicy): GuardRefusal | undefined {
  const host = headers.host;
  if (!policy.hosts.allows(host, port)) {
    return {
      reason: 'host',
      message: `${policy.serverName} refuses Host '${host ?? ''}': it answers only ${policy.hosts.describe(port)} (a page can point its own name at 127.0.0.1; start with --host, or list the name in LOCAL_ALLOWED_HOSTS, to allow another)`,
    };
  }
  const origin = headers.origin;
  if (origin === undefined || policy.origins.includes(origin)) return undefined;
  const allowed = policy.origins.length === 0 ? 'it accepts no browser origin' : `it accepts only ${policy.origins.join(', ')}`;
  return { reason: 'origin', message: `${policy.serverName} refuses requests from web pages: Origin '${origin}' is not allowed (${allowed})` };
}
