import { shareConsumerRows, tpKey, type DeepReadonly, type SimState } from '../../engine';
import { consumerExperiments } from '../experiments/experiments';
import { useSimulationStore } from '../store/simulationStore';
import { memberName } from '../memberName';
import { ExperimentButtons } from './ExperimentButtons';
import { Facts } from './Facts';

/** A share consumer (KIP-932): its share group membership, the partitions it works on, what it holds, its configs. */
export function ShareConsumerInspector({ state, clientId }: { state: DeepReadonly<SimState>; clientId: string }) {
  const select = useSimulationStore((s) => s.select);
  const c = state.shareConsumers[clientId];
  if (c === undefined) return <p>There is no consumer {clientId}.</p>;
  const groupId = c.config['group.id'];
  const group = state.shareGroups[groupId];
  const rows = shareConsumerRows(state, clientId);
  return (
    <>
      <h3 className="inspector__title">share consumer {clientId}</h3>
      <ExperimentButtons experiments={consumerExperiments(state, clientId)} actor={`consumer ${clientId}`} />
      <Facts
        items={[
          ['share group', `${groupId} (${group?.state ?? 'not joined'}, group epoch ${group?.groupEpoch ?? 0}, ${group?.members.length ?? 0} members)`],
          ['process', c.status],
          ['member id', c.memberId === '' ? 'none' : memberName(c.memberId)],
          ['member epoch', c.memberEpoch],
          [
            'acknowledgement',
            c.config['share.acknowledgement.mode'] === 'implicit' ? 'implicit: the next poll accepts what the last one returned' : 'explicit: the application acknowledges each record',
          ],
          ['processing', c.loop === null ? 'no poll loop' : `${c.loop.processingMsPerRecord} ms per record`],
          ['acquired / processed', `${c.acquiredCount} / ${c.processedCount}`],
        ]}
      />
      <button type="button" className="button button--small" onClick={() => select({ kind: 'group', groupId })}>
        Inspect share group {groupId}
      </button>
      <table className="inspector__table">
        <caption>Assigned partitions (shared with others only when members outnumber partitions)</caption>
        <thead>
          <tr>
            <th scope="col">partition</th>
            <th scope="col">SPSO</th>
            <th scope="col">held</th>
            <th scope="col">waiting</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={tpKey(r.topic, r.partition)}>
              <td>
                {r.topic}-{r.partition}
              </td>
              <td>{r.startOffset < 0 ? '-' : r.startOffset}</td>
              <td>{r.held}</td>
              <td>{r.waiting}</td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={4}>none</td>
            </tr>
          )}
        </tbody>
      </table>
      <table className="inspector__table">
        <caption>Configs (the group's lock, delivery limit and session are broker configs)</caption>
        <tbody>
          {(['max.poll.records', 'fetch.max.wait.ms', 'share.acknowledgement.mode'] as const).map((name) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{String(c.config[name])}</td>
            </tr>
          ))}
          {(['group.share.record.lock.duration.ms', 'group.share.delivery.count.limit', 'group.share.session.timeout.ms', 'group.share.heartbeat.interval.ms'] as const).map((name) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{state.brokerConfig[name]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
