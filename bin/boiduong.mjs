#!/usr/bin/env node
// The CLI is bundled by `npm run build` (run automatically by `npm install`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli/boiduong.mjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('boiduong: chưa build — hãy chạy "npm run build" / not built yet: run "npm run build"\n');
  process.exit(2);
}
await import(cli);
