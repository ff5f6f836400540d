/**
 * PostgreSQL store with several nodes on one schema (no lock between their writers): statements
 * per second for 1, 2 and 4 store instances each writing batches from 2 clients, how long an
 * acknowledged statement takes to show in queries (the consistency horizon's lag), and the cost
 * of reading the horizon.
 *
 *   npx tsx test/bench/lrs-pg-nodes.ts [--pg postgres://…] [--batches 100] [--batch 50]
 */
import { randomUUID } from 'node:crypto';
import { PostgresStore } from '../../src/lrs/store/postgres/store.js';
import { dropSchema } from '../../src/lrs/store/postgres/pool.js';
import type { StatementRow } from '../../src/lrs/store/store.js';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1]! : fallback;
};
const PG = option('pg', process.env['BOIDUONG_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test');
const BATCHES = Number(option('batches', '100'));
const BATCH = Number(option('batch', '50'));
const CLIENTS_PER_NODE = 2;

let n = 0;
function row(): StatementRow {
  const id = randomUUID();
  const stored = new Date().toISOString();
  n++;
  const body = { id, stored, actor: { mbox: `mailto:hv${n % 2000}@xa.example` }, verb: { id: 'http://adlnet.gov/expapi/verbs/answered' }, object: { id: `https://boiduong.example/q${n % 400}` } };
  return {
    id,
    stored,
    body: JSON.stringify(body),
    verbId: body.verb.id,
    agents: [{ key: `mbox:mailto:hv${n % 2000}@xa.example`, direct: true }, { key: 'authority:bench', direct: false }],
    activities: [{ id: body.object.id, direct: true }],
  };
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function run(nodes: number): Promise<void> {
  const schema = `bd_bench_nodes_${Date.now().toString(36)}`;
  const stores = [];
  for (let i = 0; i < nodes; i++) stores.push(await PostgresStore.open({ connectionString: PG, schema, maxConnections: 4 }));
  const reader = stores[0]!;
  try {
    const lags: number[] = [];
    const start = performance.now();
    const perClient = Math.ceil(BATCHES / (nodes * CLIENTS_PER_NODE));
    await Promise.all(
      stores.flatMap((store) =>
        Array.from({ length: CLIENTS_PER_NODE }, async () => {
          for (let b = 0; b < perClient; b++) {
            const rows = Array.from({ length: BATCH }, row);
            await store.insertStatements(rows, []);
            // Every tenth batch: how long until a query on another node shows it.
            if (b % 10 === 0) {
              const acked = performance.now();
              const agentKey = rows[0]!.agents[0]!.key;
              for (;;) {
                const page = await reader.queryStatements({ agentKey, limit: 1000 });
                if (page.bodies.some((body) => body.includes(rows[0]!.id))) break;
              }
              lags.push(performance.now() - acked);
            }
          }
        }),
      ),
    );
    const seconds = (performance.now() - start) / 1000;
    const total = perClient * nodes * CLIENTS_PER_NODE * BATCH;
    const reads: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      await reader.consistentThrough();
      reads.push(performance.now() - t);
    }
    console.log(
      `${nodes} node(s) × ${CLIENTS_PER_NODE} clients, batches of ${BATCH}: ${Math.round(total / seconds).toLocaleString('en')} statements/s; ` +
        `acknowledged → shown on another node p50 ${percentile(lags, 0.5).toFixed(1)} ms, p99 ${percentile(lags, 0.99).toFixed(1)} ms; ` +
        `horizon read p50 ${percentile(reads, 0.5).toFixed(2)} ms`,
    );
  } finally {
    for (const s of stores) await s.close();
    await dropSchema(PG, schema);
  }
}

for (const nodes of [1, 2, 4]) await run(nodes);
