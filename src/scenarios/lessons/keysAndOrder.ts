/**
 * Lesson: keys and per-key order (seeds/use-cases.md, 1: rider location). Every GPS update of a rider
 * is keyed by riderId, so all of them land on one partition and are read in order. Send them without
 * a key and they spread over partitions: the map can show an older position after a newer one.
 */
import { actorId, anyActor, type AppContext, type AppHandlers, type DeepReadonly, type HandledRecord, type Simulation, type SimState } from '../../engine';
import { jsonValue } from '../shared/records';
import type { CheckFinding, Scenario } from '../types';

const TOPIC = 'rider-location';
const RIDERS = ['r1', 'r2', 'r3', 'r4'];
const MAP_UPDATERS = ['map-updater-1', 'map-updater-2', 'map-updater-3'];

interface Position {
  riderId: string;
  lat: number;
  lng: number;
  seq: number;
}

function gps(withKey: boolean) {
  return (_record: HandledRecord | null, ctx: AppContext): void => {
    const riderId = RIDERS[Math.floor(ctx.random() * RIDERS.length)]!;
    const seqs = (ctx.store.seq ??= {}) as Record<string, number>;
    const seq = (seqs[riderId] ?? 0) + 1;
    seqs[riderId] = seq;
    const position: Position = { riderId, lat: 51.5 + seq / 1000, lng: -0.08 - seq / 1000, seq };
    ctx.produce(TOPIC, withKey ? riderId : null, JSON.stringify(position));
  };
}

/** map-updater: keeps each rider's latest position in the shared store; notes a position older than the one shown. */
function updateMap(record: HandledRecord | null, ctx: AppContext): void {
  const p = jsonValue<Position>(record!.value);
  if (p === null) return;
  const latest = (ctx.store.latest ??= {}) as Record<string, number>;
  if ((latest[p.riderId] ?? 0) > p.seq) {
    const late = (ctx.store.outOfOrder ??= []) as string[];
    late.push(`${p.riderId}: update ${p.seq} arrived after ${latest[p.riderId]!}`);
    ctx.log('OUT_OF_ORDER', `${p.riderId}'s update ${p.seq} arrived after update ${latest[p.riderId]!}: the map jumps back.`);
    return;
  }
  latest[p.riderId] = p.seq;
}

function history(_record: HandledRecord | null, ctx: AppContext): void {
  ctx.store.points = Number(ctx.store.points ?? 0) + 1;
}

const handlers: AppHandlers = { gpsKeyed: gps(true), gpsKeyless: gps(false), updateMap, history };

function setup(sim: Simulation): void {
  sim.createTopic({ name: TOPIC, partitions: 3, replicationFactor: 1 });
  // A small batch.size makes the sticky partitioner move on every few keyless records, as many app instances would.
  sim.createProducer({ clientId: 'rider-app', config: { 'linger.ms': 0, 'batch.size': 256 } });
  sim.execute({ type: 'addTicker', id: 'gps', service: 'rider-app', instance: 'rider-app', handler: 'gpsKeyed', intervalMs: 200, producer: 'rider-app' });
  sim.execute({ type: 'addTicker', id: 'gps-no-key', service: 'rider-app', instance: 'rider-app', handler: 'gpsKeyless', intervalMs: 200, producer: 'rider-app' });
  sim.execute({ type: 'setTickerRunning', ticker: 'gps-no-key', isRunning: false });
  // map-updater: three instances in one group, one partition each, sharing the geofence store.
  for (const [id, group, handler, ms] of [...MAP_UPDATERS.map((id) => [id, 'map-updater', 'updateMap', 450] as const), ['history-writer', 'history-writer', 'history', 20] as const]) {
    sim.createConsumer({ clientId: id, config: { 'group.id': group, 'auto.offset.reset': 'earliest', 'enable.auto.commit': false } });
    sim.subscribe(id, [TOPIC]);
    sim.execute({ type: 'startConsumerLoop', consumer: id, processingMsPerRecord: ms, commitMode: 'after-processing', app: { service: group, handler } });
  }
}

function outOfOrder(state: DeepReadonly<SimState>): CheckFinding[] {
  return ((state.services['map-updater']?.store.outOfOrder ?? []) as string[]).map((text, i) => ({ id: `ooo:${i}`, text }));
}

export const keysAndOrder: Scenario = {
  id: 'lesson-keys',
  version: 2,
  title: 'Lesson: keys and per-key order',
  introduction:
    "A rider app sends each rider's GPS position to rider-location (3 partitions), keyed by riderId. Three map-updater instances (one group) keep the latest position per rider in a shared store; history-writer stores every point. Same key, same partition, same order.",
  seed: 31,
  handlers,
  setup,
  chapters: [
    {
      title: 'Same key, same partition',
      text: 'murmur2(riderId) % 3 sends every update of r1 to one partition, so map-updater reads them in the order they were sent. Order is only guaranteed within a partition.',
      opensWhen: () => true,
    },
    {
      title: 'Without a key',
      text: 'Keyless updates are spread over the partitions by the sticky partitioner, and each partition is read by a different map-updater at its own pace: an older position of a rider can overwrite a newer one.',
      opensWhen: (s) => s.tickers['gps-no-key']?.isRunning === true,
    },
  ],
  experiments: [
    {
      label: 'Send without keys',
      description: "The app stops setting the key: watch one rider's updates spread over partitions, and map-updater see some out of order.",
      commands: (s) =>
        s.tickers['gps-no-key']?.isRunning === true
          ? []
          : [
              { type: 'setTickerRunning', ticker: 'gps', isRunning: false },
              { type: 'setTickerRunning', ticker: 'gps-no-key', isRunning: true },
            ],
    },
  ],
  checks: [{ id: 'out-of-order', title: 'A rider shown going backwards', findings: outOfOrder }],
  layout: {
    columns: [
      [actorId.producer('rider-app'), anyActor('broker')],
      [actorId.topic(TOPIC)],
      [...MAP_UPDATERS.map((id) => actorId.consumer(id)), actorId.consumer('history-writer'), anyActor('consumer')],
    ],
  },
};
