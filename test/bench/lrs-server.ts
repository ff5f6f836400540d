/**
 * Child-process entry for the LRS benchmark, crash and hostile tests: starts our LRS on a random
 * port with a fixed credential and prints `READY <endpoint>`.
 *
 *   node --import tsx test/bench/lrs-server.ts --store sqlite|postgres --data DIR --key K --secret S
 *        [--pg URL --schema NAME --drop-on-exit] [--max-body BYTES]
 */
import { importCredential, startLrs } from '../../src/lrs/index.js';

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const store = option('store') === 'postgres' ? 'postgres' : 'sqlite';
const pg = option('pg');
const schema = option('schema');
const maxBody = option('max-body');

const lrs = await startLrs({
  port: 0,
  host: '127.0.0.1',
  store,
  dataDir: option('data') ?? '.data',
  ...(pg ? { pg } : {}),
  ...(schema ? { pgSchema: schema } : {}),
  ...(maxBody ? { maxBody: Number(maxBody) } : {}),
  log: (m) => process.stderr.write(`${m}\n`),
});
const key = option('key') ?? 'bench';
const secret = option('secret') ?? 'bench-secret';
if (!(await lrs.credentials.getCredential(key))) await importCredential(lrs.credentials, key, secret, ['all'], 'benchmark');
process.stdout.write(`READY ${lrs.url}\n`);

process.once('SIGTERM', () => {
  void (async () => {
    await lrs.close();
    if (argv.includes('--drop-on-exit') && pg && schema) {
      const { dropSchema } = await import('../../src/lrs/store/postgres/index.js');
      await dropSchema(pg, schema);
    }
    process.exit(0);
  })();
});
