import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { isBroker } from '../../brokerWords';
import { useSimulationStore } from '../../store/simulationStore';
import type { LaneData, RecordCell, TopicFlowNode, TopicNodeData } from '../flowTypes';
import { isSameData } from '../keepUnchanged';
import { keyColor } from '../keyColor';
import { NodeMenu } from './NodeMenu';

/** A record cell; the cells of a changed lane are new objects each step, so it compares them by content. */
const Cell = memo(
  function Cell({ topic, partition, cell }: { topic: string; partition: number; cell: RecordCell }) {
    const select = useSimulationStore((s) => s.select);
    const retried = cell.retryCount === null ? '' : `, retryCount ${cell.retryCount}`;
    const shared = cell.share === null ? '' : `, share group: ${cell.share.state}, delivery ${cell.share.deliveryCount}`;
    const label = `${topic}-${partition} offset ${cell.offset}, key ${cell.key ?? 'none'}, ${cell.isTombstone ? 'tombstone' : `value ${cell.value ?? 'null'}`}${retried}${shared}${cell.startsSegment ? ', first of a new segment' : ''}`;
    const classes = [
      'cell',
      cell.isNew ? 'cell--new' : '',
      cell.isFetched ? 'cell--fetched' : '',
      cell.isTombstone ? 'cell--tombstone' : '',
      cell.startsSegment ? 'cell--segment-start' : '',
      cell.isSelected ? 'cell--selected' : '',
      cell.retryCount === null ? '' : 'cell--retried',
      cell.share === null ? '' : `cell--share-${cell.share.state.toLowerCase()}`,
    ]
      .filter(Boolean)
      .join(' ');
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
          {cell.retryCount !== null && (
            <span className="cell__badge" aria-hidden="true">
              ↻{cell.retryCount}
            </span>
          )}
          {cell.share !== null && cell.share.deliveryCount > 1 && (
            <span className="cell__badge cell__badge--delivery" aria-hidden="true" title={`delivered ${cell.share.deliveryCount} times`}>
              ×{cell.share.deliveryCount}
            </span>
          )}
        </button>
      </li>
    );
  },
  (a, b) => a.topic === b.topic && a.partition === b.partition && isSameData(a.cell, b.cell),
);

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
        {lane.isr !== null && (
          <span className="node__hint" title="in-sync replicas: the brokers that have every record below the high watermark">
            ISR {lane.isr.join(',')}
          </span>
        )}
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

/** Topics with more partitions than this draw one slim line per partition (full face) or tiles (compact face). */
const COMPACT_ABOVE_PARTITIONS = 4;
/** Cells a lane shows on the compact face: the tail of the partition (a narrow lane cuts the oldest of them, never the newest). */
const FACE_CELLS = 10;

function PartitionButton({ topic, partition }: { topic: string; partition: number }) {
  const select = useSimulationStore((s) => s.select);
  return (
    <button
      type="button"
      className="lane__name nodrag"
      title={`Inspect ${topic}-${partition}: leader, replicas, offsets and its log`}
      aria-label={`Inspect partition ${topic}-${partition}`}
      onClick={(e) => {
        e.stopPropagation();
        select({ kind: 'partition', topic, partition });
      }}
    >
      P{partition}
    </button>
  );
}

