import { coordinatorPartitionFor, shareRecordStates, type DeepReadonly, type ShareRecordState, type SimState } from '../../engine';
import { isBroker } from '../brokerWords';
import { memberName } from '../memberName';
import { CliTable } from './CliTable';
import { Facts } from './Facts';
import { MachineStates } from './MachineStates';

/** Kafka's ShareGroupState: Empty with no members, Stable with any (there is no rebalance state). */
const SHARE_GROUP_STATES = ['Empty', 'Stable'] as const;
const RECORD_STATES: readonly ShareRecordState[] = ['AVAILABLE', 'ACQUIRED', 'ACKNOWLEDGED', 'ARCHIVED'];

/** A share group (KIP-932) as `kafka-share-groups --describe` prints it (--state, --members, --offsets), with its in-flight records. */
export function ShareGroupInspector({ state, groupId }: { state: DeepReadonly<SimState>; groupId: string }) {
  const group = state.shareGroups[groupId];
  if (group === undefined) return <p>There is no share group "{groupId}" yet.</p>;
  const offsets = state.topics.__consumer_offsets;
  const partition = offsets === undefined ? null : coordinatorPartitionFor(groupId, offsets.partitions.length);
  const coordinator = partition === null ? null : (offsets?.partitions[partition]?.leader ?? null);
  const sharePartitions = Object.values(group.sharePartitions).sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  const offsetRows = sharePartitions.map((sp) => {
    const inFlight = [...shareRecordStates(state, sp.topic, sp.partition).values()].filter((r) => r.groupId === groupId);
    const hw = state.topics[sp.topic]?.partitions[sp.partition]?.log.highWatermark ?? sp.startOffset;
    const finished = inFlight.filter((r) => r.state === 'ACKNOWLEDGED' || r.state === 'ARCHIVED').length;
    const counts = RECORD_STATES.map((s) => inFlight.filter((r) => r.state === s).length);
    return [groupId, sp.topic, sp.partition, sp.startOffset, Math.max(0, hw - sp.startOffset - finished), ...counts];
  });
  const config = state.brokerConfig;
  return (
    <>
      <h3 className="inspector__title">share group {groupId}</h3>
      <Facts
        items={[
          ['state', group.state],
          ['group epoch', group.groupEpoch],
          ['assignor', 'simple (server side)'],
          ['share.auto.offset.reset', group.autoOffsetReset],
          [
            'coordinator',
            coordinator === null
              ? 'none yet'
              : isBroker(coordinator)
                ? `broker ${coordinator} (leader of __consumer_offsets-${partition ?? ''})`
                : 'none: its __consumer_offsets partition has no leader',
          ],
          ['record lock', `${config['group.share.record.lock.duration.ms']} ms (group.share.record.lock.duration.ms)`],
          ['delivery count limit', `${config['group.share.delivery.count.limit']} (group.share.delivery.count.limit)`],
          ['session timeout', `${config['group.share.session.timeout.ms']} ms (group.share.session.timeout.ms)`],
        ]}
      />
      <MachineStates label="Share group lifecycle" states={SHARE_GROUP_STATES} current={group.state} />
      <CliTable
        label="kafka-share-groups --describe --members"
        head={['GROUP', 'CONSUMER-ID', 'CLIENT-ID', 'MEMBER-EPOCH', '#PARTITIONS', 'ASSIGNMENT']}
        rows={group.members.map((m) => [groupId, memberName(m.memberId), m.consumer, m.memberEpoch, m.assignment.length, m.assignment.map((tp) => `${tp.topic}:${tp.partition}`).join(',') || '-'])}
      />
      <CliTable label="kafka-share-groups --describe --offsets" head={['GROUP', 'TOPIC', 'PARTITION', 'START-OFFSET', 'LAG', 'AVAILABLE', 'ACQUIRED', 'ACKNOWLEDGED', 'ARCHIVED']} rows={offsetRows} />
      <p className="inspector__note">
        START-OFFSET is the share-partition start offset (SPSO): every record below it is acknowledged or archived. The last four columns count the records in flight from SPSO.
      </p>
    </>
  );
}
