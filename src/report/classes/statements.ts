/**
 * A class held in person (lớp) as xAPI statements: for each learner on the sheet and each module
 * the class covered, ADL `attended` (completion when present at enough sessions) and, when the
 * class gave a mark, `passed` or `failed`. Every statement says which class in its context, and
 * its id is derived from the class, the learner, the module and the verb, so importing the same
 * sheet again adds nothing to the LRS.
 */
import { createHash } from 'node:crypto';
import { diagnostic, type Diagnostic, EPSILON, EXT, type Learner } from '../../core/index.js';
import type { CatalogueCourse } from '../model.js';
import { CLASS_EXT, VERB } from '../../core/index.js';
import type { SheetRow } from './sheet.js';

export interface ClassRecord {
  /** Short id of the class, e.g. lop-nhan-thuc-2026-01. */
  readonly id: string;
  readonly title: string;
  readonly course: CatalogueCourse;
  /** Ids of the modules the class covered (all the course's by default). */
  readonly modules: readonly string[];
  /** Inclusive ISO days. */
  readonly from: string;
  readonly to: string;
  readonly place: string;
  readonly organiser: string;
  /** Tiết the class gave. */
  readonly periods: number;
  readonly sessions: number;
  /** Sessions present needed to count the class as completed. */
  readonly sessionsNeeded: number;
  /** Pass mark on the 10-point scale. */
  readonly pass: number;
  /** homePage of the learners' accounts. */
  readonly homePage: string;
  /**
   * Revision of the sheet: a corrected sheet is imported with a new revision, so its statements
   * get new ids (an LRS never takes a changed statement under an id it holds, even voided).
   */
  readonly revision?: number;
}

/** UUID v5-style id (SHA-1 over a namespace and a name): the same inputs give the same id. */
function stableId(...parts: string[]): string {
  const h = createHash('sha1').update(`boiduong-class\u0000${parts.join('\u0000')}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

export function classActivityId(record: ClassRecord): string {
  return `${record.course.activityId.replace(/\/courses\/[^/]+$/, '')}/classes/${encodeURIComponent(record.id)}`;
}

const key = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');

/** The roster learner a sheet row names: by id, else by a full name only one learner has. */
function learnerOf(row: SheetRow, roster: readonly Learner[], file: string): Learner | Diagnostic {
  if (row.id) {
    const l = roster.find((x) => x.id === row.id);
    return l ?? diagnostic({ file, line: row.line }, 'class/unknown-learner', `Mã học viên "${row.id}" không có trong danh sách học viên.`, `Learner id "${row.id}" is not on the roster.`);
  }
  const matches = roster.filter((x) => key(x.name) === key(row.name ?? ''));
  if (matches.length === 1) return matches[0]!;
  return matches.length === 0
    ? diagnostic({ file, line: row.line }, 'class/unknown-learner', `Không có học viên tên "${row.name}" trong danh sách; ghi thêm cột ma_hoc_vien.`, `No learner named "${row.name}" on the roster; add a ma_hoc_vien column.`)
    : diagnostic(
        { file, line: row.line },
        'class/ambiguous-learner',
        `Có ${matches.length} học viên tên "${row.name}" (${matches.map((m) => m.id).join(', ')}); ghi mã học viên vào cột ma_hoc_vien.`,
        `${matches.length} learners are named "${row.name}" (${matches.map((m) => m.id).join(', ')}); write the learner id in a ma_hoc_vien column.`,
      );
}

export function classStatements(record: ClassRecord, rows: readonly SheetRow[], roster: readonly Learner[], file: string): { statements: Record<string, unknown>[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const statements: Record<string, unknown>[] = [];
  const classIri = classActivityId(record);
  // Deterministic: the end of the class's last day, Vietnam time.
  const timestamp = `${record.to}T17:00:00+07:00`;
  const seen = new Map<string, number>();
  const rev = record.revision && record.revision > 1 ? [`r${record.revision}`] : [];
  for (const row of rows) {
    const learner = learnerOf(row, roster, file);
    if ('code' in learner) {
      diagnostics.push(learner);
      continue;
    }
    const earlier = seen.get(learner.id);
    if (earlier !== undefined) {
      diagnostics.push(diagnostic({ file, line: row.line }, 'class/duplicate-learner', `Học viên ${learner.id} đã có ở dòng ${earlier}.`, `Learner ${learner.id} already appears on line ${earlier}.`));
      continue;
    }
    seen.set(learner.id, row.line);
    const completed = row.sessions >= record.sessionsNeeded;
    const actor = { objectType: 'Agent', name: learner.name, account: { homePage: record.homePage, name: learner.id } };
    const context = {
      contextActivities: {
        grouping: [{ id: classIri, objectType: 'Activity', definition: { name: { vi: record.title }, type: 'http://adlnet.gov/expapi/activities/meeting' } }],
        parent: [{ id: record.course.activityId, objectType: 'Activity' }],
      },
      extensions: {
        [CLASS_EXT.class]: record.id,
        [CLASS_EXT.periods]: record.periods,
        [CLASS_EXT.place]: record.place,
        [CLASS_EXT.organiser]: record.organiser,
      },
    };
    for (const moduleId of record.modules) {
      const module = record.course.modules.find((m) => m.id === moduleId)!;
      const object = { id: module.activityId, objectType: 'Activity', definition: { name: { vi: module.title } } };
      statements.push({
        id: stableId(record.id, learner.id, module.id, 'attended', ...rev),
        actor,
        verb: { id: VERB.attended, display: { vi: 'đã tham dự', en: 'attended' } },
        object,
        result: { completion: completed, extensions: { [CLASS_EXT.sessions]: row.sessions, [CLASS_EXT.sessionsTotal]: record.sessions } },
        context,
        timestamp,
      });
      if (row.mark !== undefined && completed) {
        const passed = row.mark >= record.pass - EPSILON;
        statements.push({
          id: stableId(record.id, learner.id, module.id, 'result', ...rev),
          actor,
          verb: passed ? { id: VERB.passed, display: { vi: 'đạt', en: 'passed' } } : { id: VERB.failed, display: { vi: 'chưa đạt', en: 'failed' } },
          object,
          result: { success: passed, completion: true, score: { scaled: Math.round(row.mark * 100) / 1000, raw: row.mark, min: 0, max: 10 }, extensions: { [EXT.mark10]: row.mark } },
          context,
          timestamp,
        });
      }
    }
  }
  return { statements, diagnostics };
}
