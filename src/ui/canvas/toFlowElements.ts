/**
 * Turns the engine state (and what the last step did) into React Flow nodes and edges. Derived on
 * every revision; nothing here is stored. Only the newest cells of each lane are built, so the canvas
 * stays light however long the log grows.
 */
import { actorId, consumerLag, coordinatorPartitionFor, parseActorId, shareConsumerRows, shareRecordStates, tpKey, type MemberStateName, type TraceEntry, type ReadState } from '../../engine';
import type { ScenarioHttp } from '../../scenarios';
import { brokerExperiments, consumerExperiments, producerExperiments, serviceExperiments, topicExperiments } from '../experiments/experiments';
import type { Selection } from '../store/selection';
import type { StepView } from '../store/simulationStore';
import { CALL_OUTCOME_TEXT, callOutcomes, serviceStatus } from './httpCalls';
import type {
  BrokerFlowNode,
  CallFlowEdge,
  ConsumerMark,
  ConsumerStatus,
  ConsumerFlowNode,
  LaneData,
  RecordCell,
  ProducerFace,
  ProducerFlowNode,
  Pulse,
  RecordFlowEdge,
  ServiceFlowNode,
  SimFlowEdge,
  SimFlowNode,
  TopicFlowNode,
} from './flowTypes';
import { keyColor } from './keyColor';

/** How many of the newest records each lane shows: ten fit a topic card beside "…N earlier"; where fewer fit, the oldest are cut, never the newest (styles.css .lane__cells). */
export const VISIBLE_CELLS_PER_LANE = 10;

export type Orientation = 'horizontal' | 'vertical';

/** Every node starts here; the canvas places it from the measured layout (layout/placeColumns.ts). */
const UNPLACED = { x: 0, y: 0 };

function stepFacts(lastStep: StepView | null) {
  const appended = new Set<string>();
  const fetched = new Set<string>();
  const activeActors = new Set<string>();
  for (const e of lastStep?.entries ?? []) {
    for (const actor of e.actors) activeActors.add(actor);
    if (e.kind === 'recordAppended') appended.add(`${tpKey(e.topic, e.partition)}@${e.offset}`);
    if (e.kind === 'recordsFetched') {
      for (let o = e.firstOffset; o <= e.lastOffset; o++) fetched.add(`${tpKey(e.topic, e.partition)}@${o}`);
    }
    if (e.kind === 'shareRecordsAcquired') {
      for (const r of e.ranges) for (let o = r.firstOffset; o <= r.lastOffset; o++) fetched.add(`${tpKey(e.topic, e.partition)}@${o}`);
    }
  }
  return { appended, fetched, activeActors };
}

/** The seeds re-produce a failed record with a retryCount header; its cell carries a badge. */
const RETRY_HEADER = 'retryCount';

function retryCountOf(headers: readonly { key: string; value: string | null }[]): number | null {
  const header = headers.find((h) => h.key === RETRY_HEADER);
  const count = header?.value == null ? NaN : Number(header.value);
  return Number.isFinite(count) ? count : null;
}

/** Every consumer's position and commit per partition ('topic-partition' → marks), read once per step. */
function consumerMarks(state: ReadState): Map<string, ConsumerMark[]> {
  const marks = new Map<string, ConsumerMark[]>();
  for (const c of Object.values(state.consumers)) {
    for (const l of consumerLag(state, c.clientId)) {
      if (l.position < 0) continue;
      const key = tpKey(l.topic, l.partition);
      const list = marks.get(key) ?? [];
      list.push({ consumer: c.clientId, position: l.position, committed: l.committed });
      marks.set(key, list);
    }
  }
  return marks;
}

function shareCell(shared: ReturnType<typeof shareRecordStates> | null, offset: number): RecordCell['share'] {
  const view = shared?.get(offset);
  return view === undefined ? null : { state: view.state, deliveryCount: view.deliveryCount };
}

