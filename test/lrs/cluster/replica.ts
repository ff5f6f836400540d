/**
 * A streaming replica of the test PostgreSQL, started for a test and removed afterwards: a base
 * backup of the primary (`pg_basebackup -R`, which writes the standby settings), then its own
 * postmaster on a free port with its socket in the temp dir. The primary must accept replication
 * connections from 127.0.0.1 (pg_hba.conf: `host replication all 127.0.0.1/32 trust`; .ci/run
 * adds it). PostgreSQL refuses to run as root, so as root the programs run as user postgres.
 */
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './ports.js';

const run = promisify(execFile);

export interface Replica {
  /** Connection string of the replica (read-only), same database as the primary. */
  readonly url: string;
  readonly port: number;
  /** Stops replaying WAL until resume(): the replica falls behind on purpose. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/** The settings a hot standby must have at least as high as its primary. */
const MATCHED_SETTINGS = ['max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction'];

async function asPostgres(program: string, args: readonly string[]): Promise<void> {
  const root = userInfo().uid === 0;
  const [file, argv] = root ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, [...args]];
  await run(file, argv, { timeout: 120_000 });
}

/** pg_basebackup and pg_ctl of the primary's major version (Debian keeps them under /usr/lib/postgresql/N/bin). */
async function binDir(primary: pg.Client): Promise<string> {
  const { rows } = await primary.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
  return `/usr/lib/postgresql/${Math.floor(Number(rows[0]!.v) / 10000)}/bin`;
}

export async function startReplica(primaryUrl: string): Promise<Replica> {
  const primary = new pg.Client({ connectionString: primaryUrl });
  await primary.connect();
  let settings: { name: string; setting: string }[];
  let bin: string;
  try {
    settings = (await primary.query<{ name: string; setting: string }>('SELECT name, setting FROM pg_settings WHERE name = ANY($1)', [MATCHED_SETTINGS])).rows;
    bin = await binDir(primary);
  } finally {
    await primary.end();
  }
  const u = new URL(primaryUrl);
  const dir = mkdtempSync(join(tmpdir(), 'bd-replica-'));
  const data = join(dir, 'data');
  if (userInfo().uid === 0) chownSync(dir, 101, 104);
  const port = await freePort();
  const ctl = join(bin, 'pg_ctl');
  let started = false;
  const stop = async (): Promise<void> => {
    if (started) await asPostgres(ctl, ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    started = false;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    try {
      await asPostgres(join(bin, 'pg_basebackup'), ['-h', u.hostname, '-p', u.port || '5432', '-U', u.username || 'postgres', '-D', data, '-X', 'stream', '-R', '-c', 'fast']);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      // Only a refused connection is about pg_hba.conf; a file the server cannot read is not.
      const hint = /pg_hba\.conf|replication connection/i.test(why)
        ? '\nThe primary must allow replication connections from 127.0.0.1: add "host replication all 127.0.0.1/32 trust" to its pg_hba.conf (SHOW hba_file) and reload (.ci/run does this).'
        : /could not open file|Permission denied/i.test(why)
          ? "\nThe primary's data directory holds a file its server cannot read (left by another user?): remove it."
          : '';
      throw new Error(`pg_basebackup from ${u.host} failed: ${why}${hint}`, { cause: e });
    }
    // Debian keeps postgresql.conf and pg_hba.conf outside the data directory: give the copy its own.
    writeFileSync(
      join(data, 'postgresql.conf'),
      [
        `port = ${port}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${dir}'`,
        'hot_standby = on',
        'wal_receiver_status_interval = 1s',
        'hot_standby_feedback = on',
        ...settings.map((s) => `${s.name} = ${s.setting}`),
        '',
      ].join('\n'),
    );
    writeFileSync(join(data, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
    if (userInfo().uid === 0) {
      for (const f of ['postgresql.conf', 'pg_hba.conf']) chownSync(join(data, f), 101, 104);
    }
    chmodSync(data, 0o700);
    await asPostgres(ctl, ['-D', data, '-l', join(dir, 'replica.log'), '-w', '-t', '60', 'start']);
    started = true;
  } catch (e) {
    await stop();
    throw e;
  }
  const replicaUrl = new URL(primaryUrl);
  replicaUrl.port = String(port);
  const url = replicaUrl.href;
  const admin = async (sql: string): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  return { url, port, pause: () => admin('SELECT pg_wal_replay_pause()'), resume: () => admin('SELECT pg_wal_replay_resume()'), stop };
}
