/**
 * The learner roster (CSV, UTF-8) shared by the preview LMS and the compliance report.
 * Header: id,ho_ten,chuc_danh,don_vi,trinh_do_llct,nam_sinh,gioi_tinh
 * English headers (id,name,position,unit,tier,birth_year,sex) are accepted too.
 * Optional column ngay_ket_nap (admitted): the day the chi bộ held the admission ceremony,
 * yyyy-mm-dd or dd/mm/yyyy. The 12-month probation (Điều lệ Đảng, Điều 5 khoản 2) counts from
 * it, and so does the deadline of the new-member course.
 * Rosters come from office PCs: the separator may be ';' (Excel with Vietnamese regional
 * settings), the bytes may not be UTF-8 (decodeRoster says so at the line), and a row whose
 * field count differs from the header is an error at its line, never shifted fields.
 */
import { detectSeparator, parseCsv } from './csv.js';
import { diagnostic, type Diagnostic } from './diagnostic.js';
import type { Tier } from './taxonomy.js';

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
  /**
   * The position after the reform (chuc_danh_moi), when the roster says which: an old title
   * split into several positions (tư pháp – hộ tịch) needs it to be counted under one.
   */
  readonly newPosition?: string;
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
  newPosition: ['chuc_danh_moi', 'new_position'],
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

const SEPARATOR_NAME = { ',': 'dấu phẩy', ';': 'dấu chấm phẩy', '\t': 'dấu tab' } as const;
const SEPARATOR_NAME_EN = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' } as const;

/**
 * Roster bytes as text. UTF-8 (with or without BOM) and UTF-16 with a BOM (Excel's "Unicode
 * Text") are read; anything else, such as Windows-1258 from an old office PC, is refused at the
 * first line that is not UTF-8, with how to save the file as UTF-8.
 */
export function decodeRoster(bytes: Uint8Array, file: string): { text?: string; diagnostics: Diagnostic[] } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), diagnostics: [] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), diagnostics: [] };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), diagnostics: [] };
  } catch {
    let line = 1;
    let start = 0;
    const strict = new TextDecoder('utf-8', { fatal: true });
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          strict.decode(bytes.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    }
    return {
      diagnostics: [
        diagnostic(
          { file, line },
          'roster/not-utf8',
          'Tệp không phải UTF-8 (có thể được lưu bằng bảng mã Windows-1258 hoặc TCVN3 trên máy văn phòng). Trong Excel chọn Tệp > Lưu thành > "CSV UTF-8 (Phân cách bằng dấu phẩy) (*.csv)"; trong LibreOffice chọn bộ ký tự "Unicode (UTF-8)". Hoặc chạy lại với --roster-encoding windows-1258 để chuyển mã.',
          'The file is not UTF-8 (probably saved as Windows-1258 or TCVN3 on an office PC). In Excel choose File > Save As > "CSV UTF-8 (Comma delimited) (*.csv)"; in LibreOffice choose the character set "Unicode (UTF-8)". Or run again with --roster-encoding windows-1258 to convert it.',
        ),
      ],
    };
  }
}

/** One spelling per unit: NFC, single spaces, the first letter upper case ("xã Tân Lập" is "Xã Tân Lập"). */
export function normaliseUnit(name: string): string {
  const one = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  return one.charAt(0).toLocaleUpperCase('vi') + one.slice(1);
}

/** Roster tiers the taxonomy does not know: flagged at their line, never silently "no tier". */
export function checkRosterTiers(learners: readonly Learner[], tiers: readonly Tier[], file: string): Diagnostic[] {
  const known = new Set(tiers.map((t) => t.id));
  return learners
    .filter((l) => l.tier !== null && !known.has(l.tier))
    .map((l) =>
      diagnostic(
        { file, line: l.line },
        'roster/unknown-tier',
        `Trình độ LLCT "${l.tier}" của học viên ${l.id} không có trong danh mục (${[...known].join(', ')}); để trống nếu chưa có.`,
        `Tier "${l.tier}" of learner ${l.id} is not in the taxonomy (${[...known].join(', ')}); leave it empty when none.`,
      ),
    );
}

export function parseRoster(text: string, file: string): { learners: Learner[]; diagnostics: Diagnostic[] } {
  const separator = detectSeparator(text);
  const rows = parseCsv(text, separator);
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
  const width = header.fields.length;
  for (const row of rows.slice(1)) {
    if (row.fields.length !== width) {
      diagnostics.push(
        diagnostic(
          { file, line: row.line },
          'roster/field-count',
          `Dòng có ${row.fields.length} cột, dòng tiêu đề có ${width} (các cột ngăn bằng ${SEPARATOR_NAME[separator]}). Thêm ô trống cho cột thiếu, hoặc đặt trong dấu ngoặc kép ô có chứa dấu phân cách.`,
          `The row has ${row.fields.length} fields, the header ${width} (separated by ${SEPARATOR_NAME_EN[separator]}). Add an empty cell for the missing column, or quote a cell that holds the separator.`,
        ),
      );
      continue;
    }
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
      unit: normaliseUnit(get('unit')),
      tier: get('tier') || null,
      ...(Number.isFinite(birth) ? { birthYear: birth } : {}),
      ...(sex ? { sex } : {}),
      ...(admitted ? { admitted } : {}),
      ...(get('newPosition') ? { newPosition: get('newPosition') } : {}),
      line: row.line,
    });
  }
  return { learners, diagnostics };
}
