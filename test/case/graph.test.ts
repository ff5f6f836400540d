import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { caseMermaid } from '../../src/author/case/mermaid.js';
import { main } from '../../src/cli/main.js';
import { fixture, readCases } from './helpers.js';

const GOLDEN = fileURLToPath(new URL('./fixtures/graph.mmd', import.meta.url));

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (t) => (out += `${t}\n`),
    err: (t) => (err += `${t}\n`),
    cwd: fileURLToPath(new URL('./fixtures/', import.meta.url)),
  });
  return { code, out, err };
}

describe('Mermaid graph', () => {
  it('matches the golden file (UPDATE_GOLDEN=1 rewrites it)', () => {
    const chart = caseMermaid(readCases(fixture('graph.md')).cases[0]!);
    if (process.env['UPDATE_GOLDEN']) writeFileSync(GOLDEN, chart);
    expect(chart).toBe(readFileSync(GOLDEN, 'utf8'));
    expect(chart).toContain('s_mo_dau -->|"a. Mời đại diện vào làm việc, lắng nghe ý kiến … (+2)"| s_lang_nghe');
    expect(chart).toContain('(+2 if score #gt;= 2 and not chose ket-sai)');
    expect(chart).toContain('#quot;UBND#quot;');
  });

  it('draws a missing target as a flagged node', () => {
    const { cases } = readCases(fixture('lint/missing-target.md'));
    expect(caseMermaid(cases[0]!)).toContain('s_ket_tott["ket-tott: ?"]:::missing');
  });
});

describe('boiduong case', () => {
  it('graph prints the chart to stdout', async () => {
    const r = await cli('case', 'graph', 'graph.md');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${readFileSync(GOLDEN, 'utf8')}\n`);
    expect(r.err).toBe('');
  });

  it('graph --fence wraps it for Markdown', async () => {
    const r = await cli('case', 'graph', 'graph.md', '--fence');
    expect(r.out.startsWith('```mermaid\nflowchart TD\n')).toBe(true);
    expect(r.out.trimEnd().endsWith('```')).toBe(true);
  });

  it('check prints the best walk and each end’s marks, and lint errors as file:line with exit code 1', async () => {
    const ok = await cli('case', 'check', 'graph.md');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('tap-trung: 4 cảnh, tối đa 4 điểm');
    expect(ok.out).toContain('mo-dau → lang-nghe → ket-tot');
    // Each end with the marks of the walks reaching it: +2 -1 = 1 of 4 is the best at ket-sai.
    expect(ok.out).toContain('  ket-tot {outcome=tot}: 10/10 điểm\n  ket-sai {outcome=sai-nguyen-tac}: 0–2,5/10 điểm');
    const bad = await cli('case', 'check', 'lint/missing-target.md', '--lang', 'en');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('lint/missing-target.md:8:1  error: The choice leads to scene "ket-tott"');
  });

  it('says what is wrong with the command line', async () => {
    expect((await cli('case', 'graph')).code).toBe(2);
    expect((await cli('case', 'graph', 'nowhere.md')).err).toContain('Không đọc được tệp nowhere.md');
    const none = await cli('case', 'graph', 'graph.md', '--case', 'khac');
    expect(none.code).toBe(1);
    expect(none.err).toContain('Không có tình huống "khac"');
  });
});
