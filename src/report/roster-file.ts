/**
 * Reading the roster file as it comes from an office PC: UTF-8 is read as is; a legacy code
 * page is converted only when the officer names it (--roster-encoding windows-1258), since
 * guessing between Windows-1258, TCVN3 and VNI from the bytes alone would garble names.
 */
import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { diagnostic, type Diagnostic, decodeRoster, parseRoster, type Learner } from '../core/index.js';

export interface RosterRead {
  readonly learners: Learner[];
  readonly diagnostics: Diagnostic[];
}

export async function readRosterFile(file: string, shownAs: string, encoding?: string): Promise<RosterRead> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    return {
      learners: [],
      diagnostics: [
        diagnostic(
          { file: shownAs, line: 0 },
          'roster/unreadable',
          code === 'ENOENT' ? 'Không có tệp danh sách học viên; chỉ đường dẫn bằng --roster.' : `Không đọc được tệp danh sách học viên (${code}).`,
          code === 'ENOENT' ? 'The roster file does not exist; give its path with --roster.' : `The roster file cannot be read (${code}).`,
        ),
      ],
    };
  }
  if (encoding && !/^utf-?8$/i.test(encoding)) {
    // encodingExists narrows its argument to never when false; keep the name as a plain string for the message.
    const named: string = encoding;
    if (!iconv.encodingExists(encoding)) {
      return {
        learners: [],
        diagnostics: [
          diagnostic(
            { file: shownAs, line: 0 },
            'roster/unknown-encoding',
            `Không biết bảng mã "${named}"; dùng ví dụ windows-1258.`,
            `Unknown encoding "${named}"; use e.g. windows-1258.`,
          ),
        ],
      };
    }
    return parseRoster(iconv.decode(bytes, encoding), shownAs);
  }
  const decoded = decodeRoster(bytes, shownAs);
  return decoded.text === undefined ? { learners: [], diagnostics: decoded.diagnostics } : parseRoster(decoded.text, shownAs);
}
