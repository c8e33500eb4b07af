import { describeGroup, type GroupDescription } from '../../engine';
import { isBroker } from '../brokerWords';
import { GROUP_STATES } from '../inspector/machineStateNames';
import { MachineStates } from '../inspector/MachineStates';
import { memberName } from '../memberName';
import { followsTheRun } from './followsTheRun';
import type { Frame } from '../store/simulationStore';
import { partitionSpan } from '../partitionSpan';

/** A member's partitions topic by topic, "QUEUE_JOINED P0–P4 · audit P0": in a group reading several topics, bare P0 says too little. */
function assignmentWords(assignment: readonly { topic: string; partition: number }[]): string {
  if (assignment.length === 0) return 'no partitions';
  const byTopic = new Map<string, number[]>();
  for (const tp of assignment) byTopic.set(tp.topic, [...(byTopic.get(tp.topic) ?? []), tp.partition]);
  return [...byTopic].map(([topic, partitions]) => `${topic} ${partitionSpan(partitions)}`).join(' · ');
}

function GroupCard({ group, coordinator }: { group: GroupDescription; coordinator: number | null }) {
  return (
    <section className={`group group--${group.state}`} aria-label={`Group ${group.groupId}`}>
      <h3 className="group__title">
        {group.groupId}
        <span className="group__state">{group.state}</span>
      </h3>
      <MachineStates label="Group lifecycle" states={GROUP_STATES} current={group.state} />
      <p className="group__meta">
        generation {group.generation} · {group.protocol ?? 'no assignor yet'}
        {coordinator !== null && (isBroker(coordinator) ? <> · coordinator broker {coordinator}</> : <> · no coordinator (its __consumer_offsets partition has no leader)</>)}
      </p>
      <ul className="group__members" aria-label="Members">
        {group.members.map((m) => (
          <li key={m.memberId} title={m.memberId}>
            <strong>{memberName(m.memberId)}</strong>
            {m.isLeader && <span className="badge">leader</span>}
            {m.groupInstanceId !== null && <span className="badge">static</span>}
            <span className="group__assignment">{assignmentWords(m.assignment)}</span>
          </li>
        ))}
        {group.members.length === 0 && <li className="group__empty">no members</li>}
      </ul>
    </section>
  );
}

/** Each consumer group as its coordinator sees it: state, generation, assignor, members and what they own. */
export const GroupsPanel = followsTheRun(function GroupsPanel({ frame }: { frame: Frame }) {
  const { state } = frame;
  const groups = Object.keys(state.groups)
    .map((id) => describeGroup(state, id))
    .filter((g): g is GroupDescription => g !== undefined && (g.members.length > 0 || g.generation > 0));
  if (groups.length === 0) return null;
  const offsets = state.topics.__consumer_offsets;
  return (
    <section className="groups" aria-labelledby="groups-title">
      <h2 id="groups-title" className="panel__title">
        Consumer groups
      </h2>
      {groups.map((g) => (
        <GroupCard key={g.groupId} group={g} coordinator={offsets?.partitions[g.coordinatorPartition]?.leader ?? null} />
      ))}
    </section>
  );
});
