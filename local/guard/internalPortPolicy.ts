import { HostAllowList } from './HostAllowList';
import type { RequestPolicy } from './checkRequest';

/**
 * The policy of a port only the local cloud itself calls (dynalite's, s3rver's): loopback names
 * on that port, no browser origin, and no LOCAL_ALLOWED_HOSTS — nobody outside has a reason to
 * reach it, whatever `--host` says.
 */
export function internalPortPolicy(serverName: string): RequestPolicy {
  return { hosts: new HostAllowList({ listenHost: '127.0.0.1', extraHosts: [] }), origins: [], serverName };
}
