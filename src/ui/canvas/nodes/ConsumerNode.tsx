import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useSimulationStore } from '../../store/simulationStore';
import type { ConsumerFlowNode, ConsumerRow, ConsumerStatus } from '../flowTypes';
import { NodeMenu } from './NodeMenu';

const STATUS_TEXT: Record<ConsumerStatus, string> = {
  running: 'running',
  joining: 'joining its group',
  rebalancing: 'rebalancing',
  consuming: 'consuming',
  crashed: 'crashed',
  closed: 'closed',
};

/** More assigned partitions than this are summarised per topic (the Inspector has every row). */
const MAX_ROWS = 6;

/** "0-3" for 0,1,2,3; "0, 2, 5" otherwise. */
function partitionSpan(partitions: number[]): string {
  const sorted = [...partitions].sort((a, b) => a - b);
  const isRun = sorted.every((p, i) => i === 0 || p === sorted[i - 1]! + 1);
  return isRun && sorted.length > 2 ? `P${sorted[0]!}–${sorted.at(-1)!}` : sorted.map((p) => `P${p}`).join(', ');
}

function TopicSummary({ rows }: { rows: ConsumerRow[] }) {
  const byTopic = new Map<string, ConsumerRow[]>();
  for (const r of rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
  return (
    <table className="node__table">
      <thead>
        <tr><th scope="col">topic</th><th scope="col">partitions</th><th scope="col">lag</th></tr>
      </thead>
      <tbody>
        {[...byTopic.entries()].map(([topic, list]) => (
          <tr key={topic}>
            <td className="node__topic-cell" title={topic}>{topic}</td>
            <td>{partitionSpan(list.map((r) => r.partition))}</td>
            <td>{list.reduce((n, r) => n + r.lag, 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A consumer instance: its state in the group, and per assigned partition where it reads next, what its group committed, its lag. */
export const ConsumerNode = memo(function ConsumerNode({ data }: NodeProps<ConsumerFlowNode>) {
  const act = useSimulationStore((s) => s.act);
  const select = useSimulationStore((s) => s.select);
  const isDown = data.status === 'crashed' || data.status === 'closed';
  // One topic (the usual case): name it once and label rows P0, P1... as the topic's lanes are.
  const topics = new Set(data.rows.map((r) => r.topic));
  const singleTopic = topics.size === 1 ? data.rows[0]!.topic : null;
  const isSummary = data.rows.length > MAX_ROWS;
  return (
    <article className={`node node--consumer node--${data.status}${data.isActive ? ' node--active' : ''}`}>
      <Handle type="target" position={data.isVertical ? Position.Top : Position.Left} />
      <header className="node__header">
        <span className="node__kind">Consumer</span>
        <h3 className="node__title">{data.clientId}</h3>
        {data.groupId !== null && (
          <button type="button" className="badge badge--button nodrag" onClick={(e) => { e.stopPropagation(); select({ kind: 'group', groupId: data.groupId! }); }} title="Inspect the group">
            group {data.groupId}
          </button>
        )}
        <NodeMenu actorLabel={`consumer ${data.clientId}`} experiments={data.experiments} inspect={{ kind: 'consumer', clientId: data.clientId }} />
      </header>
      <p className={`status status--${data.status}`}>
        <span className="status__dot" aria-hidden="true" />
        {STATUS_TEXT[data.status]}
        {data.generation >= 0 && !isDown && <span className="status__detail"> · generation {data.generation}{data.isLeader ? ' · leader' : ''}</span>}
      </p>
      {data.isProcessingPaused && !isDown && <p className="node__warning">Processing paused: the handler hangs, so poll() is not called (max.poll.interval.ms is running).</p>}
      {data.sessionDeadline !== null && (
        <p className="node__warning">The group still counts it as a member. Without a heartbeat it is removed at {(data.sessionDeadline / 1000).toFixed(1)} s (session.timeout.ms).</p>
      )}
      {isSummary ? <TopicSummary rows={data.rows} /> : <table className="node__table">
        {singleTopic !== null && <caption className="node__caption">{singleTopic}</caption>}
        <thead>
          <tr><th scope="col">partition</th><th scope="col" title="offset of the next record to read">next</th><th scope="col" title="the group's committed offset">committed</th><th scope="col">lag</th></tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr key={`${r.topic}-${r.partition}`}>
              <td title={`${r.topic}-${r.partition}`}>{singleTopic === null ? `${r.topic}-${r.partition}` : `P${r.partition}`}</td>
              <td>{r.position < 0 ? '—' : r.position}</td>
              <td title={r.committed === null ? 'no committed offset' : undefined}>{r.committed ?? '—'}</td>
              <td>{r.lag}</td>
            </tr>
          ))}
          {data.rows.length === 0 && (
            <tr><td colSpan={4} className="node__empty">{isDown ? 'no partitions: the process is down' : 'no partitions assigned'}</td></tr>
          )}
        </tbody>
      </table>}
      <p className="node__hint">{data.fetchedCount} fetched · {data.processedCount} processed</p>
      <div className="node__actions nodrag nopan">
        {data.experiments
          .filter((x) => x.label !== 'Add an instance')
          .map((x) => (
            <button key={x.label} type="button" className={x.isDangerous ? 'button button--small button--danger' : 'button button--small'} onClick={(e) => { e.stopPropagation(); act(x.commands); }} aria-label={`${x.label} consumer ${data.clientId}`} title={x.hint}>
              {x.label}
            </button>
          ))}
      </div>
      <Handle type="source" position={data.isVertical ? Position.Bottom : Position.Right} />
    </article>
  );
});
