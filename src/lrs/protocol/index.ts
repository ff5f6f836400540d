/** The bottom of the LRS: xAPI versions, statement and document types, refusals. Imports nothing of the LRS. */
export { XapiError, InvalidRequest } from './errors.js';
export type { XapiStatus } from './errors.js';
export { requestVersion } from './version.js';
export type { XapiVersion } from './version.js';
export { VOIDED, activityList, isVoiding, parseRecorded, refTargetId } from './statement.js';
export type {
  Account,
  Activity,
  ActivityDefinition,
  Actor,
  Agent,
  Attachment,
  Context,
  ContextActivities,
  ContextActivityList,
  Group,
  IdentifiedStatement,
  RecordedStatement,
  Result,
  Statement,
  StatementObject,
  StatementRef,
  SubStatement,
  Verb,
} from './statement.js';
export { mergeActivityDefinition } from './activity-definition.js';
export { SIGNATURE_USAGE } from './attachments.js';
export type { AttachmentContent, AttachmentPart } from './attachments.js';
export type { DocumentKey, DocumentKind, DocumentScope, StoredDocument } from './documents.js';
