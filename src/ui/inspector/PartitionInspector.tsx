import { clusterMetadata, partitionView, type DeepReadonly, type SimState } from '../../engine';
import { isBroker } from '../brokerWords';
import { Facts } from './Facts';
import { VirtualLog } from './VirtualLog';

/** A partition as `kcat -L` lists it, its offsets and segments, its replicas, and its whole log. */
export function PartitionInspector({ state, topic, partition }: { state: DeepReadonly<SimState>; topic: string; partition: number }) {
  const p = partitionView(state, topic, partition);
  const meta = clusterMetadata(state, { includeInternal: true }).topics.find((t) => t.name === topic)?.partitions[partition];
  if (p === undefined || meta === undefined)
    return (
      <p>
        {topic}-{partition} does not exist.
      </p>
    );
  const log = p.log;
  return (
    <>
      <h3 className="inspector__title">
        partition {topic}-{partition}
      </h3>
      {/* kcat prints the "no leader" sentinel as "leader -1" followed by the error; the learner reads words. */}
      <pre
        className="inspector__code"
        aria-label="kcat -L"
      >{`topic "${topic}" partition ${partition}, leader ${isBroker(meta.leader) ? meta.leader : 'none'}, replicas: ${meta.replicas.join(',')}, isrs: ${meta.isr.join(',')}${isBroker(meta.leader) ? '' : ', Broker: Leader not available'}`}</pre>
      {!isBroker(meta.leader) && (
        <p className="inspector__note">
          Partition {topic}-{partition} has no leader: every in-sync replica is down, so nothing can be written to it or read from it until one comes back.
        </p>
      )}
      <Facts
        label="Offsets"
        items={[
          ['leader epoch', meta.leaderEpoch],
          ['log start offset', log.logStartOffset],
          ['last stable offset', log.lastStableOffset],
          ['high watermark', log.highWatermark],
          ['log end offset', log.logEndOffset],
          ['segments', log.segments.map((s) => s.baseOffset).join(', ')],
          [
            'open transactions',
            Object.keys(log.openTransactions).length === 0
              ? 'none'
              : Object.entries(log.openTransactions)
                  .map(([pid, first]) => `producer ${pid} from ${first}`)
                  .join('; '),
          ],
        ]}
      />
      <table className="inspector__table">
        <caption>Replicas</caption>
        <thead>
          <tr>
            <th scope="col">broker</th>
            <th scope="col">role</th>
            <th scope="col">LEO</th>
            <th scope="col">HW</th>
          </tr>
        </thead>
        <tbody>
          {meta.replicaStates.map((r) => (
            <tr key={r.brokerId} className={r.isAlive ? undefined : 'row--down'}>
              <td>
                {r.brokerId}
                {r.isAlive ? '' : ' (down)'}
              </td>
              <td>{r.isLeader ? 'leader' : r.isInSync ? 'in-sync follower' : 'out-of-sync follower'}</td>
              <td>{r.logEndOffset}</td>
              <td>{r.highWatermark}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <VirtualLog topic={topic} partition={partition} records={log.records} />
    </>
  );
}
