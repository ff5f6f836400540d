/**
 * The attendance sheet a training centre keeps for a class: one row per learner with the
 * learner id or full name, the sessions present and the mark. CSV (any separator, UTF-8) or the
 * first sheet of an XLSX workbook; header names in Vietnamese or English.
 */
import ExcelJS from 'exceljs';
import { detectSeparator, parseCsv, diagnostic, type Diagnostic, decodeRoster } from '../../core/index.js';

export interface SheetRow {
  readonly line: number;
  readonly id?: string;
  readonly name?: string;
  readonly sessions: number;
  /** 10-point mark, when the class gave one. */
  readonly mark?: number;
}

const COLUMNS = {
  id: ['ma_hoc_vien', 'ma', 'id', 'mã học viên'],
  name: ['ho_ten', 'họ tên', 'họ và tên', 'name'],
  sessions: ['so_buoi_co_mat', 'số buổi có mặt', 'so_buoi', 'sessions'],
  mark: ['diem', 'điểm', 'mark'],
} as const;

type Column = keyof typeof COLUMNS;

/** A mark as offices write it: "8,5" or "8.5", on the 10-point scale. */
function parseMark(text: string): number | undefined {
  const n = Number(text.replace(',', '.'));
  return text !== '' && Number.isFinite(n) && n >= 0 && n <= 10 ? n : undefined;
}

export function readSheetRows(rows: readonly { fields: string[]; line: number }[], file: string, sessionsTotal: number): { rows: SheetRow[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const header = rows[0];
  if (!header) return { rows: [], diagnostics: [diagnostic({ file, line: 1 }, 'class/empty', 'Bảng điểm danh trống.', 'The attendance sheet is empty.')] };
  const names = header.fields.map((h) => h.normalize('NFC').trim().toLowerCase());
  const index = {} as Record<Column, number>;
  for (const [col, aliases] of Object.entries(COLUMNS) as [Column, readonly string[]][]) index[col] = names.findIndex((n) => aliases.includes(n));
  if (index.id < 0 && index.name < 0) {
    diagnostics.push(diagnostic({ file, line: header.line }, 'class/missing-column', 'Thiếu cột "ma_hoc_vien" hoặc "ho_ten".', 'The header lacks "ma_hoc_vien" or "ho_ten".'));
  }
  if (index.sessions < 0) {
    diagnostics.push(diagnostic({ file, line: header.line }, 'class/missing-column', 'Thiếu cột "so_buoi_co_mat".', 'The header lacks "so_buoi_co_mat".'));
  }
  if (diagnostics.length) return { rows: [], diagnostics };
  const out: SheetRow[] = [];
  for (const row of rows.slice(1)) {
    const get = (c: Column): string => (index[c] >= 0 ? (row.fields[index[c]] ?? '').normalize('NFC').trim() : '');
    const at = { file, line: row.line };
    const sessionsText = get('sessions');
    const sessions = Number(sessionsText);
    if (!/^\d+$/.test(sessionsText) || sessions > sessionsTotal) {
      diagnostics.push(
        diagnostic(
          at,
          'class/bad-sessions',
          `Số buổi có mặt "${sessionsText}" không hợp lệ: ghi số nguyên từ 0 đến ${sessionsTotal}.`,
          `Sessions present "${sessionsText}" is not valid: write a whole number from 0 to ${sessionsTotal}.`,
        ),
      );
      continue;
    }
    const markText = get('mark');
    const mark = parseMark(markText);
    if (markText !== '' && mark === undefined) {
      diagnostics.push(diagnostic(at, 'class/bad-mark', `Điểm "${markText}" không hợp lệ: thang 10, ví dụ 8,5.`, `Mark "${markText}" is not valid: 10-point scale, e.g. 8.5.`));
      continue;
    }
    const id = get('id');
    const name = get('name');
    if (!id && !name) continue;
    out.push({ line: row.line, sessions, ...(id ? { id } : {}), ...(name ? { name } : {}), ...(mark !== undefined ? { mark } : {}) });
  }
  return { rows: out, diagnostics };
}

/** Rows of a CSV sheet (bytes as read from disk) or of an XLSX workbook's first sheet. */
export async function sheetRowsOf(bytes: Uint8Array, file: string): Promise<{ rows: { fields: string[]; line: number }[]; diagnostics: Diagnostic[] }> {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const rows: { fields: string[]; line: number }[] = [];
    sheet?.eachRow((row, line) => {
      const fields: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) fields.push(row.getCell(c).text);
      rows.push({ fields, line });
    });
    return { rows, diagnostics: [] };
  }
  const decoded = decodeRoster(bytes, file);
  if (decoded.text === undefined) return { rows: [], diagnostics: decoded.diagnostics };
  return { rows: parseCsv(decoded.text, detectSeparator(decoded.text)), diagnostics: [] };
}
