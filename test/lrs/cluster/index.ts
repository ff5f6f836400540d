/** The multi-node test harness: N `lrs serve` processes on one PostgreSQL schema behind HAProxy. */
export { startCluster, CLUSTER_PG } from './cluster.js';
export type { Cluster, ClusterNode, ClusterOptions } from './cluster.js';
export type { WriteBalance } from './haproxy.js';
export { freePort } from './ports.js';
