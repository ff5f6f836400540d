/**
 * The report as an Excel workbook: one sheet per table, numbers typed as numbers (Excel with
 * Vietnamese regional settings shows them with its own decimal mark), the header row frozen,
 * percentages with one decimal, a totals row in bold. Written with exceljs.
 */
import ExcelJS from 'exceljs';
import type { Taxonomy } from '../../core/index.js';
import type { ComplianceReport } from '../model.js';
import type { ReportLang } from './labels.js';
import { label } from './labels.js';
import { reportTables } from './tables.js';

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (title: string): string => title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);

export async function reportXlsx(report: ComplianceReport, taxonomy: Taxonomy, lang: ReportLang): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'boiduong';
  book.title = label('title', lang);
  // Fixed so that the same report gives the same workbook.
  book.created = new Date(report.generatedAt);
  book.modified = new Date(report.generatedAt);
  for (const table of reportTables(report, taxonomy, lang)) {
    const sheet = book.addWorksheet(sheetName(table.title), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow([...table.header]).font = { bold: true };
    for (const r of table.rows) sheet.addRow([...r]);
    if (table.totals) sheet.addRow([...table.totals]).font = { bold: true };
    for (const c of table.percentColumns ?? []) sheet.getColumn(c + 1).numFmt = '0.0';
    table.header.forEach((h, i) => {
      const longest = Math.max(h.length, ...table.rows.map((r) => String(r[i] ?? '').length));
      sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, longest + 2));
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
