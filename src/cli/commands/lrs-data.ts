/**
 * `boiduong lrs retention` and `boiduong lrs erase`: the data an LRS keeps, by age and by
 * learner. Both only show what they would do unless given --apply.
 */
import { userInfo } from 'node:os';
import { StatementError, applyRetention, cutoffMonth, eraseLearner, erasurePlan, openStore, parseAge, retentionPlan } from '../../lrs/index.js';
import type { Store } from '../../lrs/index.js';
import { flagString } from '../args.js';
import { EXIT, UsageError } from '../command.js';
import type { Io, ParsedArgs } from '../command.js';
import { storeOptions, t } from './lrs-store-options.js';

async function withStore(args: ParsedArgs, io: Io, work: (s: Store) => Promise<number>): Promise<number> {
  const opened = await openStore(storeOptions(args, io));
  try {
    return await work(opened.store);
  } finally {
    await opened.store.close();
    await opened.closeExtra();
  }
}

/** dd/mm/yyyy of the first day of a month (yyyy-mm), as Vietnamese text writes dates. */
const firstDayVi = (month: string): string => `01/${month.slice(5, 7)}/${month.slice(0, 4)}`;

export async function retention(args: ParsedArgs, io: Io): Promise<number> {
  const age = flagString(args, 'older-than');
  const months = age === undefined ? undefined : parseAge(age);
  if (months === undefined) throw new UsageError(t(io, 'cần --older-than, ví dụ --older-than 24m (tháng) hoặc 2y (năm)', 'needs --older-than, e.g. --older-than 24m (months) or 2y (years)'));
  const apply = args.flags['apply'] === true;
  return withStore(args, io, async (store) => {
    if (!store.retention) {
      io.err(t(io, 'Kho dữ liệu này không hỗ trợ xóa theo thời hạn.', 'This store has no retention.'));
      return EXIT.usage;
    }
    const cutoff = cutoffMonth(new Date(), months);
    const done = apply ? await applyRetention(store.retention, cutoff) : undefined;
    const plan = done?.months ?? (await retentionPlan(store.retention, cutoff));
    const total = plan.reduce((n, m) => n + m.statements, 0);
    for (const m of plan) io.out(`${m.month}\t${m.statements}`);
    if (done) {
      io.out(
        t(
          io,
          `Đã xóa ${plan.length} tháng, ${total} bản ghi xAPI lưu trước ngày ${firstDayVi(cutoff)}, ${done.attachmentsDeleted} tệp đính kèm không còn bản ghi nào dùng.`,
          `Dropped ${plan.length} months, ${total} statements stored before ${cutoff}-01, and ${done.attachmentsDeleted} attachments no statement lists any more.`,
        ),
      );
    } else {
      io.out(t(io, `Sẽ xóa ${plan.length} tháng, ${total} bản ghi xAPI lưu trước ngày ${firstDayVi(cutoff)}.`, `Would drop ${plan.length} months, ${total} statements stored before ${cutoff}-01.`));
      io.out(t(io, 'Chưa xóa gì: chạy lại với --apply để xóa.', 'Nothing changed: run again with --apply to drop them.'));
    }
    return EXIT.ok;
  });
}

/** --agent takes an xAPI Agent as JSON, or mailto:… for the common case. */
function agentArg(io: Io, text: string | undefined): Record<string, unknown> {
  if (text === undefined) throw new UsageError(t(io, "cần --agent, ví dụ --agent mailto:hv@xa.gov.vn hoặc --agent '{\"account\":{\"homePage\":\"…\",\"name\":\"…\"}}'", "needs --agent, e.g. --agent mailto:hv@xa.gov.vn or --agent '{\"account\":{\"homePage\":\"…\",\"name\":\"…\"}}'"));
  if (text.startsWith('mailto:')) return { objectType: 'Agent', mbox: text };
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // Falls through to the usage error, which says what is expected.
  }
  throw new UsageError(t(io, '--agent phải là mailto:… hoặc một Agent xAPI dạng JSON', '--agent must be mailto:… or an xAPI Agent as JSON'));
}

export async function erase(args: ParsedArgs, io: Io): Promise<number> {
  const agent = agentArg(io, flagString(args, 'agent'));
  const request = {
    agent,
    anonymise: args.flags['anonymise'] === true,
    operator: flagString(args, 'by') ?? userInfo().username,
    reference: flagString(args, 'reference') ?? '',
  };
  const apply = args.flags['apply'] === true;
  return withStore(args, io, async (store) => {
    if (!store.erasure) {
      io.err(t(io, 'Kho dữ liệu này không hỗ trợ xóa dữ liệu của một học viên.', 'This store cannot erase a learner.'));
      return EXIT.usage;
    }
    let plan;
    try {
      plan = await erasurePlan(store.erasure, request);
    } catch (e) {
      // A malformed agent is the caller's mistake; anything else (the database) is not.
      if (e instanceof StatementError) throw new UsageError(`--agent: ${e.message}`);
      throw e;
    }
    if (!apply) {
      io.out(
        t(
          io,
          `Sẽ xóa ${plan.deleteRefs.length} bản ghi xAPI của học viên, thay học viên bằng tài khoản ẩn danh trong ${plan.rewrites.length} bản ghi, xóa tài liệu trạng thái và hồ sơ của học viên.`,
          `Would delete ${plan.deleteRefs.length} of the learner's statements, replace the learner by an anonymous account in ${plan.rewrites.length}, and delete their state and profile documents.`,
        ),
      );
      io.out(t(io, 'Chưa thay đổi gì: chạy lại với --apply để thực hiện.', 'Nothing changed: run again with --apply to do it.'));
      return EXIT.ok;
    }
    const done = await eraseLearner(store.erasure, request);
    // The log line names who ran it and how much went, never the learner.
    io.err(
      `erasure at=${new Date().toISOString()} operator=${JSON.stringify(request.operator)} reference=${JSON.stringify(request.reference)} mode=${done.mode} statements_deleted=${done.statementsDeleted} statements_rewritten=${done.statementsRewritten} documents_deleted=${done.documentsDeleted} attachments_deleted=${done.attachmentsDeleted}`,
    );
    io.out(
      t(
        io,
        `Đã xóa ${done.statementsDeleted} bản ghi xAPI, thay học viên bằng tài khoản ẩn danh trong ${done.statementsRewritten} bản ghi, xóa ${done.documentsDeleted} tài liệu và ${done.attachmentsDeleted} tệp đính kèm. Việc xóa đã được ghi vào nhật ký (bảng erasures).`,
        `Deleted ${done.statementsDeleted} statements, replaced the learner by an anonymous account in ${done.statementsRewritten}, deleted ${done.documentsDeleted} documents and ${done.attachmentsDeleted} attachments. The erasure is logged (table erasures).`,
      ),
    );
    return EXIT.ok;
  });
}