/** A partition's tail on the compact face: its label, "…N earlier", and its newest few records. */
function FaceLane({ topic, lane }: { topic: string; lane: LaneData }) {
  const cells = lane.cells.slice(-FACE_CELLS);
  const earlier = lane.hiddenBefore + lane.cells.length - cells.length;
  // Replication and storage facts only where they tell something: several replicas, retention at work.
  const facts = [
    lane.isr !== null ? (isBroker(lane.leader) ? `leader ${lane.leader}` : null) : null,
    lane.isr !== null ? `ISR ${lane.isr.join(',')}` : null,
    lane.logStartOffset > 0 ? `start ${lane.logStartOffset}` : null,
    lane.segmentCount > 1 ? `${lane.segmentCount} segments` : null,
  ].filter((f): f is string => f !== null);
  return (
    <div
      className={isBroker(lane.leader) ? 'lane lane--face' : 'lane lane--face lane--no-leader'}
      role="group"
      aria-label={`Partition ${lane.partition} of ${topic}${isBroker(lane.leader) ? '' : ', no leader'}`}
    >
      <div className="lane__row">
        <PartitionButton topic={topic} partition={lane.partition} />
        <div className="lane__track">
          {!isBroker(lane.leader) && <span className="lane__no-leader">no leader</span>}
          {earlier > 0 && (
            <span className="lane__more" title={`${earlier} older records`}>
              …{earlier} earlier
            </span>
          )}
          <ol className="lane__cells" aria-label={`Records in ${topic}-${lane.partition}`}>
            {cells.map((cell) => (
              <Cell key={cell.offset} topic={topic} partition={lane.partition} cell={cell} />
            ))}
          </ol>
          {lane.cells.length === 0 && <span className="lane__empty">empty</span>}
        </div>
      </div>
      {facts.length > 0 && (
        <p className="lane__facts">
          {facts.map((f) => (
            <span key={f} className="node__hint">
              {f}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

/** One tile per partition when a topic has many: its label over its newest record (a hot partition stands out). */
function PartitionTile({ topic, lane }: { topic: string; lane: LaneData }) {
  const newest = lane.cells.at(-1);
  return (
    <div
      className={isBroker(lane.leader) ? 'lane lane--tile' : 'lane lane--tile lane--no-leader'}
      role="group"
      aria-label={`Partition ${lane.partition} of ${topic}${isBroker(lane.leader) ? '' : ', no leader'}`}
    >
      <PartitionButton topic={topic} partition={lane.partition} />
      <div className="lane__track">
        {newest === undefined ? (
          <span className="lane__empty" title={isBroker(lane.leader) ? 'empty' : 'no leader'}>
            {isBroker(lane.leader) ? '–' : '✕'}
          </span>
        ) : (
          <ol className="lane__cells" aria-label={`Newest record in ${topic}-${lane.partition}`}>
            <Cell topic={topic} partition={lane.partition} cell={newest} />
          </ol>
        )}
      </div>
    </div>
  );
}

function CompactTopic({ data }: { data: TopicNodeData }) {
  const isTiled = data.lanes.length > COMPACT_ABOVE_PARTITIONS;
  const records = data.lanes.reduce((n, l) => n + l.hiddenBefore + l.cells.length, 0);
  const leaderless = isTiled ? data.lanes.filter((l) => !isBroker(l.leader)) : [];
  return (
    <>
      <header className="face__header">
        <h3 className="face__title">{data.name}</h3>
        <NodeMenu actorLabel={`topic ${data.name}`} experiments={data.experiments} inspect={{ kind: 'topic', topic: data.name }} />
      </header>
      <p className="face__line face__muted">
        topic · {data.lanes.length} partition{data.lanes.length === 1 ? '' : 's'}
        {data.cleanupPolicy === 'delete' ? '' : ` · ${data.cleanupPolicy}`} · {records} record{records === 1 ? '' : 's'}
      </p>
      {leaderless.length > 0 && (
        <p className="face__line face__warning">
          <span>no leader</span>: {leaderless.length === data.lanes.length ? 'every partition' : leaderless.map((l) => `P${l.partition}`).join(', ')}
        </p>
      )}
      {isTiled ? (
        <div className="face__tiles">
          {data.lanes.map((lane) => (
            <PartitionTile key={lane.partition} topic={data.name} lane={lane} />
          ))}
        </div>
      ) : (
        data.lanes.map((lane) => <FaceLane key={lane.partition} topic={data.name} lane={lane} />)
      )}
    </>
  );
}

/** A topic with one lane per partition; each lane shows its newest records as cells. */
export const TopicNode = memo(function TopicNode({ data }: NodeProps<TopicFlowNode>) {
  if (data.detail === 'compact') {
    return (
      <article className="node node--topic node--face">
        <Handle type="target" position={data.isVertical ? Position.Top : Position.Left} />
        <CompactTopic data={data} />
        <Handle type="source" position={data.isVertical ? Position.Bottom : Position.Right} />
      </article>
    );
  }
  return (
    <article className={data.lanes.length > COMPACT_ABOVE_PARTITIONS ? 'node node--topic node--compact' : 'node node--topic'}>
      <Handle type="target" position={data.isVertical ? Position.Top : Position.Left} />
      <header className="node__header">
        <span className="node__kind">Topic</span>
        <h3 className="node__title">{data.name}</h3>
        <span className="badge">
          {data.lanes.length} partition{data.lanes.length === 1 ? '' : 's'}
        </span>
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
