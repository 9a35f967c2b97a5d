import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook is never sent to in AWS: a URL a tenant registers must not reach our VPC,
 * the instance metadata service or anything else that is not the public internet.
 * https://www.iana.org/assignments/iana-ipv4-special-registry and its IPv6 twin.
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, the metadata service among them
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b:1::', 48], // local-use NAT64
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is judged as the IPv4 one. */
function unmapped(address: string): { readonly address: string; readonly family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped !== null) return { address: mapped[1], family: 'ipv4' };
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

/** True for a loopback address (127/8, ::1). */
export function isLoopback(address: string): boolean {
  const { address: plain, family } = unmapped(address);
  return LOOPBACK.check(plain, family);
}

/**
 * Why a resolved address may not be sent to, or undefined when it may. Loopback passes only with
 * `allowLoopback` (local development: a receiver on the developer's machine).
 */
export function refusalOf(address: string, allowLoopback: boolean): string | undefined {
  if (allowLoopback && isLoopback(address)) return undefined;
  const { address: plain, family } = unmapped(address);
  return PRIVATE.check(plain, family) ? `${address} is a private, loopback or link-local address: webhooks go to the public internet only` : undefined;
}
