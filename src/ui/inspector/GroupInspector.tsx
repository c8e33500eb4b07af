import { useState } from 'react';
import { describeGroup, type DeepReadonly, type ResetOffsetsSpec, type SimState } from '../../engine';
import { isBroker } from '../brokerWords';
import { useSimulationStore } from '../store/simulationStore';
import { CliTable } from './CliTable';
import { Facts } from './Facts';
import { GROUP_STATES } from './machineStateNames';
import { MachineStates } from './MachineStates';

type SpecKind = ResetOffsetsSpec['type'];
const SPEC_KINDS: SpecKind[] = ['to-earliest', 'to-latest', 'to-offset', 'shift-by', 'to-current'];

/** kafka-consumer-groups --reset-offsets: only an Empty group may be reset, as the tool insists. */
function ResetOffsetsForm({ groupId, topics, isEmpty }: { groupId: string; topics: string[]; isEmpty: boolean }) {
  const act = useSimulationStore((s) => s.act);
  const [topic, setTopic] = useState(topics[0] ?? '');
  const [kind, setKind] = useState<SpecKind>('to-earliest');
  const [amount, setAmount] = useState('0');
  const needsAmount = kind === 'to-offset' || kind === 'shift-by';
  const submit = (e: React.SyntheticEvent) => {
    e.preventDefault();
    const n = Number(amount);
    const spec: ResetOffsetsSpec = kind === 'to-offset' ? { type: 'to-offset', offset: n } : kind === 'shift-by' ? { type: 'shift-by', shift: n } : ({ type: kind } as ResetOffsetsSpec);
    act({ type: 'resetGroupOffsets', groupId, topic, spec });
  };
  if (topics.length === 0) return null;
  return (
    <form className="inspector__form" onSubmit={submit} aria-label="Reset offsets">
      <h4>Reset offsets</h4>
      {!isEmpty && <p className="inspector__note">kafka-consumer-groups refuses while the group has members: stop them first (Close each instance).</p>}
      <label>
        topic{' '}
        <select value={topic} onChange={(e) => setTopic(e.target.value)}>
          {topics.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      <label>
        to{' '}
        <select value={kind} onChange={(e) => setKind(e.target.value as SpecKind)}>
          {SPEC_KINDS.map((k) => (
            <option key={k} value={k}>
              --{k}
            </option>
          ))}
        </select>
      </label>
      {needsAmount && (
        <label>
          {kind === 'to-offset' ? 'offset' : 'shift'} <input type="number" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </label>
      )}
      <button type="submit" className="button button--small" disabled={!isEmpty}>
        Reset offsets
      </button>
    </form>
  );
}

/** A group as `kafka-consumer-groups --describe` prints it, with its lifecycle machine. */
export function GroupInspector({ state, groupId }: { state: DeepReadonly<SimState>; groupId: string }) {
  const group = describeGroup(state, groupId);
  if (group === undefined) return <p>There is no group "{groupId}" yet.</p>;
  const offsets = state.topics.__consumer_offsets;
  const coordinator = offsets?.partitions[group.coordinatorPartition]?.leader ?? null;
  const topics = [...new Set(group.partitions.map((p) => p.topic))];
  return (
    <>
      <h3 className="inspector__title">group {groupId}</h3>
      <Facts
        items={[
          ['state', group.state],
          ['generation', group.generation],
          ['protocol type', group.protocolType],
          ['assignor', group.protocol ?? 'none yet'],
          [
            'coordinator',
            coordinator === null
              ? 'none'
              : isBroker(coordinator)
                ? `broker ${coordinator} (leader of __consumer_offsets-${group.coordinatorPartition})`
                : `none: __consumer_offsets-${group.coordinatorPartition} has no leader`,
          ],
        ]}
      />
      <MachineStates label="Group lifecycle" states={GROUP_STATES} current={group.state} />
      <CliTable
        label="kafka-consumer-groups --describe"
        head={['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'CLIENT-ID']}
        rows={group.partitions.map((p) => [groupId, p.topic, p.partition, p.committed ?? '-', p.highWatermark, p.lag ?? '-', p.memberId ?? '-', p.clientId ?? '-'])}
      />
      <ResetOffsetsForm groupId={groupId} topics={topics} isEmpty={group.state === 'Empty' || group.state === 'Dead'} />
    </>
  );
}
