/**
 * Trace entries of the transaction coordinator: a transactional.id's state changes and each marker
 * written to a partition.
 */
import type { EntryBase } from '../../kernel/traceEntryBase';

/** The transaction coordinator's state for a transactional.id changed. */
export interface TransactionStateChangedEntry extends EntryBase {
  kind: 'transactionStateChanged';
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
  from: string;
  to: string;
  reason: string;
}

/** A COMMIT or ABORT marker took its offset in a partition. */
export interface TxnMarkerWrittenEntry extends EntryBase {
  kind: 'txnMarkerWritten';
  transactionalId: string;
  topic: string;
  partition: number;
  offset: number;
  marker: 'COMMIT' | 'ABORT';
}