function lanesOf(state: ReadState, topicName: string, facts: ReturnType<typeof stepFacts>, selection: Selection | null, marksByPartition: Map<string, ConsumerMark[]>): LaneData[] {
  const topic = state.topics[topicName]!;
  return topic.partitions.map((p) => {
    const records = p.log.records;
    const from = Math.max(0, records.length - VISIBLE_CELLS_PER_LANE);
    const key = tpKey(topicName, p.partition);
    const segmentStarts = new Set(p.log.segments.map((s) => s.baseOffset));
    const shared = Object.keys(state.shareGroups).length === 0 ? null : shareRecordStates(state, topicName, p.partition);
    const cells = records.slice(from).map((r) => ({
      offset: r.offset,
      key: r.key,
      value: r.value,
      timestamp: r.timestamp,
      isNew: facts.appended.has(`${key}@${r.offset}`),
      isFetched: facts.fetched.has(`${key}@${r.offset}`),
      isTombstone: r.value === null && r.key !== null,
      startsSegment: segmentStarts.has(r.offset) && r.offset > 0,
      isSelected: selection?.kind === 'record' && selection.topic === topicName && selection.partition === p.partition && selection.offset === r.offset,
      retryCount: retryCountOf(r.headers),
      share: shareCell(shared, r.offset),
    }));
    const marks = marksByPartition.get(key) ?? [];
    return {
      partition: p.partition,
      leader: p.leader,
      isr: p.replicas.length > 1 ? [...p.isr] : null,
      cells,
      hiddenBefore: from,
      logStartOffset: p.log.logStartOffset,
      highWatermark: p.log.highWatermark,
      logEndOffset: p.log.logEndOffset,
      segmentCount: p.log.segments.length,
      marks,
    };
  });
}

function lastRouting(entries: readonly TraceEntry[], producer: string): ProducerFlowNode['data']['lastRouting'] {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.kind === 'recordAppended' && e.producer === producer) {
      const how = e.partitionedBy === 'key-hash' ? 'murmur2(key) % partitions' : e.partitionedBy === 'sticky' ? 'sticky partitioner' : 'set on the record';
      return { key: e.key, partition: e.partition, how };
    }
  }
  return null;
}

export interface FlowElements {
  nodes: SimFlowNode[];
  edges: SimFlowEdge[];
}

export function toFlowElements(
  state: ReadState,
  lastStep: StepView | null,
  orientation: Orientation = 'horizontal',
  selection: Selection | null = null,
  /** The scenario's HTTP services and the calls between them (drawn as services and call edges, not Kafka clients). */
  http: ScenarioHttp | null = null,
): FlowElements {
  const isVertical = orientation === 'vertical';
  const facts = stepFacts(lastStep);
  const nodes: SimFlowNode[] = [];
  const httpServices = new Set(http?.services.map((s) => s.id));
  const marks = consumerMarks(state);

  for (const p of Object.values(state.producers)) {
    // A service instance that both consumes and produces is drawn once, as its consumer.
    if (state.consumers[p.clientId] !== undefined) continue;
    const id = actorId.producer(p.clientId);
    nodes.push({
      id,
      ariaLabel: `producer ${p.clientId}`,
      type: 'producer',
      position: UNPLACED,
      data: {
        clientId: p.clientId,
        acks: p.config.acks,
        lingerMs: p.config['linger.ms'],
        isIdempotent: p.config['enable.idempotence'],
        sentCount: p.sentCount,
        ackedCount: p.ackedCount,
        lastRouting: lastRouting(lastStep?.entries ?? [], p.clientId),
        isActive: facts.activeActors.has(id),
        experiments: producerExperiments(state, p.clientId),
        isVertical,
        detail: 'full',
      },
    } satisfies ProducerFlowNode);
  }
  for (const t of Object.values(state.topics)) {
    if (t.isInternal) continue; // __consumer_offsets: shown through its groups, not as 50 lanes
    const id = actorId.topic(t.name);
    nodes.push({
      id,
      ariaLabel: `topic ${t.name}`,
      type: 'topic',
      position: UNPLACED,
      data: {
        name: t.name,
        lanes: lanesOf(state, t.name, facts, selection, marks),
        cleanupPolicy: t.configs['cleanup.policy'],
        replicationFactor: t.partitions[0]?.replicas.length ?? 0,
        experiments: topicExperiments(state, t.name),
        isVertical,
        detail: 'full',
      },
    } satisfies TopicFlowNode);
  }
  for (const c of Object.values(state.consumers)) {
    const id = actorId.consumer(c.clientId);
    if (httpServices.has(c.clientId)) {
      nodes.push(serviceNode(state, http!, c.clientId, facts.activeActors.has(id), isVertical));
      continue;
    }
    nodes.push({
      id,
      ariaLabel: `consumer ${c.clientId}`,
      type: 'consumer',
      position: UNPLACED,
      data: {
        clientId: c.clientId,
        groupId: c.config['group.id'],
        status: consumerStatus(c.memberState, c.subscription !== null),
        generation: c.generation,
        isLeader: c.isLeader,
        sessionDeadline: lingeringSession(state, c.clientId, c.config['group.id'], c.memberState),
        processedCount: c.processedCount,
        rows: consumerLag(state, c.clientId).map((l) => ({ topic: l.topic, partition: l.partition, position: l.position, committed: l.committed, lag: l.lag })),
        fetchedCount: c.fetchedCount,
        isActive: facts.activeActors.has(id),
        isProcessingPaused: c.loop?.isPaused === true,
        producer: producerFace(state, c.clientId),
        share: null,
        experiments: consumerExperiments(state, c.clientId),
        isVertical,
        detail: 'full',
      },
    } satisfies ConsumerFlowNode);
  }
  for (const c of Object.values(state.shareConsumers)) nodes.push(shareConsumerNode(state, c.clientId, facts.activeActors.has(actorId.consumer(c.clientId)), isVertical));
  nodes.push(...brokerNodes(state, orientation));
  return { nodes, edges: [...edgesOf(state, lastStep), ...(http === null ? [] : callEdges(state, http))] };
}

