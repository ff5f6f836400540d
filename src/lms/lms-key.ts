/** The preview LMS's own LRS credential, created once and kept in the data folder. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunningLrs } from '../lrs/index.js';

export async function loadLmsKey(lrs: RunningLrs, dataDir: string): Promise<string> {
  const file = join(dataDir, 'lms-key.json');
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as { key: string; secret: string };
    const known = (await lrs.credentials.listCredentials()).some((c) => c.key === saved.key && !c.revoked);
    if (known) return `Basic ${Buffer.from(`${saved.key}:${saved.secret}`).toString('base64')}`;
  } catch {
    // First start: no key yet.
  }
  const created = await lrs.createKey(['all'], 'preview-lms');
  await writeFile(file, JSON.stringify({ key: created.key, secret: created.secret }), { mode: 0o600 });
  return `Basic ${Buffer.from(`${created.key}:${created.secret}`).toString('base64')}`;
}
