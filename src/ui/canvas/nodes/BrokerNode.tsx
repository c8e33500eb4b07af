import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { tpKey } from '../../../engine';
import type { BrokerFlowNode, HeldReplica } from '../flowTypes';
import { NodeMenu } from './NodeMenu';

/** More replicas than this are summarised per topic. */
const MAX_CHIPS = 12;

function ReplicaSummary({ replicas }: { replicas: HeldReplica[] }) {
  const byTopic = new Map<string, HeldReplica[]>();
  for (const r of replicas) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
  return (
    <ul className="replicas replicas--summary" aria-label="Replicas by topic">
      {[...byTopic.entries()].map(([topic, list]) => {
        const leads = list.filter((r) => r.isLeader).length;
        const lagging = list.filter((r) => !r.isInSync).length;
        return (
          <li key={topic} className={lagging > 0 ? 'replica replica--lagging' : 'replica'}>
            {topic}: leads {leads}/{list.length}
            {lagging > 0 ? `, ${lagging} out of sync` : ''}
          </li>
        );
      })}
    </ul>
  );
}

/** A broker: up or down, the replicas it holds (leader or follower, in sync or not), the groups it coordinates. */
export const BrokerNode = memo(function BrokerNode({ data }: NodeProps<BrokerFlowNode>) {
  const label = `broker ${data.brokerId}`;
  const leads = data.replicas.filter((r) => r.isLeader).length;
  if (data.detail === 'compact') {
    const outOfSync = data.replicas.filter((r) => !r.isInSync).length;
    return (
      <article className={`node node--broker node--face${data.isAlive ? '' : ' node--down'}`}>
        <header className="face__header">
          <h3 className="face__title">Broker {data.brokerId}</h3>
          <span className={data.isAlive ? 'face__badge' : 'face__badge face__badge--danger'}>{data.isAlive ? 'up' : 'down'}</span>
          <NodeMenu actorLabel={label} experiments={data.experiments} inspect={{ kind: 'broker', brokerId: data.brokerId }} />
        </header>
        <p className="face__line">{data.replicas.length === 0 ? 'no replicas' : `leads ${leads} of ${data.replicas.length} replicas`}</p>
        {outOfSync > 0 && <p className="face__line face__warning">{outOfSync} out of sync</p>}
        {data.coordinatorOf.length > 0 && (
          <p className="face__line face__muted" title={data.coordinatorOf.join(', ')}>
            coordinator of {data.coordinatorOf.length} group{data.coordinatorOf.length === 1 ? '' : 's'}
          </p>
        )}
      </article>
    );
  }
  return (
    <article className={`node node--broker${data.isAlive ? '' : ' node--down'}`}>
      <header className="node__header">
        <span className="node__kind">Broker</span>
        <h3 className="node__title">{data.brokerId}</h3>
        <span className={data.isAlive ? 'badge' : 'badge badge--danger'}>{data.isAlive ? 'up' : 'down'}</span>
        <NodeMenu actorLabel={label} experiments={data.experiments} inspect={{ kind: 'broker', brokerId: data.brokerId }} />
      </header>
      <p className="node__hint">{data.replicas.length === 0 ? 'holds no replicas of these topics' : `${data.replicas.length} replica${data.replicas.length === 1 ? '' : 's'} · leads ${leads}`}</p>
      {data.replicas.length > MAX_CHIPS && <ReplicaSummary replicas={data.replicas} />}
      {data.replicas.length > 0 && data.replicas.length <= MAX_CHIPS && (
        <ul className="replicas" aria-label={`Replicas on broker ${data.brokerId}`}>
          {data.replicas.map((r) => {
            const role = r.isLeader ? 'leader' : r.isInSync ? 'follower, in sync' : 'follower, out of sync';
            return (
              <li
                key={tpKey(r.topic, r.partition)}
                className={`replica${r.isLeader ? ' replica--leader' : ''}${r.isInSync ? '' : ' replica--lagging'}`}
                title={`${r.topic}-${r.partition}: ${role}`}
                aria-label={`${r.topic}-${r.partition} ${role}`}
              >
                {r.topic}-{r.partition}
                <span className="replica__role" aria-hidden="true">
                  {r.isLeader ? 'L' : r.isInSync ? 'F' : 'F!'}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {data.coordinatorOf.length > 0 && <p className="node__hint">coordinator of {data.coordinatorOf.map((g) => `"${g}"`).join(', ')}</p>}
    </article>
  );
});
