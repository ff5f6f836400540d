/** report: compliance reports from the statements of any conformant LRS. */
import type { FactDigest, StatementFact } from './model.js';
import { ReportBuilder, type ReportInput } from './engine.js';
import type { ComplianceReport } from './model.js';

export type {
  CatalogueCourse,
  CatalogueModule,
  CheckKind,
  CheckResult,
  ComplianceReport,
  CourseStanding,
  Eligibility,
  FactDigest,
  GroupSummary,
  LearnerReport,
  Period,
  StatementFact,
} from './model.js';
export { ReportBuilder } from './engine.js';
export type { ReportInput } from './engine.js';
export { catalogueOf } from './catalogue.js';
export { toFact, actorKey, VERB, CLASS_EXT } from '../core/index.js';
export { CacheMissingError, FactCache, lrsKey } from './cache.js';
export type { CacheState } from './cache.js';
export { lrsClient, pull, PullError } from './pull.js';
export type { PullFailure, PullOptions, PullResult } from './pull.js';
export {
  learnersCsv,
  groupsCsv,
  tableCsv,
  type CsvSeparator,
  reportXlsx,
  reportTables,
  reportHtml,
  type ReportLang,
} from './format/index.js';

/** Build a report from statements reduced where they are stored (see FactDigest). */
export async function buildReportFromDigest(digest: FactDigest, input: ReportInput): Promise<ComplianceReport> {
  const builder = new ReportBuilder(input);
  await builder.addDigest(digest);
  return builder.finish();
}

/** Build a report from a stream of facts (from the cache or from memory). */
export async function buildReport(facts: AsyncIterable<StatementFact> | Iterable<StatementFact>, input: ReportInput): Promise<ComplianceReport> {
  const builder = new ReportBuilder(input);
  for await (const f of facts) builder.add(f);
  return builder.finish();
}
export { readRosterFile } from './roster-file.js';