/** A share consumer (KIP-932) on the consumer card: member epoch, its partitions with SPSO, held and waiting records. */
function shareConsumerNode(state: ReadState, clientId: string, isActive: boolean, isVertical: boolean): ConsumerFlowNode {
  const c = state.shareConsumers[clientId]!;
  const groupId = c.config['group.id'];
  const member = state.shareGroups[groupId]?.members.find((m) => m.consumer === clientId);
  const rows = shareConsumerRows(state, clientId);
  const status: ConsumerStatus = c.status === 'crashed' ? 'crashed' : c.status === 'closed' ? 'closed' : c.memberEpoch === 0 ? 'joining' : rows.length > 0 ? 'consuming' : 'running';
  return {
    id: actorId.consumer(clientId),
    ariaLabel: `share consumer ${clientId}`,
    type: 'consumer',
    position: UNPLACED,
    data: {
      clientId,
      groupId,
      status,
      generation: -1,
      isLeader: false,
      // A crashed member the coordinator still lists: it is fenced when its session runs out.
      sessionDeadline: c.status !== 'running' && member !== undefined ? member.lastHeartbeatAt + state.brokerConfig['group.share.session.timeout.ms'] : null,
      processedCount: c.processedCount,
      rows: rows.map((r) => ({ topic: r.topic, partition: r.partition, position: r.startOffset, committed: null, lag: r.waiting })),
      fetchedCount: c.acquiredCount,
      isActive,
      isProcessingPaused: c.loop?.isPaused === true,
      producer: producerFace(state, clientId),
      share: { memberEpoch: c.memberEpoch, heldByPartition: Object.fromEntries(rows.map((r) => [tpKey(r.topic, r.partition), r.held])) },
      experiments: consumerExperiments(state, clientId),
      isVertical,
      detail: 'full',
    },
  };
}

/**
 * A service that is not a Kafka client. Its id stays 'consumer:<clientId>' (the engine's actor id), so
 * layout columns, selection and the trace's actors find it as before; only its face differs.
 */
function serviceNode(state: ReadState, http: ScenarioHttp, clientId: string, isActive: boolean, isVertical: boolean): ServiceFlowNode {
  const counted = http.services.find((s) => s.id === clientId)?.counts;
  const store = state.services[clientId]?.store;
  const counts = counted === undefined || store === undefined ? null : { answered: Number(store[counted.answered] ?? 0), failed: Number(store[counted.failed] ?? 0) };
  return {
    id: actorId.consumer(clientId),
    ariaLabel: `service ${clientId}`,
    type: 'service',
    position: UNPLACED,
    data: {
      clientId,
      status: serviceStatus(state, clientId),
      counts,
      serves: http.calls.filter((c) => c.to === clientId).map((c) => c.request),
      calls: http.calls.filter((c) => c.from === clientId).map((c) => c.to),
      isActive,
      experiments: serviceExperiments(state, clientId),
      isVertical,
      detail: 'full',
    },
  };
}

