/** Watch mode: the server sends an event on `/events` after each rebuild; open pages reload. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const RELOAD_SCRIPT = `<script>new EventSource('/events').onmessage=function(){location.reload()}</script>`;

export class LiveReload {
  private readonly clients = new Set<ServerResponse>();

  /** Keeps the response open as an event stream until the page goes away. */
  subscribe(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    res.write(': connected\n\n');
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
  }

  reloadAll(): void {
    for (const r of this.clients) r.write('data: reload\n\n');
  }

  close(): void {
    for (const r of this.clients) r.end();
  }
}
