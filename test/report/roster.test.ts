/** Rosters as they come from an office PC: legacy code pages, ';' separators, short rows, odd case. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRosterTiers, parseRoster } from '../../src/core/roster.js';
import { buildReport } from '../../src/report/index.js';
import { readRosterFile } from '../../src/report/roster-file.js';
import { fixtureCatalogue, fixtureTaxonomy } from './fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'bd-roster-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Text as Windows-1258 writes it: vowels precomposed (ê, ơ, ă), tone marks as combining marks. */
const windows1258 = (text: string): Buffer =>
  iconv.encode(
    [...text.normalize('NFD').replace(/([\u0300\u0301\u0303\u0309\u0323])([\u0302\u0306\u031b])/g, '$2$1')]
      .join('')
      .replace(/(\p{L}[\u0302\u0306\u031b]?)([\u0300\u0301\u0303\u0309\u0323]?)/gu, (_m, base: string, tone: string) => base.normalize('NFC') + tone),
    'windows-1258',
  );

const HEADER = 'id,ho_ten,chuc_danh,don_vi,trinh_do_llct,nam_sinh,gioi_tinh';

describe('roster files from an office PC', () => {
  it('refuses a Windows-1258 file at its first non-UTF-8 line, saying how to save it as UTF-8', async () => {
    const file = join(dir, 'cp1258.csv');
    writeFileSync(file, windows1258(`${HEADER}\r\nhv1,Nguyễn Văn An,bi-thu-dang-uy-xa,Xã A,trung-cap,1975,nam\r\n`));
    expect(windows1258('Nguyễn').includes(0x3f)).toBe(false);
    const read = await readRosterFile(file, 'cp1258.csv');
    expect(read.learners).toEqual([]);
    expect(read.diagnostics).toHaveLength(1);
    expect(read.diagnostics[0]).toMatchObject({ file: 'cp1258.csv', line: 2, code: 'roster/not-utf8' });
    expect(read.diagnostics[0]!.message.vi).toMatch(/CSV UTF-8/);
    const converted = await readRosterFile(file, 'cp1258.csv', 'windows-1258');
    expect(converted.diagnostics).toEqual([]);
    expect(converted.learners[0]).toMatchObject({ name: 'Nguyễn Văn An', unit: 'Xã A' });
  });

  it('makes a row with a missing column an error at its line instead of shifting the fields', () => {
    const { learners, diagnostics } = parseRoster(
      `${HEADER}\nhv1,Nguyễn Văn An,bi-thu-dang-uy-xa,Xã A,trung-cap,1975,nam\nhv2,Trần Thị Bình,Xã A,trung-cap,2002,nữ\n`,
      'roster.csv',
    );
    expect(learners.map((l) => l.id)).toEqual(['hv1']);
    expect(diagnostics).toMatchObject([{ file: 'roster.csv', line: 3, code: 'roster/field-count', severity: 'error' }]);
    expect(diagnostics[0]!.message.vi).toMatch(/Dòng có 6 cột, dòng tiêu đề có 7/);
  });

  it('flags a tier the taxonomy does not know, at its line', () => {
    const { learners } = parseRoster(`${HEADER}\nhv1,An,bi-thu-dang-uy-xa,Xã A,trung cấp,1975,nam\nhv2,Bình,bi-thu-dang-uy-xa,Xã A,so-cap,1980,nữ\n`, 'r.csv');
    const flagged = checkRosterTiers(learners, fixtureTaxonomy.tiers, 'r.csv');
    expect(flagged).toMatchObject([{ line: 2, code: 'roster/unknown-tier' }]);
    expect(flagged[0]!.message.vi).toContain('"trung cấp"');
  });

  it('reads a semicolon-separated file (Excel with Vietnamese regional settings)', () => {
    const { learners, diagnostics } = parseRoster(
      `\ufeff${HEADER.replace(/,/g, ';')}\r\nhv1;"Nguyễn Văn An, con";bi-thu-dang-uy-xa;Xã A;trung-cap;1975;nam\r\n`,
      'r.csv',
    );
    expect(diagnostics).toEqual([]);
    expect(learners[0]).toMatchObject({ id: 'hv1', name: 'Nguyễn Văn An, con', tier: 'trung-cap', birthYear: 1975 });
  });

  it('counts "xã Tân Lập" and "Xã  Tân Lập" as one unit', async () => {
    const { learners } = parseRoster(
      `${HEADER}\nhv1,An,bi-thu-dang-uy-xa,xã Tân Lập,trung-cap,1975,nam\nhv2,Bình,bi-thu-dang-uy-xa,Xã  Tân Lập ,so-cap,1980,nữ\n`,
      'r.csv',
    );
    const report = await buildReport([], { roster: learners, taxonomy: fixtureTaxonomy, catalogue: fixtureCatalogue, period: { from: '2026-01-01', to: '2026-12-31' } });
    expect(report.byUnit.map((g) => [g.label, g.learners])).toEqual([['Xã Tân Lập', 2]]);
  });
});
