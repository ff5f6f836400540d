/** report/classes: what the other folders import from this one. */
export { readSheetRows, sheetRowsOf } from './sheet.js';
export { classStatements } from './statements.js';
export type { ClassRecord } from './statements.js';
export { sendClassStatements } from './send.js';
