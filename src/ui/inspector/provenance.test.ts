import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation, type TraceEntry } from '../../engine';
import { CONSUMER_GROUP_ID, CONSUMER_GROUP_TOPIC, consumerGroup } from '../../scenarios/consumerGroup/consumerGroup';
import { logStorage } from '../../scenarios/logStorage/logStorage';
import { replication } from '../../scenarios/replication/replication';
import { seriesItems } from '../recorder/series';
import { useSimulationStore } from '../store/simulationStore';
import { kcatCommand, kcatLine, recordProvenance, type ProvenanceEvent } from './provenance';

/** Runs a simulation keeping a history shaped like the store's: index 0 = setup, then one entry list per engine step or command. */
function recorder(sim: Simulation) {
  const history: TraceEntry[][] = [[...sim.trace]];
  return {
    history,
    until(timeMs: number): void {
      for (let next = sim.nextEventTime; next !== null && next <= timeMs; next = sim.nextEventTime) history.push(sim.step());
    },
    /** Steps until a step writes an entry that `found` accepts (and `also` holds afterwards); returns the entry. */
    untilEntry(found: (e: TraceEntry) => boolean, also: () => boolean = () => true): TraceEntry {
      for (let i = 0; i < 200_000; i++) {
        const entries = sim.step();
        history.push(entries);
        const hit = entries.find(found);
        if (hit !== undefined && also()) return hit;
      }
      throw new Error('no such entry');
    },
    act(command: () => unknown): void {
      const before = sim.trace.at(-1)?.id ?? -1;
      command();
      history.push(sim.traceSince(before));
    },
  };
}

function start(scenario: typeof consumerGroup) {
  const sim = createSimulation({ ...scenario.options, seed: scenario.seed, traceLimit: 1_000_000 });
  scenario.setup(sim);
  return { sim, run: recorder(sim) };
}

const kinds = (events: readonly ProvenanceEvent[]) => events.map((e) => e.kind);
const textsOf = (events: readonly ProvenanceEvent[], kind: ProvenanceEvent['kind']) => events.filter((e) => e.kind === kind).map((e) => e.text);

function entryAt<K extends TraceEntry['kind']>(history: readonly (readonly TraceEntry[])[], kind: K, match: (e: TraceEntry & { kind: K }) => boolean): TraceEntry & { kind: K } {
  for (const step of history) for (const e of step) if (e.kind === kind && match(e as TraceEntry & { kind: K })) return e as TraceEntry & { kind: K };
  throw new Error(`no ${kind} entry`);
}

