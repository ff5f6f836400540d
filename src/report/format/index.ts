/** report/format: what the other folders import from this one. */
export { learnersCsv, groupsCsv } from './csv.js';
export { reportHtml } from './html.js';
export type { ReportLang } from './labels.js';
