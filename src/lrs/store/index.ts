/** lrs/store: what the other folders import from this one. */
export type {
  ChangeListener,
  CredentialChanges,
  CredentialStore,
  CredentialRecord,
  ReadReplica,
  Store,
  StatementQuery,
  QueryBound,
  StatementRow,
  DocumentStore,
  ErasureStore,
  ErasurePlan,
  ErasureOutcome,
  ErasureLogEntry,
  RetentionStore,
  StoredMonth,
} from './store.js';
