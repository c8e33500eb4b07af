/**
 * A transactional producer's own view of its transaction (TransactionManager's state), kept in its
 * ProducerState. Plain data; client.ts acts on it. The coordinator's view is in broker/txn/txnTypes.ts.
 */

/** A transactional producer as its client sees it. */
export interface ProducerTxnState {
  state: 'UNINITIALIZED' | 'INITIALIZING' | 'READY' | 'IN_TRANSACTION' | 'COMMITTING' | 'ABORTING' | 'ABORTABLE_ERROR' | 'FENCED';
  /** Partitions added to the current transaction ("topic-partition" keys). */
  partitions: string[];
  /** Why the current transaction can only be aborted (a send in it failed), or null. */
  abortableError: string | null;
}
