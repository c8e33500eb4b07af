/**
 * `kafka-consumer-groups --reset-offsets --execute` [tools ConsumerGroupCommand.java]: allowed only
 * while the group is Empty or Dead ("Assignments can only be reset if the group is inactive");
 * --to-earliest, --to-latest, --to-current, --to-offset, --shift-by and --to-datetime; every result is
 * clamped to [log start offset, high watermark], as the tool does.
 * Simplified: --to-datetime searches record timestamps in the log directly (ListOffsets by time).
 */
import type { ResetGroupOffsetsCommand } from '../../commands';
import { requirePartition, requireTopic } from '../../cluster/topics';
import { fail } from '../../errors';
import type { SimContext } from '../../kernel/context';
import { getOwn, setOwn } from '../../kernel/ownMap';
import type { PartitionLog } from '../../state';
import { tpKey } from '../../shared/topicPartition';
import { actorId } from '../../shared/actorId';
import { getOrCreateGroup } from '../../shared/groups';

function offsetForTime(log: PartitionLog, timestamp: number): number {
  return log.records.find((r) => r.timestamp >= timestamp)?.offset ?? log.highWatermark;
}

function describe(spec: ResetGroupOffsetsCommand['spec']): string {
  switch (spec.type) {
    case 'to-offset':
      return `--to-offset ${spec.offset}`;
    case 'shift-by':
      return `--shift-by ${spec.shift}`;
    case 'to-datetime':
      return `--to-datetime ${spec.timestamp}ms`;
    case 'to-earliest':
    case 'to-latest':
    case 'to-current':
      return `--${spec.type}`;
  }
}

export function resetGroupOffsets(ctx: SimContext, command: ResetGroupOffsetsCommand): void {
  const { state } = ctx;
  const existing = getOwn(state.groups, command.groupId);
  if (existing !== undefined && existing.state !== 'Empty' && existing.state !== 'Dead') {
    fail('NON_EMPTY_GROUP', `Assignments can only be reset if the group '${command.groupId}' is inactive, but the current state is ${existing.state}.`);
  }
  const topic = requireTopic(state, command.topic);
  const partitions = command.partitions ?? topic.partitions.map((p) => p.partition);
  const spec = command.spec;
  if (
    (spec.type === 'to-offset' && (!Number.isInteger(spec.offset) || spec.offset < 0)) ||
    (spec.type === 'shift-by' && !Number.isInteger(spec.shift)) ||
    (spec.type === 'to-datetime' && !Number.isFinite(spec.timestamp))
  ) {
    fail('SIM_INVALID_ARGUMENT', `Invalid reset target: ${describe(spec)}.`);
  }
  const group = getOrCreateGroup(state, command.groupId);
  const changes: { topic: string; partition: number; from: number | null; to: number }[] = [];
  for (const partition of partitions) {
    const log = requirePartition(state, command.topic, partition).log;
    const key = tpKey(command.topic, partition);
    const current = getOwn(group.offsets, key)?.offset ?? null;
    let target: number;
    switch (spec.type) {
      case 'to-earliest':
        target = log.logStartOffset;
        break;
      case 'to-latest':
        target = log.highWatermark;
        break;
      case 'to-current':
        target = current ?? log.highWatermark;
        break;
      case 'to-offset':
        target = spec.offset;
        break;
      case 'shift-by':
        target = (current ?? log.highWatermark) + spec.shift;
        break;
      case 'to-datetime':
        target = offsetForTime(log, spec.timestamp);
        break;
    }
    const to = Math.min(Math.max(target, log.logStartOffset), log.highWatermark);
    setOwn(group.offsets, key, { offset: to, metadata: '', commitTimestamp: state.time });
    changes.push({ topic: command.topic, partition, from: current, to });
  }
  ctx.emit({
    kind: 'groupOffsetsReset',
    level: 'control',
    actors: [actorId.group(command.groupId), ...changes.map((c) => actorId.partition(c.topic, c.partition))],
    groupId: command.groupId,
    strategy: describe(spec),
    offsets: changes,
  });
}
