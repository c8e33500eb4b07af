/** What a share consumer and the share-partition leader both speak of (KIP-932's ShareFetch and ShareAcknowledge). */
import type { TopicPartition } from './topicPartition';

/** Kafka's AcknowledgeType: ACCEPT 1 (processed), RELEASE 2 (give it to someone again), REJECT 3 (never again). */
export type AcknowledgeType = 'ACCEPT' | 'RELEASE' | 'REJECT';

/** A record a share fetch handed out, with how many times the group has handed it out (its delivery count). */
export interface ShareDeliveredRecord extends TopicPartition {
  offset: number;
  key: string | null;
  value: string | null;
  deliveryCount: number;
}

/** An acknowledgement of one record, riding on the next share fetch. */
export interface PendingAcknowledgement extends TopicPartition {
  offset: number;
  type: AcknowledgeType;
}
