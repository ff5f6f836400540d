/** Statement and document commands and queries, independent of HTTP and of the store. */
export { queryStatements, statementById, storeStatements, validateAll, consistentThrough } from './statements.js';
export type { ByIdResult, QueryResult, StoreOutcome } from './statements.js';
export { authorityKey, statementRow } from './statement-rows.js';
export { agentKey } from '../validate/index.js';
export { formatStatement, preferredLanguages } from './statement-format.js';
export type { StatementFormat } from './statement-format.js';
export { sameStatement } from './statement-equal.js';
export { deleteDocument, deleteDocuments, getDocument, listDocumentIds, postDocument, putDocument } from './documents.js';
export type { DocumentKey, DocumentKind, DocumentScope, DocumentStore, StoredDocument } from './documents.js';
export { quoteEtag } from './documents-rules.js';
export { AttachmentError, collectAttachments, declaredAttachments, needsParts } from './attachments.js';
export type { AttachmentContent } from './attachments.js';
export { SignatureError, verifySignedStatements } from './signature.js';