describe('recordProvenance', () => {
  it('tells a consumer-group record from the store history: sent, appended, fetched, processed, committed, with UI step numbers', () => {
    const store = useSimulationStore.getState();
    store.loadScenario(consumerGroup.id);
    const committed = (): TraceEntry | undefined =>
      Array.from(seriesItems(useSimulationStore.getState().frame.history))
        .flat()
        .find((e) => e.kind === 'offsetCommitted' && e.offset > 0);
    for (let i = 0; i < 5_000 && committed() === undefined; i++) useSimulationStore.getState().step();
    const commit = committed();
    if (commit?.kind !== 'offsetCommitted') throw new Error('no commit');
    // Let later commits of the same partition pass the record too: only the first is told.
    for (let i = 0; i < 300; i++) useSimulationStore.getState().step();
    const history = Array.from(seriesItems(useSimulationStore.getState().frame.history));
    const record = { topic: CONSUMER_GROUP_TOPIC, partition: commit.partition, offset: commit.offset - 1 };
    const processed = entryAt(history, 'recordProcessed', (e) => e.partition === record.partition && e.offset === record.offset);
    const appended = entryAt(history, 'recordAppended', (e) => e.partition === record.partition && e.offset === record.offset);

    const events = recordProvenance(history, record);

    expect(kinds(events)).toEqual(['sent', 'appended', 'acknowledged', 'fetched', 'processed', 'offset-committed']);
    expect(textsOf(events, 'appended')[0]).toBe(
      `appended at offset ${record.offset} by payment-service (key ${appended.key ?? ''}: murmur2(key) % 10 = ${record.partition}) on leader broker ${appended.leader}`,
    );
    expect(textsOf(events, 'fetched')).toEqual([`fetched by ${processed.consumer} (group ${CONSUMER_GROUP_ID})`]);
    expect(textsOf(events, 'processed')).toEqual([`processed by ${processed.consumer} (first time in group ${CONSUMER_GROUP_ID})`]);
    expect(textsOf(events, 'offset-committed')).toEqual([`group ${CONSUMER_GROUP_ID} committed offset ${commit.offset} (past this record), by ${commit.consumer}`]);
    const laterCommits = history.flat().filter((e) => e.kind === 'offsetCommitted' && e.partition === record.partition && e.offset > record.offset);
    expect(laterCommits.length).toBeGreaterThan(1);
    // Each event's step is the UI step whose entries hold it.
    for (const [event, kind] of [
      [events[1]!, 'recordAppended'],
      [events[4]!, 'recordProcessed'],
      [events[5]!, 'offsetCommitted'],
    ] as const) {
      expect(history[event.step]!.some((e) => e.kind === kind && e.time === event.time)).toBe(true);
    }
    expect(events.map((e) => e.step)).toEqual([...events.map((e) => e.step)].sort((a, b) => a - b));
  });

  it('a consumer crashes after processing, before committing: the record is delivered and processed again by another member', () => {
    const { sim, run } = start(consumerGroup);
    const first = run.untilEntry(
      (e) => e.kind === 'recordProcessed' && e.consumer === 'checkout-2',
      () => sim.state.consumers['checkout-2']!.pending.length > 0,
    );
    run.act(() => sim.crashConsumer('checkout-2'));
    run.until(sim.time + 60_000);
    if (first.kind !== 'recordProcessed') throw new Error('expected recordProcessed');
    const again = entryAt(run.history, 'recordProcessed', (e) => e.partition === first.partition && e.offset === first.offset && !e.isFirstTime);

    const events = recordProvenance(run.history, first);

    expect(kinds(events)).toEqual(['sent', 'appended', 'acknowledged', 'fetched', 'processed', 'fetched', 'redelivered', 'processed', 'offset-committed']);
    expect(textsOf(events, 'fetched')).toEqual([`fetched by checkout-2 (group ${CONSUMER_GROUP_ID})`, `fetched by ${again.consumer} (group ${CONSUMER_GROUP_ID})`]);
    expect(textsOf(events, 'redelivered')).toEqual([`delivered again to ${again.consumer} after checkout-2 crashed: group ${CONSUMER_GROUP_ID} had not committed past it`]);
    expect(textsOf(events, 'processed')).toEqual([
      `processed by checkout-2 (first time in group ${CONSUMER_GROUP_ID})`,
      `processed again by ${again.consumer} after checkout-2 crashed (group ${CONSUMER_GROUP_ID} had processed it already: a duplicate effect)`,
    ]);
    expect(textsOf(events, 'offset-committed')[0]).toContain(`by ${again.consumer}`);
  });

  it('compaction: an old value is removed for the newer one with its key; a tombstone is kept, then removed; retention deletes a segment', () => {
    const { run } = start(logStorage);
    run.until(45_000);
    const ben = run.history.flat().filter((e): e is TraceEntry & { kind: 'recordAppended' } => e.kind === 'recordAppended' && e.key === 'ben');
    const oldest = ben[0]!;
    const cleaned = entryAt(run.history, 'logCleaned', (e) => e.removedOffsets.includes(oldest.offset));
    const newest = Math.max(...ben.filter((b) => b.offset < cleaned.cleanedUpTo).map((b) => b.offset));

    const events = recordProvenance(run.history, oldest);
    expect(kinds(events)).toEqual(['sent', 'appended', 'acknowledged', 'compacted']);
    expect(textsOf(events, 'compacted')).toEqual([`removed by the log cleaner (offset ${newest} has the same key ben)`]);
    expect(newest).toBeGreaterThan(oldest.offset);

    const tombstone = ben.find((b) => b.value === null)!;
    const tombstoneEvents = recordProvenance(run.history, tombstone);
    expect(kinds(tombstoneEvents)).toEqual(['sent', 'appended', 'acknowledged', 'tombstone-kept', 'compacted']);
    expect(textsOf(tombstoneEvents, 'appended')[0]).toMatch(/: a tombstone \(null value\)$/);
    expect(textsOf(tombstoneEvents, 'compacted')).toEqual(['removed by the log cleaner: a tombstone past its delete horizon (delete.retention.ms)']);

    const deleted = entryAt(run.history, 'segmentsDeleted', (e) => e.topic === 'page-views');
    const segment = deleted.segments[0]!;
    const views = recordProvenance(run.history, { topic: 'page-views', partition: 0, offset: segment.endOffset - 1 });
    expect(kinds(views).at(-1)).toBe('deleted');
    expect(textsOf(views, 'deleted')).toEqual([
      `deleted by retention (retention.ms): the newest record of its segment was older than retention.ms (segment [${segment.baseOffset}, ${segment.endOffset}) deleted)`,
    ]);
    // The next segment's first record was not deleted with it (a later pass may delete it).
    const next = recordProvenance(run.history, { topic: 'page-views', partition: 0, offset: segment.endOffset });
    expect(next.filter((e) => e.kind === 'deleted').every((e) => e.time > deleted.time)).toBe(true);
  });

  it('DeleteRecords moves the log start offset past a record a consumer then never reads', () => {
    const sim = createSimulation({ seed: 11, brokers: 1, traceLimit: 100_000 });
    sim.createTopic({ name: 'orders', partitions: 1, replicationFactor: 1 });
    sim.createProducer({ clientId: 'order-service', config: { 'linger.ms': 0 } });
    const run = recorder(sim);
    for (let i = 0; i < 5; i++) run.act(() => sim.send({ producer: 'order-service', topic: 'orders', key: `c-${i}`, value: `order-${i}` }));
    run.until(100);
    run.act(() => sim.deleteRecords({ topic: 'orders', partition: 0, beforeOffset: 3 }));
    run.act(() => {
      sim.createConsumer({ clientId: 'audit', config: { 'auto.offset.reset': 'earliest' } });
      sim.assign('audit', [{ topic: 'orders', partition: 0 }]);
      sim.seek({ consumer: 'audit', topic: 'orders', partition: 0, offset: 0 });
      sim.startConsumerLoop({ consumer: 'audit', processingMsPerRecord: 0, commitMode: 'none' });
    });
    run.until(200);

    const gone = recordProvenance(run.history, { topic: 'orders', partition: 0, offset: 1 });
    expect(kinds(gone)).toEqual(['sent', 'appended', 'acknowledged', 'deleted', 'never-seen']);
    expect(textsOf(gone, 'deleted')).toEqual(['deleted by DeleteRecords: the log start offset moved from 0 to 3']);
    expect(textsOf(gone, 'never-seen')[0]).toBe('audit never read it: it was deleted before audit got to it (position 0 was below the log start offset 3; auto.offset.reset=earliest)');

    const kept = recordProvenance(run.history, { topic: 'orders', partition: 0, offset: 3 });
    expect(kinds(kept)).toEqual(['sent', 'appended', 'acknowledged', 'fetched', 'processed']);
  });

  it('replication factor 3 with acks=all: replicated to both followers, committed by the high watermark, then acknowledged', () => {
    const { sim, run } = start(replication);
    run.until(2_000);
    const partition = sim.state.topics.payments!.partitions[0]!;
    const followers = partition.replicas.filter((b) => b !== partition.leader);
    const acksOf = (producer: string) => ({ acks: sim.state.producers[producer]!.config.acks });

    const events = recordProvenance(run.history, { topic: 'payments', partition: 0, offset: 0 }, acksOf);

    expect(kinds(events)).toEqual(['sent', 'appended', 'replicated', 'replicated', 'committed-to-isr', 'acknowledged', 'fetched', 'processed']);
    expect(textsOf(events, 'appended')[0]).toContain(`on leader broker ${partition.leader}`);
    expect(textsOf(events, 'replicated').sort()).toEqual(followers.map((b) => `replicated to broker ${b}`).sort());
    expect(textsOf(events, 'committed-to-isr')).toEqual(['the high watermark passed it (0 → 1): committed to the in-sync replicas; consumers can read it now']);
    expect(textsOf(events, 'acknowledged')).toEqual(['acknowledged to checkout (acks=all)']);
    expect(textsOf(events, 'processed')).toEqual(['processed by ledger']);
  });

  it('the leader crashes before its followers copy a record: truncated, lost, and its offset reused by a different append', () => {
    const { sim, run } = start(replication);
    run.until(3_000);
    const appended = run.untilEntry((e) => e.kind === 'recordAppended' && e.partition === 0);
    if (appended.kind !== 'recordAppended') throw new Error('expected recordAppended');
    run.act(() => sim.crashBroker(appended.leader));
    run.until(60_000);
    const elected = entryAt(run.history, 'leaderElected', (e) => e.partition === 0 && e.lostOffsets !== null);

    const events = recordProvenance(run.history, appended);

    expect(kinds(events).slice(0, 4)).toEqual(['sent', 'appended', 'truncated', 'lost']);
    expect(textsOf(events, 'truncated')).toEqual([`truncated from broker ${appended.leader} (its log ran past the new leader's: it diverged)`]);
    expect(textsOf(events, 'lost')).toEqual([`lost: broker ${elected.leader} became the leader (epoch ${elected.leaderEpoch}) without it; the next append reuses offset ${appended.offset}`]);
    const reused = textsOf(events, 'appended')[1]!;
    expect(reused).toContain(`on leader broker ${elected.leader}`);
    expect(reused).toMatch(/it reuses the offset of a lost record$/);
    // After a loss the producer may send records again: no 'sent' line is matched to the new append.
    expect(kinds(events).filter((k) => k === 'sent')).toHaveLength(1);
    expect(kinds(events).slice(4)).toContain('committed-to-isr');
  });

  it('a transaction aborts: read_uncommitted consumers got its record, read_committed ones never do; a committed one follows', () => {
    const sim = createSimulation({ seed: 8, brokers: 1, traceLimit: 100_000 });
    sim.createTopic({ name: 'payments', partitions: 1, replicationFactor: 1 });
    sim.createProducer({ clientId: 'tx', config: { 'transactional.id': 'payments-1', 'linger.ms': 0 } });
    sim.createProducer({ clientId: 'plain', config: { 'linger.ms': 0 } });
    for (const isolation of ['read_committed', 'read_uncommitted'] as const) {
      sim.createConsumer({ clientId: isolation, config: { 'auto.offset.reset': 'earliest', 'isolation.level': isolation } });
      sim.assign(isolation, [{ topic: 'payments', partition: 0 }]);
      sim.startConsumerLoop({ consumer: isolation, processingMsPerRecord: 0, commitMode: 'none' });
    }
    const run = recorder(sim);
    const send = (producer: string, value: string) => run.act(() => sim.send({ producer, topic: 'payments', key: 'k', value, partition: 0 }));
    const txn = (type: 'initTransactions' | 'beginTransaction' | 'commitTransaction' | 'abortTransaction') => run.act(() => sim.execute({ type, producer: 'tx' }));
    txn('initTransactions');
    run.until(10);
    send('plain', 'before'); // offset 0
    run.until(20);
    txn('beginTransaction');
    send('tx', 'charge twice?'); // offset 1
    run.until(50);
    send('plain', 'during'); // offset 2
    run.until(60);
    txn('abortTransaction'); // ABORT marker at offset 3
    run.until(100);
    txn('beginTransaction');
    send('tx', 'charge once'); // offset 4
    txn('commitTransaction'); // COMMIT marker at offset 5
    run.until(200);
    // A read_committed consumer that starts late reads 0..4 in one fetch, dropping the aborted record.
    run.act(() => {
      sim.createConsumer({ clientId: 'late', config: { 'auto.offset.reset': 'earliest', 'isolation.level': 'read_committed' } });
      sim.assign('late', [{ topic: 'payments', partition: 0 }]);
      sim.startConsumerLoop({ consumer: 'late', processingMsPerRecord: 0, commitMode: 'none' });
    });
    run.until(300);
    expect(sim.state.topics.payments!.partitions[0]!.log.records.map((r) => r.controlType ?? r.value)).toEqual(['before', 'charge twice?', 'during', 'ABORT', 'charge once', 'COMMIT']);

    const aborted = recordProvenance(run.history, { topic: 'payments', partition: 0, offset: 1 });
    expect(kinds(aborted)).toEqual(['sent', 'appended', 'acknowledged', 'fetched', 'processed', 'transaction-aborted', 'fetched']);
    expect(textsOf(aborted, 'appended')[0]).toContain('inside a transaction of payments-1');
    expect(textsOf(aborted, 'processed')).toEqual(['processed by read_uncommitted']);
    expect(textsOf(aborted, 'transaction-aborted')).toEqual(['its transaction (payments-1) aborted: ABORT marker at offset 3; read_committed consumers never get it']);
    expect(textsOf(aborted, 'fetched')).toEqual(['fetched by read_uncommitted', 'late fetched offsets 0–4; it got this record only if it reads read_uncommitted (its transaction aborted)']);

    const marker = recordProvenance(run.history, { topic: 'payments', partition: 0, offset: 3 });
    expect(marker.map((e) => e.text)).toEqual(['ABORT marker of transaction payments-1 written here (a control record: consumers step over it)']);

    const committed = recordProvenance(run.history, { topic: 'payments', partition: 0, offset: 4 });
    expect(textsOf(committed, 'transaction-committed')).toEqual(['its transaction (payments-1) committed: COMMIT marker at offset 5; read_committed consumers can read it']);
    expect(textsOf(committed, 'processed').sort()).toEqual(['processed by late', 'processed by read_committed', 'processed by read_uncommitted']);
    // The plain record in between belongs to no transaction.
    expect(kinds(recordProvenance(run.history, { topic: 'payments', partition: 0, offset: 2 })).filter((k) => k.startsWith('transaction'))).toEqual([]);
  });

  it('a handler failure is told for the record whose handler threw, not for the others processed at the same instant', () => {
    const handlers = {
      charge: (record: { value: string | null } | null) => {
        if (record?.value === 'bad') throw new Error('card declined');
      },
    };
    const sim = createSimulation({ seed: 2, brokers: 1, traceLimit: 100_000, handlers });
    sim.createTopic({ name: 'orders', partitions: 1, replicationFactor: 1 });
    sim.createProducer({ clientId: 'shop', config: { 'linger.ms': 5 } });
    const run = recorder(sim);
    for (const value of ['good', 'bad', 'good']) run.act(() => sim.send({ producer: 'shop', topic: 'orders', key: null, value, partition: 0 }));
    run.until(50);
    run.act(() => {
      sim.createConsumer({ clientId: 'billing-1', config: { 'auto.offset.reset': 'earliest' } });
      sim.assign('billing-1', [{ topic: 'orders', partition: 0 }]);
      sim.startConsumerLoop({ consumer: 'billing-1', processingMsPerRecord: 0, commitMode: 'none', app: { service: 'billing', handler: 'charge' } });
    });
    run.until(200);
    const processedAt = (offset: number) => entryAt(run.history, 'recordProcessed', (e) => e.offset === offset).step;
    expect(processedAt(0)).toBe(processedAt(2)); // one event for the three records

    expect(textsOf(recordProvenance(run.history, { topic: 'orders', partition: 0, offset: 1 }), 'handler-failed')).toEqual([
      'the charge handler of billing-1 threw "card declined"; the record still counts as processed',
    ]);
    expect(kinds(recordProvenance(run.history, { topic: 'orders', partition: 0, offset: 0 }))).not.toContain('handler-failed');
    expect(kinds(recordProvenance(run.history, { topic: 'orders', partition: 0, offset: 2 }))).not.toContain('handler-failed');
  });

  it('CreatePartitions moves its key: new records with the key go elsewhere', () => {
    const sim = createSimulation({ seed: 3, brokers: 1, traceLimit: 100_000 });
    sim.createTopic({ name: 'orders', partitions: 2, replicationFactor: 1 });
    sim.createProducer({ clientId: 'order-service', config: { 'linger.ms': 0 } });
    const run = recorder(sim);
    for (let i = 0; i < 12; i++) run.act(() => sim.send({ producer: 'order-service', topic: 'orders', key: `c-${i}`, value: `v${i}` }));
    run.until(100);
    run.act(() => sim.createPartitions({ topic: 'orders', totalCount: 3 }));
    const added = entryAt(run.history, 'partitionsAdded', () => true);
    const moved = added.movedKeys[0]!;
    const record = entryAt(run.history, 'recordAppended', (e) => e.key === moved.key);

    const events = recordProvenance(run.history, record);

    expect(textsOf(events, 'appended')[0]).toContain(`(key ${moved.key}: murmur2(key) % 2 = ${moved.from})`);
    expect(textsOf(events, 'key-moved')).toEqual([
      `orders grew from 2 to 3 partitions: new records with key ${moved.key} now go to partition ${moved.to}, so this one is no longer the latest for its key in order`,
    ]);
    const stayed = entryAt(run.history, 'recordAppended', (e) => e.key !== null && !added.movedKeys.some((m) => m.key === e.key));
    expect(kinds(recordProvenance(run.history, stayed))).not.toContain('key-moved');
  });

  it('is empty for an offset nothing touched, and reads a long history quickly', () => {
    const { run } = start(consumerGroup);
    run.until(120_000);
    const entries = run.history.reduce((n, s) => n + s.length, 0);
    expect(entries).toBeGreaterThan(5_000);
    expect(recordProvenance(run.history, { topic: CONSUMER_GROUP_TOPIC, partition: 0, offset: 1_000_000 })).toEqual([]);
    const began = performance.now();
    recordProvenance(run.history, { topic: CONSUMER_GROUP_TOPIC, partition: 3, offset: 2 });
    expect(performance.now() - began).toBeLessThan(250);
  });
});

