/**
 * What the transaction coordinator holds for a transactional.id (TransactionMetadata), and the group
 * offsets a transaction carries until it commits. Plain data; coordinator.ts acts on it.
 */
import type { TopicPartition, TopicPartitionOffset } from '../../shared/topicPartition';
import type { TxnStateName } from './txnMachine';

/** Offsets to commit for one group (sendOffsetsToTransaction). */
export interface GroupOffsets {
  groupId: string;
  offsets: TopicPartitionOffset[];
}

/** What the transaction coordinator holds for a transactional.id (TransactionMetadata). */
export interface TransactionState {
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
  state: TxnStateName;
  partitions: TopicPartition[];
  /** sendOffsetsToTransaction: offsets that become the group's committed offsets only on COMMIT. */
  pendingOffsets: GroupOffsets[];
  /** When the first partition was added: transaction.timeout.ms counts from here. */
  startedAt: number;
  timeoutMs: number;
  /** Markers written so far are awaited for this many partitions. */
  pendingMarkers: number;
  /** The producer client to answer when the markers are written (EndTxn), or null (timeout abort). */
  endTxnRequester: string | null;
  /** An InitProducerId waiting for the fenced transaction's abort to finish. */
  pendingInit: string | null;
}
