/** Which address the per-address failure limit counts, with and without a trusted balancer in front. */
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../src/lrs/http/client-address.js';

const balancer = new Set(['10.0.0.2', '10.0.0.3']);

describe('client address', () => {
  it('is the connection peer when no proxy is trusted or the peer is not one', () => {
    expect(clientAddress('203.0.113.7', '198.51.100.1', new Set())).toBe('203.0.113.7');
    expect(clientAddress('203.0.113.7', '198.51.100.1', balancer)).toBe('203.0.113.7');
    expect(clientAddress('::ffff:203.0.113.7', undefined, balancer)).toBe('203.0.113.7');
  });

  it('is what the trusted balancer appended, not what the client wrote before it', () => {
    expect(clientAddress('10.0.0.2', '203.0.113.7', balancer)).toBe('203.0.113.7');
    expect(clientAddress('::ffff:10.0.0.2', '1.2.3.4, 203.0.113.7', balancer)).toBe('203.0.113.7');
    // Two trusted hops (a balancer behind another): the first untrusted address from the right.
    expect(clientAddress('10.0.0.2', '1.2.3.4, 203.0.113.7, 10.0.0.3', balancer)).toBe('203.0.113.7');
  });

  it('is the balancer itself when it sent no X-Forwarded-For (its health check)', () => {
    expect(clientAddress('10.0.0.2', undefined, balancer)).toBe('10.0.0.2');
  });
});
