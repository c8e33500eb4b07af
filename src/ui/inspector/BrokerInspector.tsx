import { clusterMetadata, tpKey, type DeepReadonly, type SimState } from '../../engine';
import { isBroker } from '../brokerWords';
import { brokerExperiments } from '../experiments/experiments';
import { ExperimentButtons } from './ExperimentButtons';

/** A broker: up or down, and every replica it holds as the partition's metadata lists it. */
export function BrokerInspector({ state, brokerId }: { state: DeepReadonly<SimState>; brokerId: number }) {
  const meta = clusterMetadata(state, { includeInternal: false });
  const broker = meta.brokers.find((b) => b.id === brokerId);
  if (broker === undefined) return <p>Broker {brokerId} does not exist.</p>;
  const held = meta.topics.flatMap((t) => t.partitions.filter((p) => p.replicas.includes(brokerId)).map((p) => ({ topic: t.name, ...p })));
  return (
    <>
      <h3 className="inspector__title">
        broker {brokerId} <span className={broker.isAlive ? 'badge' : 'badge badge--danger'}>{broker.isAlive ? 'up' : 'down'}</span>
      </h3>
      <ExperimentButtons experiments={brokerExperiments(state, brokerId)} actor={`broker ${brokerId}`} />
      <table className="inspector__table">
        <caption>Replicas it holds</caption>
        <thead>
          <tr>
            <th scope="col">partition</th>
            <th scope="col">role</th>
            <th scope="col">leader</th>
            <th scope="col">ISR</th>
            <th scope="col">epoch</th>
          </tr>
        </thead>
        <tbody>
          {held.map((p) => (
            <tr key={tpKey(p.topic, p.partition)}>
              <td>
                {p.topic}-{p.partition}
              </td>
              <td>{p.leader === brokerId ? 'leader' : p.isr.includes(brokerId) ? 'follower' : 'follower (out of sync)'}</td>
              <td>{isBroker(p.leader) ? p.leader : 'no leader'}</td>
              <td>{p.isr.join(',')}</td>
              <td>{p.leaderEpoch}</td>
            </tr>
          ))}
          {held.length === 0 && (
            <tr>
              <td colSpan={5}>No replicas of application topics.</td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}
