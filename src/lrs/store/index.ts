/** lrs/store: what the other folders import from this one. */
export type {
  CredentialStore,
  CredentialRecord,
  Store,
  StatementQuery,
  StatementRow,
  DocumentStore,
  ErasureStore,
  ErasurePlan,
  ErasureOutcome,
  ErasureLogEntry,
  RetentionStore,
  StoredMonth,
} from './store.js';