describe('kcatLine', () => {
  const record = { topic: 'orders', partition: 1, offset: 4, key: 'c-17', value: '{"total":12}' };

  it('prints what kcat -C -Z -f prints: topic [partition] @offset, key, value, headers as name=value joined by commas', () => {
    expect(
      kcatLine({
        ...record,
        headers: [
          { key: 'retryCount', value: '1' },
          { key: 'trace', value: null },
        ],
      }),
    ).toBe('orders [1] @4 key=c-17 value={"total":12} headers=retryCount=1,trace=NULL');
  });

  it('prints a null key and a null value (a tombstone) as NULL, as kcat -Z does, and nothing after headers= when there are none', () => {
    expect(kcatLine({ ...record, key: null, value: null })).toBe('orders [1] @4 key=NULL value=NULL headers=');
    expect(kcatLine({ ...record, key: '', value: '' })).toBe('orders [1] @4 key= value= headers=');
  });

  it('adds the timestamp (%T) when it is known, and follows a given format with lengths (-1 for null)', () => {
    expect(kcatLine({ ...record, timestamp: 1500 })).toBe('orders [1] @4 ts=1500 key=c-17 value={"total":12} headers=');
    expect(kcatLine({ ...record, value: null }, '%K %S %T 100%%')).toBe('4 -1 -1 100%');
  });

  it('gives the kcat command that reads exactly that record', () => {
    expect(kcatCommand(record)).toBe("kcat -C -b localhost:9092 -t orders -p 1 -o 4 -c 1 -Z -f '%t [%p] @%o key=%k value=%s headers=%h\\n'");
  });
});

