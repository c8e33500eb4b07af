/**
 * Simulator controls: what a learner (or a terminal) may trigger on demand that Kafka only does on its
 * own schedule. Rolling the active segment (segment.bytes / segment.ms do it on append), waking the log
 * cleaner (every log.cleaner.backoff.ms) and running the retention check (every
 * log.retention.check.interval.ms). Each reuses the log modules' own functions, so the outcome is what
 * the brokers would have done at that moment, and each writes one summary entry for narration.
 * The periodic events keep their schedule: a control does not move the next check.
 */
import type { RollSegmentCommand } from '../commands';
import { fail } from '../errors';
import type { SimContext } from '../kernel/context';
import type { LogCleanerRanNowEntry, NewTraceEntry, RetentionCheckRanNowEntry } from '../kernel/trace';
import { cleanableOf, cleanFilthiestLog } from '../log/cleaner';
import { checkRetention } from '../log/retention';
import { activeSegment, roll, segmentEnd } from '../log/segments';
import { actorId } from '../shared/actorId';
import { requirePartition } from './topics';

/** rollSegment: a new, empty active segment at the log end offset (UnifiedLog.roll); an empty one stays. */
export function rollSegment(ctx: SimContext, command: RollSegmentCommand): void {
  const partition = requirePartition(ctx.state, command.topic, command.partition);
  const log = partition.log;
  const active = activeSegment(log);
  const closed = active.sizeBytes === 0 ? null : { baseOffset: active.baseOffset, endOffset: segmentEnd(log, log.segments.length - 1), sizeBytes: active.sizeBytes };
  if (closed !== null) roll(log);
  ctx.emit({
    kind: 'segmentRollForced',
    level: 'control',
    actors: [actorId.broker(partition.leader), actorId.partition(command.topic, command.partition)],
    topic: command.topic,
    partition: command.partition,
    baseOffset: activeSegment(log).baseOffset,
    closed,
  });
}

/**
 * runLogCleanerNow: the cleaner thread's wake-up, repeated as the thread does after cleaning a log,
 * until a pass cleans nothing (at most once per partition).
 */
export function runLogCleanerNow(ctx: SimContext): void {
  const { state } = ctx;
  if (!state.brokerConfig['log.cleaner.enable']) {
    fail('SIM_ILLEGAL_STATE', 'The brokers run no log cleaner (log.cleaner.enable=false), so compacted topics are never cleaned.');
  }
  const partitionCount = Object.values(state.topics).reduce((n, t) => n + t.partitions.length, 0);
  const cleaned: { topic: string; partition: number }[] = [];
  for (let pass = 0; pass < partitionCount; pass++) {
    const log = cleanFilthiestLog(ctx);
    if (log === null) break;
    if (!cleaned.some((c) => c.topic === log.topic && c.partition === log.partition)) cleaned.push(log);
  }
  const notCleaned: LogCleanerRanNowEntry['notCleaned'] = [];
  for (const topic of Object.values(state.topics)) {
    if (!topic.configs['cleanup.policy'].includes('compact')) continue;
    for (const p of topic.partitions) {
      if (cleaned.some((c) => c.topic === topic.name && c.partition === p.partition)) continue;
      const c = cleanableOf(p.log, topic.configs, state.time);
      notCleaned.push({
        topic: topic.name,
        partition: p.partition,
        dirtyRatio: c.dirtyRatio,
        minCleanableDirtyRatio: topic.configs['min.cleanable.dirty.ratio'],
        firstDirtyOffset: c.firstDirtyOffset,
        firstUncleanableOffset: c.firstUncleanableOffset,
      });
    }
  }
  ctx.emit({
    kind: 'logCleanerRanNow',
    level: 'control',
    actors: cleaned.map((c) => actorId.partition(c.topic, c.partition)),
    cleaned,
    notCleaned,
  });
}

/** runRetentionCheckNow: one retention check over every log (LogManager.cleanupLogs), now. */
export function runRetentionCheckNow(ctx: SimContext): void {
  // The entries the check writes tell what it deleted.
  const seen: NewTraceEntry[] = [];
  checkRetention({
    ...ctx,
    isTracing: true,
    emit: (entry) => {
      seen.push(entry);
      ctx.emit(entry);
    },
  });
  const deleted: RetentionCheckRanNowEntry['deleted'] = [];
  for (const entry of seen) {
    if (entry.kind !== 'segmentsDeleted') continue;
    const row = deleted.find((d) => d.topic === entry.topic && d.partition === entry.partition);
    if (row === undefined) deleted.push({ topic: entry.topic, partition: entry.partition, segments: entry.segments.length, logStartOffset: entry.logStartOffset });
    else {
      row.segments += entry.segments.length;
      row.logStartOffset = entry.logStartOffset;
    }
  }
  ctx.emit({
    kind: 'retentionCheckRanNow',
    level: 'control',
    actors: deleted.map((d) => actorId.partition(d.topic, d.partition)),
    deleted,
  });
}
