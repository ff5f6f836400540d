/** Statement and document commands and queries, independent of HTTP and of the store. */
export { StatementService, queryStatements, statementById, validateAll } from './statements.js';
export type { ByIdResult, QueryResult, StoreOutcome } from './statements.js';
export { StatementReader } from './statement-reader.js';
export type { ReadSource } from './statement-reader.js';
export { authorityKey, statementRow } from './statement-rows.js';
export { agentKey } from '../validate/index.js';
export { formatStatement, preferredLanguages } from './statement-format.js';
export type { StatementFormat } from './statement-format.js';
export { sameStatement } from './statement-equal.js';
export { deleteDocument, deleteDocuments, getDocument, listDocumentIds, postDocument, putDocument } from './documents.js';
export type { DocumentKey, DocumentKind, DocumentScope, DocumentStore, StoredDocument } from './documents.js';
export { quoteEtag } from './documents-rules.js';
export { collectAttachments, needsParts } from './attachments.js';
export { verifySignedStatements } from './signature.js';
