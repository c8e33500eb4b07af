/**
 * The transaction coordinator's answers reaching a transactional producer (InitProducerId, EndTxn).
 * producer.ts hands them to client.ts.
 */
import type { EventBase } from '../../kernel/eventBase';

export interface InitProducerIdResponseEvent extends EventBase {
  type: 'initProducerIdResponse';
  producer: string;
  producerId: number;
  producerEpoch: number;
}

export interface EndTxnResponseEvent extends EventBase {
  type: 'endTxnResponse';
  producer: string;
  commit: boolean;
  error: 'NONE' | 'PRODUCER_FENCED';
}
