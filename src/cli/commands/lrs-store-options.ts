/** The store flags shared by the `boiduong lrs` subcommands (--store, --pg, --pg-schema, --data). */
import { resolve } from 'node:path';
import type { LrsOptions } from '../../lrs/index.js';
import { flagString } from '../args.js';
import { UsageError } from '../command.js';
import type { Io, ParsedArgs } from '../command.js';

export const t = (io: Io, vi: string, en: string): string => (io.lang === 'en' ? en : vi);

export function storeOptions(args: ParsedArgs, io: Io): LrsOptions {
  const store = flagString(args, 'store') ?? 'sqlite';
  if (store !== 'sqlite' && store !== 'postgres') throw new UsageError('--store sqlite|postgres');
  const pg = flagString(args, 'pg') ?? process.env['BOIDUONG_LRS_PG'];
  if (store === 'postgres' && !pg) throw new UsageError(t(io, '--store postgres cần --pg postgres://…', '--store postgres needs --pg postgres://…'));
  const schema = flagString(args, 'pg-schema');
  return { dataDir: resolve(io.cwd, flagString(args, 'data') ?? '.data'), store, ...(pg ? { pg } : {}), ...(schema ? { pgSchema: schema } : {}) };
}
