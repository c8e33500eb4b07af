/**
 * Transaction requests reaching the transaction coordinator (InitProducerId, AddPartitionsToTxn or
 * AddOffsetsToTxn, EndTxn), its markers reaching partition leaders and being confirmed, and its
 * timeout check. coordinator.ts applies them.
 */
import type { EventBase } from '../../kernel/eventBase';
import type { GroupOffsets } from './txnTypes';

/** InitProducerId for a transactional.id reaches its transaction coordinator. */
export interface InitProducerIdArrivedEvent extends EventBase {
  type: 'initProducerIdArrived';
  transactionalId: string;
  producer: string;
  timeoutMs: number;
}

/** AddPartitionsToTxn (a partition) or AddOffsetsToTxn + TxnOffsetCommit (a group's offsets). */
export interface AddToTxnArrivedEvent extends EventBase {
  type: 'addToTxnArrived';
  transactionalId: string;
  producer: string;
  producerId: number;
  producerEpoch: number;
  partition: { topic: string; partition: number } | null;
  offsets: GroupOffsets | null;
}

export interface EndTxnArrivedEvent extends EventBase {
  type: 'endTxnArrived';
  transactionalId: string;
  producer: string;
  producerId: number;
  producerEpoch: number;
  commit: boolean;
}

/** WriteTxnMarkers: the coordinator's marker reaches a partition leader. */
export interface TxnMarkerArrivedEvent extends EventBase {
  type: 'txnMarkerArrived';
  transactionalId: string;
  topic: string;
  partition: number;
  producerId: number;
  producerEpoch: number;
  marker: 'COMMIT' | 'ABORT';
}

/** The leader confirms a marker to the coordinator. */
export interface TxnMarkerWrittenEvent extends EventBase {
  type: 'txnMarkerWritten';
  transactionalId: string;
}

/** Every 10 s the coordinator aborts transactions open longer than their transaction.timeout.ms. */
export interface TxnTimeoutCheckEvent extends EventBase {
  type: 'txnTimeoutCheck';
}
