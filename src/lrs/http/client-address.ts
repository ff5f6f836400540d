/**
 * The address a request came from, for the per-address limit on failed authentications. Behind a
 * balancer every connection comes from the balancer, so the limit would hold all clients together.
 * When the connection comes from a trusted proxy, the client is the last address in
 * X-Forwarded-For that is not itself a trusted proxy: each proxy appends the address it saw, and
 * whatever a client wrote there itself comes earlier and is not believed.
 */

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) is 10.0.0.1. */
function plain(address: string): string {
  const a = address.trim();
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}

export function clientAddress(peer: string, forwardedFor: string | undefined, trusted: ReadonlySet<string>): string {
  let client = plain(peer);
  if (!trusted.has(client) || forwardedFor === undefined) return client;
  const hops = forwardedFor.split(',').map(plain).filter((h) => h !== '');
  for (let i = hops.length - 1; i >= 0; i--) {
    client = hops[i]!;
    if (!trusted.has(client)) return client;
  }
  return client;
}
