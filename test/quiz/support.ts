/** Runs a quiz block plugin on block text as it appears in a module file. */
import { marked } from 'marked';
import type { BlockInput, BlockOutput, BlockPlugin } from '../../src/author/blocks.js';
import type { ModuleMeta } from '../../src/core/model.js';

export const META: ModuleMeta = {
  id: 'tiep-xuc-doi-thoai',
  title: 'Tiếp xúc, đối thoại với nhân dân',
  positions: ['bi-thu-dang-uy-xa'],
  tier: 'trung-cap',
  periods: 5,
  language: 'vi',
  objectives: [],
  topics: ['dan-van', 'kiem-tra-giam-sat'],
  version: '1.0.0',
  prerequisites: [],
  pass: 5,
};

/**
 * `source` is the whole block, opening and closing `:::` included; `line` is the line of the
 * opening `:::` in the module file.
 */
export function runBlock(plugin: BlockPlugin, source: string, line = 10, meta: ModuleMeta = META): BlockOutput {
  const lines = source.replace(/^\n/, '').split('\n');
  const open = lines[0]!;
  const m = /^:::(\w+)\s*(.*)$/.exec(open);
  if (!m) throw new Error('block must start with :::name');
  const closeAt = lines.lastIndexOf(':::');
  const input: BlockInput = {
    name: m[1]!,
    header: m[2]!,
    body: lines.slice(1, closeAt).join('\n'),
    line,
    file: 'modules/tiep-xuc.md',
    module: meta,
    renderMarkdown: (md) => marked.parse(md, { async: false }),
    renderInline: (md) => marked.parseInline(md, { async: false }),
  };
  return plugin(input);
}
