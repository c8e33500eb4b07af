import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { isBroker } from '../../brokerWords';
import { useSimulationStore } from '../../store/simulationStore';
import type { LaneData, RecordCell, TopicFlowNode } from '../flowTypes';
import { keyColor } from '../keyColor';
import { NodeMenu } from './NodeMenu';

function Cell({ topic, partition, cell }: { topic: string; partition: number; cell: RecordCell }) {
  const select = useSimulationStore((s) => s.select);
  const label = `${topic}-${partition} offset ${cell.offset}, key ${cell.key ?? 'none'}, ${cell.isTombstone ? 'tombstone' : `value ${cell.value ?? 'null'}`}${cell.startsSegment ? ', first of a new segment' : ''}`;
  const classes = ['cell', cell.isNew ? 'cell--new' : '', cell.isFetched ? 'cell--fetched' : '', cell.isTombstone ? 'cell--tombstone' : '', cell.startsSegment ? 'cell--segment-start' : '', cell.isSelected ? 'cell--selected' : ''].filter(Boolean).join(' ');
  return (
    <li className={classes} style={{ background: keyColor(cell.key) }} title={`${label}, timestamp ${cell.timestamp} ms`} data-offset={cell.offset}>
      <button
        type="button"
        className="cell__button nodrag"
        aria-label={label}
        aria-pressed={cell.isSelected}
        onClick={(e) => {
          e.stopPropagation();
          select({ kind: 'record', topic, partition, offset: cell.offset });
        }}
      >
        <span className="cell__offset">{cell.offset}</span>
        <span className="cell__key">{cell.key ?? '∅'}</span>
      </button>
    </li>
  );
}

function Lane({ topic, lane }: { topic: string; lane: LaneData }) {
  const select = useSimulationStore((s) => s.select);
  return (
    <div className={isBroker(lane.leader) ? 'lane' : 'lane lane--no-leader'} role="group" aria-label={`Partition ${lane.partition} of ${topic}${isBroker(lane.leader) ? '' : ', no leader'}`}>
      <div className="lane__label">
        <button
          type="button"
          className="lane__name nodrag"
          title={`Inspect ${topic}-${lane.partition}: leader, replicas, offsets and its log`}
          aria-label={`Inspect partition ${topic}-${lane.partition}`}
          onClick={(e) => {
            e.stopPropagation();
            select({ kind: 'partition', topic, partition: lane.partition });
          }}
        >
          P{lane.partition}
        </button>
        {isBroker(lane.leader) && <span className="node__hint">leader {lane.leader}</span>}
        {lane.isr !== null && <span className="node__hint" title="in-sync replicas: the brokers that have every record below the high watermark">ISR {lane.isr.join(',')}</span>}
      </div>
      <div className="lane__track">
        {/* In the track, as a flex item before the cells and the "empty" placeholder: it can never run into them. */}
        {!isBroker(lane.leader) && (
          <span className="lane__no-leader" title={`No broker leads ${topic}-${lane.partition}: every in-sync replica is down, so nothing can be written to it or read from it until one comes back`}>
            no leader
          </span>
        )}
        {lane.hiddenBefore > 0 && <span className="lane__more">…{lane.hiddenBefore} earlier</span>}
        <ol className="lane__cells" aria-label={`Records in ${topic}-${lane.partition}`}>
          {lane.cells.map((cell) => (
            <Cell key={cell.offset} topic={topic} partition={lane.partition} cell={cell} />
          ))}
        </ol>
        {lane.cells.length === 0 && <span className="lane__empty">empty</span>}
      </div>
      <div className="lane__marks">
        {lane.logStartOffset > 0 && <span title="log start offset: the first offset still readable (retention deleted the ones before)">start {lane.logStartOffset}</span>}
        <span title="log end offset: the offset the next record will get">LEO {lane.logEndOffset}</span>
        <span title="high watermark: consumers read below it">HW {lane.highWatermark}</span>
        {lane.segmentCount > 1 && <span title="segments: only whole segments are deleted by retention, and the last (active) one is never compacted">{lane.segmentCount} segments</span>}
        {lane.marks.map((m) => (
          <span key={m.consumer} className="lane__mark" title={`${m.consumer} reads offset ${m.position} next; its group committed ${m.committed ?? 'nothing yet'}`}>
            {m.consumer}: next {m.position}
          </span>
        ))}
      </div>
    </div>
  );
}

/** Topics with more partitions than this draw one slim line per partition. */
const COMPACT_ABOVE_PARTITIONS = 4;

/** A topic with one lane per partition; each lane shows its newest records as cells. */
export const TopicNode = memo(function TopicNode({ data }: NodeProps<TopicFlowNode>) {
  return (
    <article className={data.lanes.length > COMPACT_ABOVE_PARTITIONS ? 'node node--topic node--compact' : 'node node--topic'}>
      <Handle type="target" position={data.isVertical ? Position.Top : Position.Left} />
      <header className="node__header">
        <span className="node__kind">Topic</span>
        <h3 className="node__title">{data.name}</h3>
        <span className="badge">{data.lanes.length} partition{data.lanes.length === 1 ? "" : "s"}</span>
        <span className="badge">RF {data.replicationFactor}</span>
        <span className="badge">{data.cleanupPolicy}</span>
        <NodeMenu actorLabel={`topic ${data.name}`} experiments={data.experiments} inspect={{ kind: 'topic', topic: data.name }} />
      </header>
      {data.lanes.map((lane) => (
        <Lane key={lane.partition} topic={data.name} lane={lane} />
      ))}
      <Handle type="source" position={data.isVertical ? Position.Bottom : Position.Right} />
    </article>
  );
});
