/** Diagnostics are data: every problem an author can fix, with where and what. */
import type { LocalText } from './text.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Path relative to the folder being linted or built, with '/' separators. */
  readonly file: string;
  /** 1-based line; 0 when the problem concerns the whole file. */
  readonly line: number;
  /** 1-based column; 1 when unknown. */
  readonly column: number;
  readonly severity: Severity;
  /** Stable machine code, e.g. "unknown-position", "quiz/no-correct-answer". */
  readonly code: string;
  /** The message in Vietnamese and English; Vietnamese is shown by default. */
  readonly message: LocalText;
}

export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
}

export function diagnostic(
  at: Location,
  code: string,
  vi: string,
  en: string,
  severity: Severity = 'error',
): Diagnostic {
  return { file: at.file, line: at.line, column: at.column ?? 1, severity, code, message: { vi, en } };
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}

/** `file:line:col  message` — the form editors and terminals can jump to. */
export function formatDiagnostic(d: Diagnostic, lang: string): string {
  const text = d.message[lang] ?? d.message['vi'] ?? '';
  const label = d.severity === 'warning' ? (lang === 'en' ? 'warning' : 'cảnh báo') : (lang === 'en' ? 'error' : 'lỗi');
  return `${d.file}:${d.line}:${d.column}  ${label}: ${text} [${d.code}]`;
}
