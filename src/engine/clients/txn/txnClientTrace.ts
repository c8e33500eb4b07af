/**
 * Trace entries of a transactional producer: its calls finishing or failing (initTransactions, commit,
 * abort, fenced, an abortable error).
 */
import type { EntryBase } from '../../kernel/traceEntryBase';

/** A transactional producer call finished or failed (initTransactions, commit, abort, fenced). */
export interface TransactionClientEntry extends EntryBase {
  kind: 'transactionInitialized' | 'transactionCommitted' | 'transactionAborted' | 'producerFenced' | 'transactionAbortableError';
  producer: string;
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
}