/** One edge per declared call whose two services exist, with what a call gets now. */
function callEdges(state: ReadState, http: ScenarioHttp): CallFlowEdge[] {
  return callOutcomes(state, http)
    .filter(({ call }) => state.consumers[call.from] !== undefined && state.consumers[call.to] !== undefined)
    .map(({ call, outcome }) => ({
      id: `call:${call.from}->${call.to}`,
      ariaLabel: `call ${call.request} from ${call.from} to ${call.to}: ${CALL_OUTCOME_TEXT[outcome]}`,
      source: actorId.consumer(call.from),
      target: actorId.consumer(call.to),
      type: 'call',
      data: { request: call.request, outcome, label: call.request },
    }));
}

function brokerNodes(state: ReadState, orientation: Orientation): BrokerFlowNode[] {
  const offsets = state.topics.__consumer_offsets;
  return state.brokers.map((b) => {
    const replicas = Object.values(state.topics)
      .filter((t) => !t.isInternal)
      .flatMap((t) => t.partitions.filter((p) => p.replicas.includes(b.id)).map((p) => ({ topic: t.name, partition: p.partition, isLeader: p.leader === b.id, isInSync: p.isr.includes(b.id) })));
    const coordinatorOf =
      offsets === undefined
        ? []
        : [...Object.keys(state.groups), ...Object.keys(state.shareGroups)].filter((g) => offsets.partitions[coordinatorPartitionFor(g, offsets.partitions.length)]?.leader === b.id);
    return {
      id: actorId.broker(b.id),
      ariaLabel: `broker ${b.id}`,
      type: 'broker',
      position: UNPLACED,
      data: { brokerId: b.id, isAlive: b.isAlive, replicas, coordinatorOf, experiments: brokerExperiments(state, b.id), isVertical: orientation === 'vertical', detail: 'full' },
    } satisfies BrokerFlowNode;
  });
}

function producerFace(state: ReadState, clientId: string): ProducerFace | null {
  const p = state.producers[clientId];
  if (p === undefined) return null;
  const topics = [
    ...new Set([
      ...p.topicsWritten,
      ...Object.values(state.trafficSources)
        .filter((s) => s.producer === clientId)
        .map((s) => s.topic),
    ]),
  ].filter((t) => state.topics[t]?.isInternal !== true);
  return { acks: p.config.acks, isIdempotent: p.config['enable.idempotence'], sentCount: p.sentCount, ackedCount: p.ackedCount, topics };
}

/** A down instance still listed by its group's coordinator: the time its session expires. */
function lingeringSession(state: ReadState, clientId: string, groupId: string | null, memberState: MemberStateName): number | null {
  if (groupId === null || (memberState !== 'CRASHED' && memberState !== 'CLOSED')) return null;
  const group = state.groups[groupId];
  const member = group === undefined ? undefined : Object.values(group.members).find((m) => m.consumer === clientId);
  return member?.sessionDeadline ?? null;
}

function consumerStatus(memberState: MemberStateName, isSubscribed: boolean): ConsumerStatus {
  switch (memberState) {
    case 'CRASHED':
      return 'crashed';
    case 'CLOSED':
      return 'closed';
    case 'STABLE':
      return 'consuming';
    case 'PREPARING_REBALANCE':
    case 'COMPLETING_REBALANCE':
      return 'rebalancing';
    case 'UNJOINED':
      return isSubscribed ? 'joining' : 'running';
  }
}

/** The node that draws a producer: its own, or its service instance's consumer node. */
function producerNode(state: ReadState, clientId: string): string {
  return state.consumers[clientId] === undefined && state.shareConsumers[clientId] === undefined ? actorId.producer(clientId) : actorId.consumer(clientId);
}

/** An edge's name in words: 'notification-2 (group notification-service) fetches from orders'. */
function edgeName(state: ReadState, source: string, target: string, kind: 'produce' | 'fetch'): string {
  const nameOf = (node: string) => {
    const actor = parseActorId(node);
    const clientId = actor?.name ?? node;
    const group = actor?.kind === 'consumer' ? state.consumers[clientId]?.config['group.id'] : null;
    const shareGroup = actor?.kind === 'consumer' ? state.shareConsumers[clientId]?.config['group.id'] : undefined;
    if (shareGroup !== undefined) return `${clientId} (share group ${shareGroup})`;
    return group == null ? clientId : `${clientId} (group ${group})`;
  };
  return kind === 'fetch' ? `${nameOf(target)} fetches from ${nameOf(source)}` : `${nameOf(source)} produces to ${nameOf(target)}`;
}

