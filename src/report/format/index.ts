/** report/format: what the other folders import from this one. */
export { learnersCsv, groupsCsv, tableCsv } from './csv.js';
export { reportHtml } from './html.js';
export type { ReportLang } from './labels.js';
export type { CsvSeparator } from './csv.js';
export { reportXlsx } from './xlsx.js';
export { reportTables } from './tables.js';
