/** RFC 4180 CSV, as Excel and LibreOffice write it (UTF-8, optional BOM, quoted fields, CRLF). */

/**
 * Parse CSV text into rows of fields, each row with the 1-based line it starts on. The
 * separator is a comma unless told (Excel on a PC with Vietnamese regional settings writes ';').
 */
export function parseCsv(text: string, separator = ','): { fields: string[]; line: number }[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const endRow = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ fields, line: rowLine });
    fields = [];
    field = '';
  };
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === separator) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      endRow();
      if (ch === '\r' && src[i + 1] === '\n') i++;
      line++;
      rowLine = line;
    } else field += ch;
    i++;
  }
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The separator of a CSV file, read from its header line outside quotes: the one of ',', ';'
 * and tab that occurs most (a header has at least one).
 */
export function detectSeparator(text: string): ',' | ';' | '\t' {
  const first = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r?\n/, 1)[0] ?? '';
  const outside = first.replace(/"[^"]*"/g, '');
  const counts = ([',', ';', '\t'] as const).map((c) => [c, outside.split(c).length - 1] as const);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![1] > 0 ? [...counts].sort((a, b) => b[1] - a[1])[0]![0] : ',';
}

/** CSV with a BOM so Excel opens Vietnamese text as UTF-8, CRLF line ends. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
  separator = ',',
): string {
  const q = (v: string): string => (v.includes(separator) && !/[",\r\n]/.test(v) ? `"${v}"` : quote(v));
  const lines = [header, ...rows].map((r) => r.map((v) => q(v === null || v === undefined ? '' : String(v))).join(separator));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
