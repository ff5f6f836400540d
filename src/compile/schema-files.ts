/**
 * The official XSD files a SCORM manifest names in its `xsi:schemaLocation`, shipped at the
 * package root as named: strict LMSs and the ADL test suite resolve the names against the
 * package. The files come from this project's `schemas/xsd/<folder>/`; each named schema brings
 * the files it includes or imports (and the DTDs it declares), so the set validates on its own.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from './runtime-files.js';
import type { PackageFile } from './target.js';

export class MissingSchemaError extends Error {}

/** `schemas/xsd` of this installation. */
export function schemaDir(): string {
  return path.join(packageRoot(), 'schemas', 'xsd');
}

/** The file names an `xsi:schemaLocation` attribute pairs with its namespaces, in order. */
export function schemaLocationFiles(xml: string): string[] {
  const attr = /\bxsi:schemaLocation\s*=\s*"([^"]*)"/.exec(xml)?.[1];
  if (attr === undefined) return [];
  const tokens = attr.trim().split(/\s+/);
  return tokens.filter((_, i) => i % 2 === 1);
}

/** Local files a schema refers to: include/import schemaLocation values and a DOCTYPE's system id. */
function localReferences(text: string): string[] {
  const refs = [
    ...[...text.matchAll(/<[\w:]*(?:include|import)\b[^>]*\bschemaLocation\s*=\s*"([^"]+)"/g)].map((m) => m[1]!),
    // A DOCTYPE's or parameter entity's system id: "XMLSchema.dtd", 'datatypes.dtd'.
    ...[...text.matchAll(/<!(?:DOCTYPE|ENTITY)\b[^>]*?["']([^"'\s]+\.dtd)["']/g)].map((m) => m[1]!),
  ];
  // A URL is the network's to resolve; only plain names beside the schema ship with it.
  return refs.filter((r) => !/^[a-z][a-z0-9+.-]*:/i.test(r) && !r.includes('/'));
}

const cache = new Map<string, Uint8Array>();

function readSchema(dir: string, name: string): Uint8Array {
  const file = path.join(dir, name);
  let data = cache.get(file);
  if (!data) {
    if (!existsSync(file)) {
      throw new MissingSchemaError(`Thiếu tệp lược đồ ${name} trong ${dir}. / Schema file ${name} is missing from ${dir}.`);
    }
    data = readFileSync(file);
    cache.set(file, data);
  }
  return data;
}

/** The schema files `manifestXml` names, with everything they pull in, as package-root files. */
export function schemaFilesFor(manifestXml: string, folder: string, root: string = schemaDir()): PackageFile[] {
  const dir = path.join(root, folder);
  const out = new Map<string, Uint8Array>();
  const pending = schemaLocationFiles(manifestXml);
  while (pending.length > 0) {
    const name = pending.shift()!;
    if (out.has(name)) continue;
    const data = readSchema(dir, name);
    out.set(name, data);
    if (name.endsWith('.xsd') || name.endsWith('.dtd')) pending.push(...localReferences(Buffer.from(data).toString('utf8')));
  }
  return [...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([p, data]) => ({ path: p, data }));
}
