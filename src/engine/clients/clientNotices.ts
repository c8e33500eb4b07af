/**
 * What a client tells the application running it, at once and in order: the records a poll returned, a
 * transaction's end or failure, the process stopping or starting again. A Kafka client does this by
 * returning from poll() or by calling the application's callback; here the client hands a notice to the
 * context and the dispatcher passes it to the application layer (apps/), so no client imports it.
 */
import type { FetchedBatch } from './consumer/consumerEvents';
import type { ShareDeliveredRecord } from '../shared/shareTypes';

export type ClientNotice =
  /** poll() returned these records to the application (none, after a fetch that found nothing). */
  | { type: 'recordsPolled'; consumer: string; batches: readonly FetchedBatch[] }
  /** A share consumer's poll() returned these records (acquired for it, under a lock). */
  | { type: 'shareRecordsPolled'; consumer: string; records: readonly ShareDeliveredRecord[] }
  /** A send in the producer's transaction failed: the transaction can only be aborted now. */
  | { type: 'transactionFailed'; producer: string }
  /** The producer's transaction ended, committed or aborted. */
  | { type: 'transactionEnded'; producer: string; isCommitted: boolean }
  /** The consumer's process stopped (crash or close). */
  | { type: 'processStopped'; consumer: string; service: string | undefined }
  /** The consumer's process started again. */
  | { type: 'processRestarted'; consumer: string };
