/**
 * CPU time of the PostgreSQL backends serving some applications (connections made with
 * PGAPPNAME=<name>, and the LRS's writer connections, which name themselves), read from /proc
 * while a benchmark runs. A shared server's other work and
 * its background processes (WAL writer, checkpointer) are not counted; the WAL written is
 * server-wide and is reported apart.
 */
import { readFile } from 'node:fs/promises';
import pg from 'pg';

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

/** CPU seconds (user + system) a process has used so far, from /proc; undefined once it exited. */
export async function processCpuSeconds(pid: number): Promise<number | undefined> {
  const t = await cpuTicks(pid);
  return t === undefined ? undefined : t / TICKS_PER_SECOND;
}

/** CPU seconds (user + system) of this process's children that have ended and been waited for (wrk). */
export async function endedChildrenCpuSeconds(): Promise<number> {
  const stat = await readFile('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND; // cutime + cstime
}

/** CPU seconds (user, system) of each thread of a process so far, by thread name and id. */
export async function threadCpuSeconds(pid: number): Promise<Map<string, { user: number; system: number }>> {
  const { readdir } = await import('node:fs/promises');
  const out = new Map<string, { user: number; system: number }>();
  for (const tid of await readdir(`/proc/${pid}/task`).catch(() => [])) {
    try {
      const stat = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(`${name} ${tid}`, { user: Number(fields[11]) / TICKS_PER_SECOND, system: Number(fields[12]) / TICKS_PER_SECOND });
    } catch {
      // the thread ended
    }
  }
  return out;
}

async function cpuTicks(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, inside parentheses).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return undefined; // the backend has exited
  }
}

export class BackendCpu {
  private readonly client: pg.Client;
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private walStart = '0/0';

  private readonly applications: readonly string[];

  constructor(connectionString: string, applications: string | readonly string[]) {
    this.applications = typeof applications === 'string' ? [applications] : applications;
    this.client = new pg.Client({ connectionString, application_name: 'bd-bench-monitor' });
  }

  async start(): Promise<void> {
    await this.client.connect();
    this.walStart = (await this.client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!.lsn;
    await this.sample();
    this.timer = setInterval(() => void this.sample().catch(() => undefined), 500);
  }

  /** Backends seen for the first time count from their first sample: start before the load. */
  private async sample(): Promise<void> {
    const { rows } = await this.client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = ANY($1::text[])', [this.applications]);
    for (const { pid } of rows) {
      const t = await cpuTicks(pid);
      if (t === undefined) continue;
      if (!this.first.has(pid)) this.first.set(pid, t);
      this.last.set(pid, t);
    }
  }

  /** CPU seconds of the application's backends since start, and the server's WAL bytes. */
  async stop(): Promise<{ cpuSeconds: number; walBytes: number; backends: number }> {
    clearInterval(this.timer);
    await this.sample();
    let ticks = 0;
    for (const [pid, t] of this.last) ticks += t - (this.first.get(pid) ?? t);
    const wal = await this.client.query<{ bytes: string }>('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::bigint AS bytes', [this.walStart]);
    await this.client.end();
    return { cpuSeconds: ticks / TICKS_PER_SECOND, walBytes: Number(wal.rows[0]!.bytes), backends: this.last.size };
  }
}
