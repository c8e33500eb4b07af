import { consumerLag, consumerView, tpKey, type DeepReadonly, type SimState } from '../../engine';
import { consumerExperiments } from '../experiments/experiments';
import { memberName } from '../memberName';
import { useSimulationStore } from '../store/simulationStore';
import { ExperimentButtons } from './ExperimentButtons';
import { Facts } from './Facts';

const SHOWN_CONFIGS = [
  'group.id',
  'group.instance.id',
  'partition.assignment.strategy',
  'session.timeout.ms',
  'heartbeat.interval.ms',
  'max.poll.interval.ms',
  'enable.auto.commit',
  'auto.offset.reset',
  'isolation.level',
  'max.poll.records',
] as const;

/** A consumer instance: its membership, what it owns and how far it has read, its configs, and the experiments on it. */
export function ConsumerInspector({ state, clientId }: { state: DeepReadonly<SimState>; clientId: string }) {
  const select = useSimulationStore((s) => s.select);
  const c = consumerView(state, clientId);
  if (c === undefined) return <p>There is no consumer {clientId}.</p>;
  const groupId = c.config['group.id'];
  return (
    <>
      <h3 className="inspector__title">consumer {clientId}</h3>
      <ExperimentButtons experiments={consumerExperiments(state, clientId)} actor={`consumer ${clientId}`} />
      <Facts
        items={[
          ['member state', c.memberState],
          ['member id', c.memberId === '' ? 'none' : memberName(c.memberId)],
          ['generation', c.generation],
          ['group leader', c.isLeader ? 'yes (runs the assignor)' : 'no'],
          ['processing', c.loop === null ? 'no poll loop' : c.loop.isPaused ? 'paused (handler hangs)' : `${c.loop.processingMsPerRecord} ms per record, commit ${c.loop.commitMode}`],
          ['fetched / processed', `${c.fetchedCount} / ${c.processedCount}`],
        ]}
      />
      {groupId !== null && (
        <button type="button" className="button button--small" onClick={() => select({ kind: 'group', groupId })}>
          Inspect group {groupId}
        </button>
      )}
      <table className="inspector__table">
        <caption>Assigned partitions</caption>
        <thead>
          <tr>
            <th scope="col">partition</th>
            <th scope="col">position</th>
            <th scope="col">committed</th>
            <th scope="col">lag</th>
          </tr>
        </thead>
        <tbody>
          {consumerLag(state, clientId).map((l) => (
            <tr key={tpKey(l.topic, l.partition)}>
              <td>
                {l.topic}-{l.partition}
              </td>
              <td>{l.position < 0 ? '-' : l.position}</td>
              <td>{l.committed ?? '-'}</td>
              <td>{l.lag}</td>
            </tr>
          ))}
          {c.assignment.length === 0 && (
            <tr>
              <td colSpan={4}>none</td>
            </tr>
          )}
        </tbody>
      </table>
      <table className="inspector__table">
        <caption>Configs</caption>
        <tbody>
          {SHOWN_CONFIGS.map((name) => {
            const value = c.config[name];
            return (
              <tr key={name}>
                <th scope="row">
                  <code>{name}</code>
                </th>
                <td>{Array.isArray(value) ? value.join(',') : String(value)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
