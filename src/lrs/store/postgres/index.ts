/** The PostgreSQL store: open it with PostgresStore.open({ connectionString, schema }). */
export { PostgresStore } from './store.js';
export { openPool, dropSchema } from './pool.js';
export type { PostgresOptions } from './pool.js';
export { MIGRATIONS, migrate } from './migrations.js';
export type { Migration } from './migrations.js';
export { reportDigest, openReportDigest } from './report-digest.js';
export type { OpenedDigest, ReportDigest, ReportDigestQuery, ReportReplica } from './report-digest.js';
export { PostgresReplica } from './replica.js';
export type { ReplicaOptions } from './replica.js';
