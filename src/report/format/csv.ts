/**
 * CSV tables of the report: UTF-8 with BOM so Excel shows Vietnamese correctly. Excel on a PC
 * with Vietnamese regional settings splits on ';' and reads ',' as the decimal mark: with
 * `--csv-separator ;` the files are written that way, otherwise with ',' and '.' decimals.
 */
import { formatNumber, toCsv, type Taxonomy } from '../../core/index.js';
import type { ComplianceReport } from '../model.js';
import type { ReportLang } from './labels.js';
import { groupTable, learnerTable, namesOf, type Table } from './tables.js';

export type CsvSeparator = ',' | ';';

export function tableCsv(table: Table, separator: CsvSeparator = ','): string {
  // A machine output: no thousands marks and every decimal kept, whichever mark Excel expects.
  const cell = (v: string | number): string =>
    typeof v === 'number' && separator === ';' ? formatNumber(v, 'vi', { decimals: 10, grouping: false }) : String(v);
  const rows = [...table.rows, ...(table.totals ? [table.totals] : [])].map((r) => r.map(cell));
  return toCsv(table.header, rows, separator);
}

export function bandName(taxonomy: Taxonomy, id: string | undefined, lang: ReportLang): string {
  return namesOf(taxonomy, [], lang).band(id);
}

export function learnersCsv(report: ComplianceReport, taxonomy: Taxonomy, lang: ReportLang, separator: CsvSeparator = ','): string {
  return tableCsv(learnerTable(report, namesOf(taxonomy, report.courses, lang), lang), separator);
}

export function groupsCsv(report: ComplianceReport, keyLabel: 'unit' | 'position', taxonomy: Taxonomy, lang: ReportLang, separator: CsvSeparator = ','): string {
  const names = namesOf(taxonomy, report.courses, lang);
  const groups = keyLabel === 'unit' ? report.byUnit : report.byPosition;
  return tableCsv(groupTable(keyLabel === 'unit' ? 'theo-don-vi' : 'theo-chuc-danh', groups, report.total, keyLabel, taxonomy, names, lang), separator);
}
