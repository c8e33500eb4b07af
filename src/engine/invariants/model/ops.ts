/**
 * The model test's command language: plain data (so fast-check prints a failing list as is, and a pinned
 * regression is a JSON file), turned into engine commands by toCommand.ts and run by applyOp.ts.
 * Test support: shared by determinism.property.test.ts and the pinned regressions, never by the engine.
 */
import type { Acks, AutoOffsetReset, Command, ShareAcknowledgeCommand, SimulationOptions } from '../../index';

/** Storage configs a topic may be created or altered with (null keeps Kafka's default). */
export interface StorageConfigs {
  cleanupPolicy: 'delete' | 'compact' | 'compact,delete' | null;
  segmentBytes: number | null;
  segmentMs: number | null;
  retentionMs: number | null;
  retentionBytes: number | null;
  minCleanableDirtyRatio: number | null;
  minCompactionLagMs: number | null;
  deleteRetentionMs: number | null;
  minInsyncReplicas: number | null;
}

export type AcknowledgeType = ShareAcknowledgeCommand['acknowledgeType'];

export type TxnAction = 'initTransactions' | 'beginTransaction' | 'commitTransaction' | 'abortTransaction';

export type Op =
  | { op: 'createTopic'; name: string; partitions: number; replicationFactor: number; logAppendTime: boolean; storage?: StorageConfigs }
  | {
      op: 'createProducer';
      clientId: string;
      acks: Acks;
      lingerMs: number;
      batchSize: number;
      idempotence: boolean | null;
      ignoreKeys: boolean;
      /** Set for a transactional producer; two producers may share one (the later fences the earlier). */
      transactionalId?: string | null;
      transactionTimeoutMs?: number;
    }
  /** A tombstone (null value) when `tombstone` is set. */
  | { op: 'send'; producer: string; topic: string; key: string | null; partition: number | null; tombstone?: boolean }
  | {
      op: 'createConsumer';
      clientId: string;
      groupId: string | null;
      reset: AutoOffsetReset;
      autoCommit: boolean;
      autoCommitIntervalMs: number;
      maxPollRecords: number;
      fetchMaxWaitMs: number;
      readCommitted?: boolean;
    }
  | { op: 'assign'; consumer: string; partitions: { topic: string; partition: number }[] }
  | { op: 'poll'; consumer: string }
  | { op: 'commit'; consumer: string; offsets: { topic: string; partition: number; offset: number }[] | null }
  | { op: 'startLoop'; consumer: string; processingMsPerRecord: number; commitMode: 'after-processing' | 'before-processing' | 'none' }
  | { op: 'traffic'; id: string; producer: string; topic: string; intervalMs: number; keys: string[] | null; limit: number }
  | { op: 'trafficRunning'; source: string; isRunning: boolean }
  | { op: 'schedule'; delayMs: number; what: 'send' | 'createTopic' | 'poll'; target: string; name: string }
  /** Chaos: broker crashes, shutdowns and restarts, consumer crashes, closes and restarts, partition growth, a stalled handler. */
  | { op: 'chaos'; command: Command }
  /** The transactional producer API. */
  | { op: 'txn'; producer: string; action: TxnAction }
  /** Admin and client calls: DeleteRecords, alter configs, subscribe, sendOffsetsToTransaction, elections, lost responses. */
  | { op: 'admin'; command: Command }
  /**
   * A share consumer (KIP-932). Its subscribe, poll, poll loop and its group's configs are raw engine
   * commands in 'admin' ops (shareSubscribe, sharePoll, startShareConsumerLoop, alterShareGroupConfigs);
   * crash, close, restart and a stalled handler (setProcessingPaused) are the consumers' chaos commands,
   * which the engine routes by name.
   */
  | { op: 'createShareConsumer'; clientId: string; groupId: string; explicit: boolean; maxPollRecords: number; fetchMaxWaitMs: number }
  /**
   * KafkaShareConsumer.acknowledge in explicit mode, on a record picked when the op runs: with `held`, the
   * consumer's delivered record number `pick` (modulo how many it holds), which the engine must accept
   * when the consumer runs in explicit mode; without, a record it does not hold (one another consumer of
   * its group holds, else one past what it holds), which the engine must refuse.
   */
  | { op: 'shareAck'; consumer: string; pick: number; held: boolean; type: AcknowledgeType }
  | { op: 'steps'; n: number }
  | { op: 'until'; dtMs: number }
  /**
   * Brokers down for up to ten simulated minutes, then started again: producers must wait, give up and
   * recover. With no broker (or none alive), a long wait under the same event budget.
   */
  | { op: 'outage'; brokers: number[]; dtMs: number };

export interface Scenario {
  options: SimulationOptions;
  ops: Op[];
}
