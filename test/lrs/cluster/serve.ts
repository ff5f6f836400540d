/**
 * Runs a cluster until SIGTERM/SIGINT, for scripts (scripts/lrs-conformance.sh --nodes N):
 *
 *   node --import tsx test/lrs/cluster/serve.ts [--nodes 3] [-- <more lrs serve flags>]
 *
 * prints one line `CLUSTER <endpoint> <key> <secret>` once HAProxy sees every node up, and
 * stops everything (schema dropped) on the signal.
 */
import { startCluster } from './cluster.js';

const argv = process.argv.slice(2);
const split = argv.indexOf('--');
const own = split === -1 ? argv : argv.slice(0, split);
const nodeFlags = split === -1 ? [] : argv.slice(split + 1);
const nodesAt = own.indexOf('--nodes');
const nodes = nodesAt === -1 ? 3 : Number(own[nodesAt + 1]);
if (!Number.isInteger(nodes) || nodes < 1) {
  process.stderr.write('usage: serve.ts [--nodes N] [-- lrs serve flags]\n');
  process.exit(2);
}

const cluster = await startCluster({ nodes, nodeArgs: () => nodeFlags });
process.stdout.write(`CLUSTER ${cluster.endpoint} ${cluster.key} ${cluster.secret}\n`);
await new Promise<void>((resolve) => {
  process.once('SIGTERM', resolve);
  process.once('SIGINT', resolve);
});
await cluster.stop();
