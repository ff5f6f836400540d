/**
 * Container blocks (`:::question`, `:::test`, `:::case` … `:::`) inside module Markdown.
 * The reader finds each block, then hands it to the plugin registered for its name.
 * Plugins are pure: text in, model + diagnostics out, so each can be tested alone.
 */
import type { Diagnostic, ModuleMeta, CaseStudy, GradeBand, Question, TestSpec } from '../core/index.js';

export interface BlockInput {
  /** Block name after ':::' ("question", "test", "case"). */
  readonly name: string;
  /** The rest of the opening line after the name: "single id=x points=1 topic=y". */
  readonly header: string;
  /** Lines between the opening and closing ':::' (without them). */
  readonly body: string;
  /** 1-based line of the opening ':::' in the module file (frontmatter included). */
  readonly line: number;
  /** File path as shown in diagnostics. */
  readonly file: string;
  readonly module: ModuleMeta;
  /** The taxonomy's grade bands, when a taxonomy was found (cases name a mark's band in lint). */
  readonly gradeBands?: readonly GradeBand[];
  /** Renders Markdown to HTML with the module's renderer (links, images, NFC). */
  readonly renderMarkdown: (markdown: string, firstLine: number) => string;
  /** Renders inline Markdown (no wrapping paragraph). */
  readonly renderInline: (markdown: string) => string;
}

export interface BlockOutput {
  readonly questions?: readonly Question[];
  readonly tests?: readonly TestSpec[];
  readonly cases?: readonly CaseStudy[];
  readonly diagnostics: readonly Diagnostic[];
  /** What replaces the block in the page HTML, e.g. `<div data-bd-question="id"></div>`. */
  readonly html: string;
}

export type BlockPlugin = (input: BlockInput) => BlockOutput;
