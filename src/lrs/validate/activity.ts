/** Activities and their definitions, including interaction components (xAPI §Activity Definition). */
import { array, extensions, fail, indexedIri, iri, languageMap, object, onlyKeys, string } from './primitives.js';
import type { Json } from './primitives.js';

const INTERACTIONS: Record<string, readonly string[]> = {
  'true-false': [],
  choice: ['choices'],
  'fill-in': [],
  'long-fill-in': [],
  matching: ['source', 'target'],
  performance: ['steps'],
  sequencing: ['choices'],
  likert: ['scale'],
  numeric: [],
  other: [],
};
const COMPONENT_LISTS = ['choices', 'scale', 'source', 'target', 'steps'];

function components(v: unknown, path: string): void {
  const ids = new Set<string>();
  array(v, path).forEach((c, i) => {
    const p = `${path}[${i}]`;
    const o = object(c, p);
    onlyKeys(o, ['id', 'description'], p);
    const id = string(o['id'], `${p}.id`);
    if (ids.has(id)) fail(`${p}.id`, `component id ${id} appears twice`);
    ids.add(id);
    if (o['description'] !== undefined) languageMap(o['description'], `${p}.description`);
  });
}

export function definition(v: unknown, path: string): Json {
  const o = object(v, path);
  onlyKeys(o, ['name', 'description', 'type', 'moreInfo', 'extensions', 'interactionType', 'correctResponsesPattern', ...COMPONENT_LISTS], path);
  if (o['name'] !== undefined) languageMap(o['name'], `${path}.name`);
  if (o['description'] !== undefined) languageMap(o['description'], `${path}.description`);
  if (o['type'] !== undefined) iri(o['type'], `${path}.type`);
  if (o['moreInfo'] !== undefined) iri(o['moreInfo'], `${path}.moreInfo`);
  if (o['extensions'] !== undefined) extensions(o['extensions'], `${path}.extensions`);
  const type = o['interactionType'];
  const present = COMPONENT_LISTS.filter((k) => o[k] !== undefined);
  if (type === undefined) {
    if (o['correctResponsesPattern'] !== undefined || present.length) fail(path, 'interaction properties need an interactionType');
    return o;
  }
  const allowed = INTERACTIONS[string(type, `${path}.interactionType`)];
  if (!allowed) fail(`${path}.interactionType`, `must be one of ${Object.keys(INTERACTIONS).join(', ')}`);
  for (const k of present) {
    if (!allowed!.includes(k)) fail(`${path}.${k}`, `is not allowed for interactionType ${typeof type === 'string' ? type : JSON.stringify(type)}`);
    components(o[k], `${path}.${k}`);
  }
  if (o['correctResponsesPattern'] !== undefined) {
    array(o['correctResponsesPattern'], `${path}.correctResponsesPattern`).forEach((r, i) => string(r, `${path}.correctResponsesPattern[${i}]`));
  }
  return o;
}

export function activity(v: unknown, path: string): Json {
  const o = object(v, path);
  onlyKeys(o, ['objectType', 'id', 'definition'], path);
  if (o['objectType'] !== undefined && o['objectType'] !== 'Activity') fail(`${path}.objectType`, 'must be Activity');
  if (o['id'] === undefined) fail(`${path}.id`, 'is required');
  indexedIri(o['id'], `${path}.id`);
  if (o['definition'] !== undefined) definition(o['definition'], `${path}.definition`);
  return o;
}