describe('provenance in a share group (KIP-932)', () => {
  it('share group: a released record tells its two acquisitions, with their delivery counts, and how it ended', () => {
    const sim = createSimulation({ seed: 5, traceLimit: 1_000_000 });
    const run = recorder(sim);
    run.act(() => {
      sim.execute({ type: 'createTopic', name: 'jobs', partitions: 1 });
      sim.execute({ type: 'createProducer', clientId: 'p' });
      sim.execute({ type: 'alterShareGroupConfigs', groupId: 'workers', configs: { 'share.auto.offset.reset': 'earliest' } });
      sim.execute({ type: 'send', producer: 'p', topic: 'jobs', key: 'job-1', value: 'resize' });
      sim.execute({ type: 'createShareConsumer', clientId: 'w1', config: { 'group.id': 'workers', 'share.acknowledgement.mode': 'explicit' } });
      sim.execute({ type: 'shareSubscribe', consumer: 'w1', topics: ['jobs'] });
    });
    run.until(6_000);
    const poll = () => {
      run.act(() => sim.execute({ type: 'sharePoll', consumer: 'w1' }));
      run.until(sim.time + 600);
    };
    poll();
    run.act(() => sim.execute({ type: 'shareAcknowledge', consumer: 'w1', topic: 'jobs', partition: 0, offset: 0, acknowledgeType: 'RELEASE' }));
    poll();
    run.act(() => sim.execute({ type: 'shareAcknowledge', consumer: 'w1', topic: 'jobs', partition: 0, offset: 0, acknowledgeType: 'ACCEPT' }));
    poll();
    const events = recordProvenance(run.history, { topic: 'jobs', partition: 0, offset: 0 }).filter((e) => e.kind.startsWith('share-'));
    expect(events.map((e) => e.text)).toEqual([
      'acquired by w1 in share group workers (delivery 1), locked to it for 30 s',
      'w1 acknowledged it in share group workers, released: offered again',
      'acquired by w1 in share group workers (delivery 2: handed out before), locked to it for 30 s',
      'w1 acknowledged it in share group workers, accepted: processed, never handed out again',
    ]);
  });
});
