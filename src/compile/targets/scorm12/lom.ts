/**
 * Inline IMS Metadata 1.2.1 (LOM) for one module: title, language, topics as keywords,
 * study time (tiết, 45 minutes each) as typical learning time, and the target positions and
 * political-theory tier as classifications whose taxon paths name our vocabularies.
 */
import { type ModuleMeta, type Taxonomy, pickText } from '../../../core/index.js';
import { escapeXml as x } from '../../xml.js';

/** One tiết (period of study) is 45 minutes (TT 01/2018: giờ học được tính bằng tiết 45 phút). */
export const PERIOD_MINUTES = 45;

export const VOCAB = {
  positions: 'https://boiduong.github.io/vocab/positions',
  tiers: 'https://boiduong.github.io/vocab/tiers',
} as const;

/** ISO 8601 duration of n tiết: 3 tiết → PT2H15M. */
export function periodsDuration(periods: number): string {
  const minutes = Math.round(periods * PERIOD_MINUTES);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `PT${h > 0 ? `${h}H` : ''}${m > 0 || h === 0 ? `${m}M` : ''}`;
}

function ls(text: string, lang: string): string {
  return `<imsmd:langstring xml:lang="${x(lang)}">${x(text)}</imsmd:langstring>`;
}

function classification(purpose: string, vocab: string, id: string, name: string, lang: string, pad: string): string {
  return [
    `${pad}<imsmd:classification>`,
    `${pad}  <imsmd:purpose><imsmd:source>${ls('LOMv1.0', 'x-none')}</imsmd:source><imsmd:value>${ls(purpose, 'x-none')}</imsmd:value></imsmd:purpose>`,
    `${pad}  <imsmd:taxonpath>`,
    `${pad}    <imsmd:source>${ls(vocab, 'x-none')}</imsmd:source>`,
    `${pad}    <imsmd:taxon><imsmd:id>${x(id)}</imsmd:id><imsmd:entry>${ls(name, lang)}</imsmd:entry></imsmd:taxon>`,
    `${pad}  </imsmd:taxonpath>`,
    `${pad}</imsmd:classification>`,
  ].join('\n');
}

export function moduleLom(meta: ModuleMeta, taxonomy: Taxonomy, pad: string): string {
  const lang = meta.language;
  const lines: string[] = [`${pad}<imsmd:lom>`, `${pad}  <imsmd:general>`];
  lines.push(`${pad}    <imsmd:title>${ls(meta.title, lang)}</imsmd:title>`);
  lines.push(`${pad}    <imsmd:language>${x(lang)}</imsmd:language>`);
  if (meta.description) lines.push(`${pad}    <imsmd:description>${ls(meta.description, lang)}</imsmd:description>`);
  for (const t of meta.topics) lines.push(`${pad}    <imsmd:keyword>${ls(t, lang)}</imsmd:keyword>`);
  lines.push(`${pad}  </imsmd:general>`);
  lines.push(`${pad}  <imsmd:lifecycle><imsmd:version>${ls(meta.version, 'x-none')}</imsmd:version></imsmd:lifecycle>`);
  const periodsText = lang === 'en' ? `${meta.periods} periods of 45 minutes` : `${meta.periods} tiết (45 phút/tiết)`;
  lines.push(
    `${pad}  <imsmd:educational><imsmd:typicallearningtime><imsmd:datetime>${periodsDuration(meta.periods)}</imsmd:datetime><imsmd:description>${ls(periodsText, lang)}</imsmd:description></imsmd:typicallearningtime></imsmd:educational>`,
  );
  for (const p of meta.positions) {
    const pos = taxonomy.positions.find((q) => q.id === p);
    lines.push(classification('educational objective', VOCAB.positions, p, pos ? pickText(pos.name, lang) : p, lang, `${pad}  `));
  }
  if (meta.tier !== null) {
    const tier = taxonomy.tiers.find((t) => t.id === meta.tier);
    lines.push(classification('educational level', VOCAB.tiers, meta.tier, tier ? pickText(tier.name, lang) : meta.tier, lang, `${pad}  `));
  }
  lines.push(`${pad}</imsmd:lom>`);
  return lines.join('\n');
}