function edgesOf(state: ReadState, lastStep: StepView | null): RecordFlowEdge[] {
  const edges = new Map<string, RecordFlowEdge>();
  // A group's instances reading (or, as one service, writing) a topic share one bundle: one line in the gaps.
  const groupOf = (node: string) => {
    const actor = parseActorId(node);
    const clientId = actor?.name ?? node;
    return actor?.kind === 'consumer' ? (state.consumers[clientId]?.config['group.id'] ?? state.shareConsumers[clientId]?.config['group.id'] ?? clientId) : clientId;
  };
  const labelledBundles = new Set<string>();
  const ensure = (source: string, target: string, kind: 'produce' | 'fetch'): RecordFlowEdge => {
    const id = `${source}->${target}`;
    let edge = edges.get(id);
    if (edge === undefined) {
      const bundle = kind === 'fetch' ? `${source}->${actorId.group(groupOf(target))}` : `${actorId.group(groupOf(source))}->${target}`;
      // A bundle is one line in the gaps: its words are written once, by its first edge.
      const label = labelledBundles.has(bundle) ? '' : kind;
      labelledBundles.add(bundle);
      edge = { id, source, target, type: 'record', ariaLabel: edgeName(state, source, target, kind), data: { pulses: [], label, bundle } };
      edges.set(id, edge);
    }
    return edge;
  };
  for (const s of Object.values(state.trafficSources)) ensure(producerNode(state, s.producer), actorId.topic(s.topic), 'produce');
  for (const p of Object.values(state.producers)) for (const topic of p.topicsWritten) if (!state.topics[topic]?.isInternal) ensure(producerNode(state, p.clientId), actorId.topic(topic), 'produce');
  for (const c of Object.values(state.consumers)) {
    for (const topic of new Set(c.assignment.map((a) => a.topic))) ensure(actorId.topic(topic), actorId.consumer(c.clientId), 'fetch');
  }
  for (const c of Object.values(state.shareConsumers)) {
    for (const topic of c.subscription) if (state.topics[topic] !== undefined) ensure(actorId.topic(topic), actorId.consumer(c.clientId), 'fetch');
  }
  for (const e of lastStep?.entries ?? []) {
    const stepId = lastStep?.step ?? 0;
    let pulse: Pulse | null = null;
    let edge: RecordFlowEdge | null = null;
    if (e.kind === 'recordAppended') {
      edge = ensure(producerNode(state, e.producer), actorId.topic(e.topic), 'produce');
      pulse = { id: `${stepId}-${e.id}`, color: keyColor(e.key), isReverse: false };
    } else if (e.kind === 'recordsFetched') {
      edge = ensure(actorId.topic(e.topic), actorId.consumer(e.consumer), 'fetch');
      pulse = { id: `${stepId}-${e.id}`, color: '#0f766e', isReverse: false };
    } else if (e.kind === 'batchSent') {
      edge = ensure(producerNode(state, e.producer), actorId.topic(e.topic), 'produce');
      pulse = { id: `${stepId}-${e.id}`, color: '#94a3b8', isReverse: false };
    } else if (e.kind === 'produceAcknowledged') {
      edge = ensure(producerNode(state, e.producer), actorId.topic(e.topic), 'produce');
      pulse = { id: `${stepId}-${e.id}`, color: '#475569', isReverse: true };
    } else if (e.kind === 'shareRecordsAcquired') {
      edge = ensure(actorId.topic(e.topic), actorId.consumer(e.consumer), 'fetch');
      pulse = { id: `${stepId}-${e.id}`, color: '#0f766e', isReverse: false };
    } else if (e.kind === 'shareRecordsAcknowledged') {
      edge = ensure(actorId.topic(e.topic), actorId.consumer(e.consumer), 'fetch');
      pulse = { id: `${stepId}-${e.id}`, color: '#475569', isReverse: true };
    } else if (e.kind === 'offsetCommitted') {
      edge = ensure(actorId.topic(e.topic), actorId.consumer(e.consumer), 'fetch');
      pulse = { id: `${stepId}-${e.id}`, color: '#475569', isReverse: true };
    }
    if (edge !== null && pulse !== null) edge.data = { ...edge.data!, pulses: [...edge.data!.pulses, pulse] };
  }
  return [...edges.values()];
}
