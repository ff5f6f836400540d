/** Static files: scorm-again for the SCORM launch pages, and the packages built in memory. */
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentType, send } from '../http.js';
import type { Preview } from '../preview.js';
import type { LmsRequest } from '../request.js';

const scormAgainDir = fileURLToPath(new URL('../../../node_modules/scorm-again/dist/', import.meta.url));

export async function sendScormAgain(r: LmsRequest, name: string): Promise<void> {
  if (!/^[a-z0-9.-]+\.js$/.test(name)) return send(r.res, 404, 'Not found', 'text/plain');
  send(r.res, 200, await readFile(join(scormAgainDir, name)), contentType(name));
}

/** `path`: the file's segments inside the package, as the route decoded them. */
export function sendPackageFile(preview: Preview, r: LmsRequest, courseId: string, format: string, path: readonly string[]): void {
  const rel = normalize(path.join('/'));
  const file = preview.sites.file(courseId, format, rel);
  if (file === undefined) return send(r.res, 404, 'Not found', 'text/plain');
  send(r.res, 200, file, contentType(rel));
}
