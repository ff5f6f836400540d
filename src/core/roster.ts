/**
 * The learner roster (CSV, UTF-8) shared by the preview LMS and the compliance report.
 * Header: id,ho_ten,chuc_danh,don_vi,trinh_do_llct,nam_sinh,gioi_tinh
 * English headers (id,name,position,unit,tier,birth_year,sex) are accepted too.
 * Optional column ngay_ket_nap (admitted): the day the chi bộ held the admission ceremony,
 * yyyy-mm-dd or dd/mm/yyyy. The 12-month probation (Điều lệ Đảng, Điều 5 khoản 2) counts from
 * it, and so does the deadline of the new-member course.
 */
import { parseCsv } from './csv.js';
import { diagnostic, type Diagnostic } from './diagnostic.js';

export interface Learner {
  /** Matches the xAPI actor's account name. */
  readonly id: string;
  readonly name: string;
  readonly position: string;
  /** Unit (đơn vị): usually the commune. */
  readonly unit: string;
  /** Political-theory tier held, or null. */
  readonly tier: string | null;
  readonly birthYear?: number;
  readonly sex?: string;
  /** ISO date of the admission ceremony (ngày kết nạp), when the roster gives it. */
  readonly admitted?: string;
  readonly line: number;
}

const COLUMNS = {
  id: ['id', 'ma', 'ma_hoc_vien'],
  name: ['ho_ten', 'name', 'full_name'],
  position: ['chuc_danh', 'position'],
  unit: ['don_vi', 'unit', 'commune'],
  tier: ['trinh_do_llct', 'tier'],
  birthYear: ['nam_sinh', 'birth_year'],
  sex: ['gioi_tinh', 'sex'],
  admitted: ['ngay_ket_nap', 'admitted'],
} as const;

/** yyyy-mm-dd or dd/mm/yyyy → yyyy-mm-dd; undefined when it is not a real calendar day. */
function isoDate(text: string): string | undefined {
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : text;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

type Column = keyof typeof COLUMNS;

export function parseRoster(text: string, file: string): { learners: Learner[]; diagnostics: Diagnostic[] } {
  const rows = parseCsv(text);
  const diagnostics: Diagnostic[] = [];
  const header = rows[0];
  if (!header) {
    return { learners: [], diagnostics: [diagnostic({ file, line: 1 }, 'roster/empty', 'Danh sách học viên trống.', 'The roster is empty.')] };
  }
  const names = header.fields.map((h) => h.trim().toLowerCase());
  const index = {} as Record<Column, number>;
  for (const [col, aliases] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    index[col] = names.findIndex((n) => aliases.includes(n));
  }
  for (const required of ['id', 'name', 'position', 'unit'] as const) {
    if (index[required] < 0) {
      diagnostics.push(
        diagnostic(
          { file, line: header.line },
          'roster/missing-column',
          `Thiếu cột "${COLUMNS[required][0]}" trong dòng tiêu đề.`,
          `The header lacks the column "${COLUMNS[required][0]}".`,
        ),
      );
    }
  }
  if (diagnostics.length > 0) return { learners: [], diagnostics };
  const learners: Learner[] = [];
  const seen = new Map<string, number>();
  for (const row of rows.slice(1)) {
    const get = (c: Column): string => (index[c] >= 0 ? (row.fields[index[c]] ?? '').trim() : '');
    const id = get('id');
    if (!id) {
      diagnostics.push(diagnostic({ file, line: row.line }, 'roster/missing-id', 'Dòng thiếu mã học viên (cột id).', 'The row has no learner id.'));
      continue;
    }
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      diagnostics.push(
        diagnostic(
          { file, line: row.line },
          'roster/duplicate-id',
          `Mã học viên "${id}" đã có ở dòng ${earlier}.`,
          `Learner id "${id}" already appears on line ${earlier}.`,
        ),
      );
      continue;
    }
    seen.set(id, row.line);
    const birth = Number.parseInt(get('birthYear'), 10);
    const sex = get('sex');
    const admittedText = get('admitted');
    const admitted = admittedText ? isoDate(admittedText) : undefined;
    if (admittedText && !admitted) {
      diagnostics.push(
        diagnostic(
          { file, line: row.line },
          'roster/bad-date',
          `Ngày kết nạp "${admittedText}" không hợp lệ; ghi theo dạng dd/mm/yyyy, ví dụ 15/03/2025.`,
          `Admission date "${admittedText}" is not valid; write it as dd/mm/yyyy, e.g. 15/03/2025.`,
        ),
      );
    }
    learners.push({
      id,
      name: get('name').normalize('NFC'),
      position: get('position'),
      unit: get('unit').normalize('NFC'),
      tier: get('tier') || null,
      ...(Number.isFinite(birth) ? { birthYear: birth } : {}),
      ...(sex ? { sex } : {}),
      ...(admitted ? { admitted } : {}),
      line: row.line,
    });
  }
  return { learners, diagnostics };
}
