/**
 * The brokers' periodic work on their logs: the retention check and the log cleaner waking up.
 * retention.ts and cleaner.ts apply them.
 */
import type { EventBase } from '../kernel/eventBase';

/** Every log.retention.check.interval.ms the brokers apply retention to every log (LogManager.cleanupLogs). */
export interface RetentionCheckEvent extends EventBase {
  type: 'retentionCheck';
}

/** The log cleaner thread wakes up to look for the dirtiest compacted log. */
export interface CleanerWakeupEvent extends EventBase {
  type: 'cleanerWakeup';
}
