/** lrs/store: what the other folders import from this one. */
export type { ChangeListener, CredentialChanges, CredentialStore, CredentialRecord, ReadReplica, Store, StatementQuery, StatementRow, DocumentStore } from './store.js';
