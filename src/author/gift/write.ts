/** GIFT questions → `:::question` blocks in this toolkit's authoring syntax. */
import { slugify } from '../../core/index.js';
import type { GiftQuestion } from './parse.js';

export interface WriteOptions {
  /** Id prefix when a question has no title (default "cau"). */
  readonly prefix?: string;
  readonly lang?: 'vi' | 'en';
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

function feedbackLines(fb: string | undefined, indent: string, marker = '>'): string[] {
  return fb ? [`${indent}${marker} ${oneLine(fb)}`] : [];
}

export function giftToMarkdown(questions: readonly GiftQuestion[], opts: WriteOptions = {}): string {
  const used = new Set<string>();
  const prefix = slugify(opts.prefix ?? 'cau') || 'cau';
  const [yes, no] = opts.lang === 'en' ? ['True', 'False'] : ['Đúng', 'Sai'];
  const blocks: string[] = [];
  questions.forEach((q, i) => {
    if (q.kind === 'description') {
      blocks.push(q.text.trim());
      return;
    }
    if (q.kind === 'raw') {
      blocks.push(`<!-- GIFT (dòng ${q.line}) chưa chuyển được / not converted:\n${q.text.replace(/--/g, '- -')}\n-->`);
      return;
    }
    let id = slugify(q.title ?? '').slice(0, 60).replace(/-+$/, '') || `${prefix}-${i + 1}`;
    let n = 2;
    const base = id;
    while (used.has(id)) id = `${base}-${n++}`;
    used.add(id);
    const attrs = [q.kind, `id=${id}`];
    if (q.category) attrs.push(`topic=${slugify(q.category.split('/').pop() ?? q.category)}`);
    if (q.kind === 'fill') attrs.push('nocase');
    const lines = [`:::question ${attrs.join(' ')}`, q.text.trim(), ''];
    switch (q.kind) {
      case 'truefalse':
        lines.push(`- [${q.truth ? 'x' : ' '}] ${yes}`, `- [${q.truth ? ' ' : 'x'}] ${no}`);
        lines.push(...feedbackLines(q.tfFeedback?.right, '', '>+'), ...feedbackLines(q.tfFeedback?.wrong, '', '>-'));
        break;
      case 'single':
      case 'multiple':
        for (const a of q.answers) lines.push(`- [${a.weight > 0 ? 'x' : ' '}] ${oneLine(a.text)}`, ...feedbackLines(a.feedback, '  '));
        break;
      case 'fill':
        lines.push(`= ${q.answers.map((a) => oneLine(a.text).replace(/\|/g, '/')).join(' | ')}`);
        break;
      case 'numeric': {
        const { min, max } = q.numeric!;
        lines.push(min === max ? `= ${min}` : `= ${min}..${max}`);
        break;
      }
      case 'matching':
        for (const a of q.answers) lines.push(`- ${oneLine(a.text)} -> ${oneLine(a.match ?? '')}`);
        break;
      case 'essay':
        lines.pop();
        break;
      default:
        break;
    }
    if (q.generalFeedback) lines.push('', `? ${oneLine(q.generalFeedback)}`);
    lines.push(':::');
    blocks.push(lines.join('\n'));
  });
  return blocks.length > 0 ? `${blocks.join('\n\n')}\n` : '';
}
