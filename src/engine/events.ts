/**
 * Everything that can happen later is a scheduled event: plain data in the queue, applied by
 * `applyEvent` (dispatch.ts). Names say what arrives or fires. Each concern declares its events beside
 * its code (clients/producer/producerEvents.ts, broker/group/groupEvents.ts...); this file assembles
 * SimEvent and re-exports them.
 */
import type { AppTickEvent, TrafficTickEvent } from './apps/appEvents';
import type { HeartbeatArrivedEvent, JoinGroupArrivedEvent, JoinTimerEvent, LeaveGroupArrivedEvent, SessionTimeoutCheckEvent, SyncGroupArrivedEvent } from './broker/group/groupEvents';
import type { AddToTxnArrivedEvent, EndTxnArrivedEvent, InitProducerIdArrivedEvent, TxnMarkerArrivedEvent, TxnMarkerWrittenEvent, TxnTimeoutCheckEvent } from './broker/txn/txnEvents';
import type { FetchArrivedEvent, FetchExpiredEvent, FetchResponseEvent, OffsetCommitArrivedEvent, OffsetCommitResponseEvent, RecordProcessedEvent } from './clients/consumer/consumerEvents';
import type { GroupRetryEvent, HeartbeatResponseEvent, HeartbeatTimerEvent, JoinGroupResponseEvent, SyncGroupResponseEvent } from './clients/group/memberEvents';
import type { LingerExpiredEvent, ProduceArrivedEvent, ProduceRequestTimeoutEvent, ProduceResponseEvent, ProducerWakeupEvent } from './clients/producer/producerEvents';
import type { EndTxnResponseEvent, InitProducerIdResponseEvent } from './clients/txn/txnClientEvents';
import type { BrokerFenceCheckEvent, IsrExpirationCheckEvent, LeaderImbalanceCheckEvent, ReplicaFetchArrivedEvent, ReplicaFetchResponseEvent } from './cluster/clusterEvents';
import type { ScheduledCommandEvent } from './kernel/commandEvents';
import type { ShareFetchArrivedEvent, ShareGroupHeartbeatArrivedEvent, ShareLockTimeoutEvent, ShareSessionClosedEvent, ShareSessionTimeoutCheckEvent } from './broker/share/shareEvents';
import type { ShareFetchResponseEvent, ShareGroupHeartbeatResponseEvent, ShareHeartbeatTimerEvent, ShareRecordProcessedEvent } from './clients/share/shareConsumerEvents';
import type { CleanerWakeupEvent, RetentionCheckEvent } from './log/logEvents';

export type * from './clients/producer/producerEvents';
export type * from './cluster/clusterEvents';
export type * from './log/logEvents';
export type * from './clients/consumer/consumerEvents';
export type * from './clients/group/memberEvents';
export type * from './shared/groupErrors';
export type * from './broker/group/groupEvents';
export type * from './clients/txn/txnClientEvents';
export type * from './broker/txn/txnEvents';
export type * from './apps/appEvents';
export type * from './kernel/commandEvents';
export type * from './broker/share/shareEvents';
export type * from './clients/share/shareConsumerEvents';
export type * from './shared/shareTypes';

export type SimEvent =
  | AppTickEvent
  | LingerExpiredEvent
  | ProduceArrivedEvent
  | ProduceResponseEvent
  | FetchArrivedEvent
  | FetchExpiredEvent
  | FetchResponseEvent
  | RecordProcessedEvent
  | OffsetCommitArrivedEvent
  | OffsetCommitResponseEvent
  | JoinGroupArrivedEvent
  | JoinGroupResponseEvent
  | SyncGroupArrivedEvent
  | SyncGroupResponseEvent
  | HeartbeatTimerEvent
  | HeartbeatArrivedEvent
  | HeartbeatResponseEvent
  | LeaveGroupArrivedEvent
  | SessionTimeoutCheckEvent
  | JoinTimerEvent
  | TrafficTickEvent
  | RetentionCheckEvent
  | CleanerWakeupEvent
  | ReplicaFetchArrivedEvent
  | ReplicaFetchResponseEvent
  | IsrExpirationCheckEvent
  | BrokerFenceCheckEvent
  | ProduceRequestTimeoutEvent
  | LeaderImbalanceCheckEvent
  | InitProducerIdArrivedEvent
  | InitProducerIdResponseEvent
  | AddToTxnArrivedEvent
  | EndTxnArrivedEvent
  | EndTxnResponseEvent
  | TxnMarkerArrivedEvent
  | TxnMarkerWrittenEvent
  | TxnTimeoutCheckEvent
  | GroupRetryEvent
  | ProducerWakeupEvent
  | ScheduledCommandEvent
  | ShareGroupHeartbeatArrivedEvent
  | ShareSessionTimeoutCheckEvent
  | ShareFetchArrivedEvent
  | ShareLockTimeoutEvent
  | ShareSessionClosedEvent
  | ShareHeartbeatTimerEvent
  | ShareGroupHeartbeatResponseEvent
  | ShareFetchResponseEvent
  | ShareRecordProcessedEvent;

/** The brokers' background work: it never ends, so it does not keep a run from being idle. */
export function isHousekeeping(event: Pick<SimEvent, 'type'>): boolean {
  // A produce request's timeout is a timer, not work: most requests are answered long before it fires.
  return (
    event.type === 'retentionCheck' ||
    event.type === 'cleanerWakeup' ||
    event.type === 'isrExpirationCheck' ||
    event.type === 'produceRequestTimeout' ||
    event.type === 'leaderImbalanceCheck' ||
    event.type === 'txnTimeoutCheck'
  );
}

/** An event before the queue stamps its time and sequence number. */
export type NewEvent = SimEvent extends infer E ? (E extends SimEvent ? Omit<E, 'time' | 'seq'> : never) : never;
