/**
 * What can go wrong talking to Moodle, as data: the kind decides the exit code and the advice,
 * Moodle's own errorcode and message are kept for the administrator.
 */
export type MoodleFailure =
  /** Moodle did not know the token (errorcode `invalidtoken`), or it expired. */
  | 'token'
  /** The token's user lacks a capability or the REST protocol (`nopermissions`, `accessexception`, `requireloginerror`). */
  | 'permission'
  /** No answer: connection refused, DNS, timeout, TLS. */
  | 'unreachable'
  /** An answer that is not Moodle's JSON (HTTP error page, proxy, wrong address). */
  | 'not-moodle'
  /** Any other Moodle exception (e.g. `invalidparameter`, a missing function in the service). */
  | 'moodle';

export class MoodleError extends Error {
  constructor(
    readonly failure: MoodleFailure,
    /** The web-service function that failed. */
    readonly wsfunction: string,
    /** Moodle's errorcode (or the network error's code). */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const PERMISSION_CODES = new Set(['nopermissions', 'accessexception', 'requireloginerror', 'usernotfullysetup', 'servicerequireslogin']);

/** Moodle's REST exception object → the failure kind. */
export function failureOf(errorcode: string): MoodleFailure {
  if (errorcode === 'invalidtoken' || errorcode === 'invalidtokensession' || errorcode === 'sitemaintenance') {
    return errorcode === 'sitemaintenance' ? 'unreachable' : 'token';
  }
  return PERMISSION_CODES.has(errorcode) ? 'permission' : 'moodle';
}

type Lang = 'vi' | 'en';

/** An actionable sentence for the administrator running the pull. */
export function explain(e: MoodleError, lang: Lang): string {
  const detail = `${e.wsfunction}: ${e.code} — ${e.message}`;
  const text: Record<MoodleFailure, [vi: string, en: string]> = {
    token: [
      'Moodle không chấp nhận token (sai, đã hết hạn hoặc đã bị thu hồi). Tạo token mới tại Quản trị trang › Máy chủ › Dịch vụ web › Quản lý token.',
      'Moodle rejected the token (wrong, expired or revoked). Create a new one under Site administration › Server › Web services › Manage tokens.',
    ],
    permission: [
      'Người dùng của token thiếu quyền. Cần vai trò quản lý (manager) có webservice/rest:use, mod/scorm:viewreport, moodle/course:viewparticipants và moodle/user:viewdetails; dịch vụ của token phải có các hàm mod_scorm_* và core_enrol_get_enrolled_users.',
      "The token's user lacks a permission. It needs a manager role with webservice/rest:use, mod/scorm:viewreport, moodle/course:viewparticipants and moodle/user:viewdetails; the token's service must list the mod_scorm_* functions and core_enrol_get_enrolled_users.",
    ],
    unreachable: [
      'Không kết nối được tới Moodle (máy chủ tắt, sai địa chỉ, hết thời gian chờ hoặc đang bảo trì). Kiểm tra --url rồi chạy lại: lần chạy sau tiếp tục, không ghi trùng.',
      'Moodle could not be reached (down, wrong address, timed out or in maintenance). Check --url and run again: the next run carries on and writes nothing twice.',
    ],
    'not-moodle': [
      'Địa chỉ này không trả lời như dịch vụ web REST của Moodle. Kiểm tra --url (địa chỉ trang Moodle, không kèm /webservice) và giao thức REST đã bật.',
      "This address does not answer like Moodle's REST web service. Check --url (the Moodle site address, without /webservice) and that the REST protocol is enabled.",
    ],
    moodle: ['Moodle báo lỗi.', 'Moodle reported an error.'],
  };
  const [vi, en] = text[e.failure];
  return `${lang === 'en' ? en : vi}\n  (${detail})`;
}
