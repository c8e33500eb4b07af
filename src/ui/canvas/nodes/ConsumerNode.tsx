import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, type ReactNode } from 'react';
import { tpKey } from '../../../engine';
import { useSimulationStore } from '../../store/simulationStore';
import type { ConsumerFlowNode, ConsumerNodeData, ConsumerRow, ConsumerStatus, ProducerFace, ShareFace } from '../flowTypes';
import { NodeMenu } from './NodeMenu';
import { partitionSpan } from '../../partitionSpan';
import { ExperimentButton } from './ExperimentButton';
import { ownershipLines } from './ownership';

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

function TopicSummary({ rows, lagWord }: { rows: ConsumerRow[]; lagWord: 'lag' | 'waiting' }) {
  const byTopic = new Map<string, ConsumerRow[]>();
  for (const r of rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
  return (
    <table className="node__table">
      <thead>
        <tr>
          <th scope="col">topic</th>
          <th scope="col">partitions</th>
          <th scope="col">{lagWord}</th>
        </tr>
      </thead>
      <tbody>
        {[...byTopic.entries()].map(([topic, list]) => (
          <tr key={topic}>
            <td className="node__topic-cell" title={topic}>
              {topic}
            </td>
            <td>{partitionSpan(list.map((r) => r.partition))}</td>
            <td>{list.reduce((n, r) => n + r.lag, 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A share consumer's group: opens the share group in the Inspector. */
function ShareGroupBadge({ groupId, className }: { groupId: string; className: string }) {
  const select = useSimulationStore((s) => s.select);
  return (
    <button
      type="button"
      className={`${className} nodrag`}
      onClick={(e) => {
        e.stopPropagation();
        select({ kind: 'group', groupId });
      }}
      title="Inspect the share group (KIP-932): records are handed out one by one under a lock, and acknowledged"
    >
      share group {groupId}
    </button>
  );
}

/** What follows the status: the classic member's generation, or the share member's epoch. */
function MemberDetail({ data, isDown }: { data: ConsumerNodeData; isDown: boolean }) {
  if (isDown) return null;
  if (data.share !== null) return data.share.memberEpoch > 0 ? <> · member epoch {data.share.memberEpoch}</> : null;
  if (data.generation < 0) return null;
  return (
    <>
      {' '}
      · generation {data.generation}
      {data.isLeader ? ' · leader' : ''}
    </>
  );
}

/** The instance's producer, on the same card: a service that reads and writes is one process with two clients. */
function ProducerLine({ clientId, producer, isCompact }: { clientId: string; producer: ProducerFace; isCompact: boolean }) {
  const settings = `acks=${producer.acks}${producer.isIdempotent ? ', idempotent' : ''}, ${producer.sentCount} sent`;
  const topics = producer.topics.length === 0 ? 'nothing yet' : isCompact && producer.topics.length > 1 ? `to ${producer.topics.length} topics` : producer.topics.join(', ');
  return (
    <div className="face__producer" role="group" aria-label={`producer ${clientId}`} title={`${producer.topics.join(', ')} (${settings})`}>
      <p className="face__line">
        <span className="face__kind">produces</span> {topics}
      </p>
      {!isCompact && <p className="face__line face__muted">{settings}</p>}
    </div>
  );
}

/** The face read at the fitted zoom of a big scenario: state, what it owns, lag; the tables wait for zoom or selection. */
function CompactConsumer({ data }: { data: ConsumerNodeData }) {
  const select = useSimulationStore((s) => s.select);
  const isDown = data.status === 'crashed' || data.status === 'closed';
  const lines = ownershipLines(data.rows);
  // The one action a learner reaches for (Crash, or Start again); the rest are in the menu.
  const primary = data.experiments.find((x) => x.label === 'Crash' || x.label === 'Start again');
  return (
    <>
      <header className="face__header">
        <h3 className="face__title">{data.clientId}</h3>
        <NodeMenu actorLabel={`consumer ${data.clientId}`} experiments={data.experiments} inspect={{ kind: 'consumer', clientId: data.clientId }} />
      </header>
      {data.groupId !== null && data.share !== null && <ShareGroupBadge groupId={data.groupId} className="face__group" />}
      {data.groupId !== null && data.share === null && (
        <button
          type="button"
          className="face__group nodrag"
          onClick={(e) => {
            e.stopPropagation();
            select({ kind: 'group', groupId: data.groupId! });
          }}
          title="Inspect the group"
        >
          group {data.groupId}
        </button>
      )}
      <p className={`face__line status status--${data.status}`}>
        <span className="status__dot" aria-hidden="true" />
        <span>
          {STATUS_TEXT[data.status]}
          <span className="face__muted">
            <MemberDetail data={data} isDown={isDown} />
          </span>
        </span>
      </p>
      {data.sessionDeadline !== null && <p className="face__line face__warning">The group still counts it as a member until {(data.sessionDeadline / 1000).toFixed(1)} s</p>}
      {data.isProcessingPaused && !isDown && <p className="face__line face__warning">handler hangs: poll() not called</p>}
      {lines.length === 0 && <p className="face__line face__muted">{isDown ? 'down: owns nothing' : 'no partitions'}</p>}
      {lines.map((l) => (
        <p key={l.text} className="face__line face__owns" title={`${l.topics.join(', ')}: ${data.share === null ? 'lag' : 'waiting'} ${l.lag}`}>
          {l.text}{' '}
          <span className={l.lag > 0 ? 'face__lag face__lag--behind' : 'face__lag'}>
            {data.share === null ? 'lag' : 'waiting'} {l.lag}
          </span>
        </p>
      ))}
      {data.producer !== null && <ProducerLine clientId={data.clientId} producer={data.producer} isCompact />}
      {primary !== undefined && <ExperimentButton experiment={primary} actorLabel={`consumer ${data.clientId}`} className="face__action" dangerClass="face__action--danger" />}
    </>
  );
}

/** A consumer instance: its state in the group, and per assigned partition where it reads next, what its group committed, its lag. */
export const ConsumerNode = memo(function ConsumerNode({ data }: NodeProps<ConsumerFlowNode>) {
  if (data.detail === 'compact') {
    return (
      <article className={`node node--consumer node--face node--${data.status}${data.isActive ? ' node--active' : ''}`}>
        <Handle type="target" position={data.isVertical ? Position.Top : Position.Left} />
        <CompactConsumer data={data} />
        <Handle type="source" position={data.isVertical ? Position.Bottom : Position.Right} />
      </article>
    );
  }
  return <FullConsumer data={data} />;
});

function FullConsumer({ data }: { data: ConsumerNodeData }) {
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
        <span className="node__kind">
          {data.share === null ? 'Consumer' : 'Share consumer'}
          {data.producer === null ? '' : ' · producer'}
        </span>
        <h3 className="node__title">{data.clientId}</h3>
        {data.groupId !== null && data.share !== null && <ShareGroupBadge groupId={data.groupId} className="badge badge--button" />}
        {data.groupId !== null && data.share === null && (
          <button
            type="button"
            className="badge badge--button nodrag"
            onClick={(e) => {
              e.stopPropagation();
              select({ kind: 'group', groupId: data.groupId! });
            }}
            title="Inspect the group"
          >
            group {data.groupId}
          </button>
        )}
        <NodeMenu actorLabel={`consumer ${data.clientId}`} experiments={data.experiments} inspect={{ kind: 'consumer', clientId: data.clientId }} />
      </header>
      <p className={`status status--${data.status}`}>
        <span className="status__dot" aria-hidden="true" />
        {STATUS_TEXT[data.status]}
        <span className="status__detail">
          <MemberDetail data={data} isDown={isDown} />
        </span>
      </p>
      {data.isProcessingPaused && !isDown && (
        <p className="node__warning">
          {data.share === null
            ? 'Processing paused: the handler hangs, so poll() is not called (max.poll.interval.ms is running).'
            : 'Processing paused: the handler hangs; what it holds is offered again when its acquisition lock runs out.'}
        </p>
      )}
      {data.sessionDeadline !== null && (
        <p className="node__warning">
          The group still counts it as a member. Without a heartbeat it is removed at {(data.sessionDeadline / 1000).toFixed(1)} s (
          {data.share === null ? 'session.timeout.ms' : 'group.share.session.timeout.ms'}).
        </p>
      )}
      {isSummary ? (
        <TopicSummary rows={data.rows} lagWord={data.share === null ? 'lag' : 'waiting'} />
      ) : (
        <PartitionTable rows={data.rows} columns={data.share === null ? CLASSIC_COLUMNS : shareColumns(data.share)} singleTopic={singleTopic} isDown={isDown} />
      )}
      <p className="node__hint">
        {data.fetchedCount} {data.share === null ? 'fetched' : 'acquired'} · {data.processedCount} processed
      </p>
      {data.producer !== null && <ProducerLine clientId={data.clientId} producer={data.producer} isCompact={false} />}
      <div className="node__actions nodrag nopan">
        {data.experiments
          .filter((x) => x.label !== 'Add an instance')
          .map((x) => (
            <ExperimentButton key={x.label} experiment={x} actorLabel={`consumer ${data.clientId}`} className="button button--small" dangerClass="button--danger" />
          ))}
      </div>
      <Handle type="source" position={data.isVertical ? Position.Bottom : Position.Right} />
    </article>
  );
}

/** A column of a consumer card's partition table, after the partition itself. */
interface Column {
  label: string;
  title?: string;
  cell: (r: ConsumerRow) => ReactNode;
  cellTitle?: (r: ConsumerRow) => string | undefined;
}

/** A classic consumer: where it reads next, what its group committed, its lag. */
const CLASSIC_COLUMNS: readonly Column[] = [
  { label: 'next', title: 'offset of the next record to read', cell: (r) => (r.position < 0 ? '—' : r.position) },
  { label: 'committed', title: "the group's committed offset", cell: (r) => r.committed ?? '—', cellTitle: (r) => (r.committed === null ? 'no committed offset' : undefined) },
  { label: 'lag', cell: (r) => r.lag },
];

/** A share consumer: where the share-partition starts (SPSO), what it holds, what is not finished yet. */
function shareColumns(share: ShareFace): Column[] {
  return [
    { label: 'SPSO', title: 'share-partition start offset: every record below it is acknowledged or archived', cell: (r) => (r.position < 0 ? '—' : r.position) },
    { label: 'held', title: 'records this member has acquired and not acknowledged (locked to it)', cell: (r) => share.heldByPartition[tpKey(r.topic, r.partition)] ?? 0 },
    { label: 'waiting', title: 'records from SPSO not acknowledged or archived yet', cell: (r) => r.lag },
  ];
}

function PartitionTable({ rows, columns, singleTopic, isDown }: { rows: ConsumerRow[]; columns: readonly Column[]; singleTopic: string | null; isDown: boolean }) {
  return (
    <table className="node__table">
      {singleTopic !== null && <caption className="node__caption">{singleTopic}</caption>}
      <thead>
        <tr>
          <th scope="col">partition</th>
          {columns.map((c) => (
            <th key={c.label} scope="col" title={c.title}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={tpKey(r.topic, r.partition)}>
            <td title={`${r.topic}-${r.partition}`}>{singleTopic === null ? `${r.topic}-${r.partition}` : `P${r.partition}`}</td>
            {columns.map((c) => (
              <td key={c.label} title={c.cellTitle?.(r)}>
                {c.cell(r)}
              </td>
            ))}
          </tr>
        ))}
        {rows.length === 0 && (
          <tr>
            <td colSpan={columns.length + 1} className="node__empty">
              {isDown ? 'no partitions: the process is down' : 'no partitions assigned'}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
