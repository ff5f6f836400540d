/** Free TCP ports on 127.0.0.1, for programs that cannot listen on port 0 and report it (HAProxy). */
import { createServer } from 'node:net';

/** A port nothing listens on now; the caller binds it soon after (a small race accepted in tests). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
