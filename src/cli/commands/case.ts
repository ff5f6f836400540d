/** `boiduong case`: tools for case-study authors (graph, check). */
import { readFile } from 'node:fs/promises';
import { basename, relative, resolve } from 'node:path';
import { caseInputsOf, caseMermaid, casePlugin } from '../../author/case/index.js';
import { exploreCase, formatDiagnostic, formatNumber, hasErrors, markOf, sortDiagnostics } from '../../core/index.js';
import { flagString } from '../args.js';
import { EXIT, UsageError, type Command } from '../command.js';

const HELP_VI = `Cách dùng: boiduong case <việc> <tệp học phần.md> [tùy chọn]

  graph   in sơ đồ Mermaid của tình huống (dán vào trình xem Mermaid hoặc tệp .md)
  check   kiểm tra cấu trúc tình huống và in điểm tối đa, cách đi tốt nhất, điểm của mỗi cảnh kết thúc

  --case <mã>      chỉ xử lý tình huống có mã này (mặc định: mọi tình huống trong tệp)
  --fence          bọc sơ đồ trong khối \`\`\`mermaid để dán vào Markdown
  --lang en        thông báo tiếng Anh`;

const HELP_EN = `Usage: boiduong case <action> <module file.md> [options]

  graph   print the case as a Mermaid flowchart (paste into a Mermaid viewer or a .md file)
  check   check the case's structure and print its maximum score, best walk and each end's marks

  --case <id>      only the case with this id (default: every case in the file)
  --fence          wrap the chart in a \`\`\`mermaid block for Markdown
  --lang en        English messages`;

export const caseCommand: Command = {
  name: 'case',
  summary: { vi: 'Xem sơ đồ và kiểm tra tình huống trong một học phần', en: 'Graph and check the case studies of a module' },
  help: { vi: HELP_VI, en: HELP_EN },
  valueFlags: ['case'],
  async run(args, io) {
    const [action, file] = args.positionals;
    if (action !== 'graph' && action !== 'check') throw new UsageError(io.lang === 'en' ? HELP_EN : HELP_VI);
    if (!file) throw new UsageError(io.lang === 'en' ? 'Give the module file: boiduong case graph <module.md>' : 'Cần tệp học phần: boiduong case graph <hoc-phan.md>');
    const path = resolve(io.cwd, file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      io.err(io.lang === 'en' ? `Cannot read ${file}.` : `Không đọc được tệp ${file}.`);
      return EXIT.usage;
    }
    const shown = relative(io.cwd, path).split('\\').join('/') || basename(path);
    const only = flagString(args, 'case');
    // Each block's diagnostics travel with its case, so --case shows only that case's problems.
    const parsed = caseInputsOf(text, shown, basename(path, '.md')).map((input) => casePlugin(input));
    const known = parsed.flatMap((p) => (p.cases ?? []).map((cs) => cs.id));
    const chosen = parsed.filter((p) => only === undefined || (p.cases ?? []).some((cs) => cs.id === only));
    const cases = chosen.flatMap((p) => p.cases ?? []);
    const diagnostics = sortDiagnostics(chosen.flatMap((p) => p.diagnostics));
    for (const d of diagnostics) io.err(formatDiagnostic(d, io.lang));
    if (cases.length === 0) {
      io.err(
        io.lang === 'en'
          ? only ? `No case "${only}" in ${shown} (cases: ${known.join(', ') || 'none'}).` : `${shown} has no :::case block.`
          : only ? `Không có tình huống "${only}" trong ${shown} (có: ${known.join(', ') || 'không có'}).` : `${shown} không có khối :::case nào.`,
      );
      return EXIT.contentErrors;
    }
    for (const cs of cases) {
      if (action === 'graph') {
        const chart = caseMermaid(cs);
        if (cases.length > 1) io.out(`%% ${cs.id}: ${cs.title}`);
        io.out(args.flags['fence'] ? `\`\`\`mermaid\n${chart}\`\`\`` : chart);
      } else {
        const found = exploreCase(cs);
        const walk = walkScenes(cs, found.bestLetters);
        io.out(
          io.lang === 'en'
            ? `${cs.id}: ${cs.scenes.length} scenes, best ${found.best ?? '—'} points (= 10), worst ${found.worst ?? '—'}; best walk: ${walk}`
            : `${cs.id}: ${cs.scenes.length} cảnh, tối đa ${found.best ?? '—'} điểm (= 10 điểm), thấp nhất ${found.worst ?? '—'}; cách đi tốt nhất: ${walk}`,
        );
        // Each end's marks, lowest to highest, so an author can see a label the marks contradict.
        const mark = (n: number): string => formatNumber(n, io.lang, { grouping: false });
        for (const scene of cs.scenes) {
          const scores = found.endScores.get(scene.id);
          if (!scores) continue;
          const lo = mark(markOf(scores.min, found.best));
          const hi = mark(markOf(scores.max, found.best));
          const range = lo === hi ? lo : `${lo}–${hi}`;
          io.out(io.lang === 'en' ? `  ${scene.id} {outcome=${scene.outcome ?? ''}}: ${range}/10` : `  ${scene.id} {outcome=${scene.outcome ?? ''}}: ${range}/10 điểm`);
        }
      }
    }
    return hasErrors(diagnostics) ? EXIT.contentErrors : EXIT.ok;
  },
};

function walkScenes(cs: { start: string; scenes: readonly { id: string; choices: readonly { id: string; target: string }[] }[] }, letters: string): string {
  const path = [cs.start];
  let at = cs.start;
  for (const l of letters) {
    const next = cs.scenes.find((s) => s.id === at)?.choices.find((c) => c.id === l)?.target;
    if (!next) break;
    path.push(next);
    at = next;
  }
  return path.join(' → ');
}
