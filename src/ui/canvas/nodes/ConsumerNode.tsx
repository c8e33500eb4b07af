import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ConsumerFlowNode } from '../flowTypes';

/** A consumer client: per assigned partition, where it reads next, what its group committed, its lag. */
export const ConsumerNode = memo(function ConsumerNode({ data }: NodeProps<ConsumerFlowNode>) {
  return (
    <section className={`node node--consumer${data.isActive ? ' node--active' : ''}`} aria-label={`Consumer ${data.clientId}`}>
      <Handle type="target" position={data.isVertical ? Position.Top : Position.Left} />
      <header className="node__header">
        <span className="node__kind">Consumer</span>
        <h3 className="node__title">{data.clientId}</h3>
        {data.groupId !== null && <span className="badge">group {data.groupId}</span>}
      </header>
      <table className="node__table">
        <thead>
          <tr><th scope="col">partition</th><th scope="col" title="offset of the next record to read">next</th><th scope="col" title="the group's committed offset">committed</th><th scope="col">lag</th></tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr key={`${r.topic}-${r.partition}`}>
              <td>{r.topic}-{r.partition}</td>
              <td>{r.position < 0 ? '—' : r.position}</td>
              <td>{r.committed ?? '—'}</td>
              <td>{r.lag}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="node__hint">{data.fetchedCount} record{data.fetchedCount === 1 ? '' : 's'} fetched</p>
    </section>
  );
});
