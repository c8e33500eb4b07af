/**
 * "Waitroom with a share group": the waitroom of seeds/waitroom.md with its three instances reading the
 * CHECKOUT results in a share group (KIP-932, Kafka 4.1+) instead of a classic consumer group. The same
 * story, told with Kafka's queues: each result still reaches one instance, but by per-record locks and
 * acknowledgements rather than partition ownership, so a crash hands back only the records in flight,
 * at once, and more instances than partitions all get work.
 */
import { actorId, anyActor, type Command, type ReadState } from '../../engine';
import type { Scenario } from '../types';
import { WAITROOM_CHECKS } from './checks';
import { WAITROOM_HANDLERS } from './handlers';
import { CHECKOUT_TOPICS } from './model';
import { setupWaitroom, waitroom, WAITROOM_GROUP, WAITROOM_INSTANCES } from './waitroom';

/** Instances the learner can add, one press at a time. */
const MAX_INSTANCES = 12;

function instances(state: ReadState): string[] {
  return Object.keys(state.shareConsumers);
}

function isDown(state: ReadState, id: string): boolean {
  return state.shareConsumers[id]?.status !== 'running';
}

/** The next instance: its producer, its share consumer with the handler, its tickers. Built as commands so a link records them. */
function addInstance(state: ReadState): Command[] {
  const n = instances(state).length + 1;
  if (n > MAX_INSTANCES) return [];
  const id = `waitroom-${n}`;
  const app = { service: WAITROOM_GROUP, handler: 'checkoutResult', producer: id };
  return [
    { type: 'createProducer', clientId: id },
    { type: 'createShareConsumer', clientId: id, config: { 'group.id': WAITROOM_GROUP } },
    { type: 'shareSubscribe', consumer: id, topics: CHECKOUT_TOPICS },
    { type: 'startShareConsumerLoop', consumer: id, processingMsPerRecord: 20, app },
    { type: 'addTicker', id: `queue-processor-${n}`, service: WAITROOM_GROUP, instance: id, handler: 'queueProcessor', intervalMs: 1_000, producer: id },
  ];
}

export const waitroomShare: Scenario = {
  id: 'waitroom-share',
  version: 1,
  title: 'Waitroom with a share group',
  introduction:
    'The same ticket waitroom, with Kafka 4.x queues: the three waitroom instances read the CHECKOUT results in a share group. Each result still goes to one instance, but by a lock on the record and an acknowledgement, not by owning the partition.',
  seed: 21,
  options: { brokers: 1 },
  handlers: WAITROOM_HANDLERS,
  setup: (sim) => {
    setupWaitroom(sim, 'share');
  },
  checks: WAITROOM_CHECKS,
  chapters: [
    waitroom.chapters![0]!,
    {
      title: 'A share group: records, not partitions',
      text: "waitroom-1, -2 and -3 joined share group waitroom-service with ShareGroupHeartbeat. Each join raised the group epoch, and the coordinator's SimpleAssignor set a target of 10 of the 30 CHECKOUT partitions each. There is no rebalance barrier: each member takes its target on its own next heartbeat (every 5 s), so for a moment their assignments overlap, which a share group allows, since what is locked is a record, not a partition. A fetch acquires records under a 30 s lock, and the next poll acknowledges them (share.acknowledgement.mode=implicit). There are no committed offsets: the share-partition start offset (SPSO) moves past acknowledged records.",
      // Open once all three have joined (the story's chapters open in order, the newest shown).
      opensWhen: (s) => (s.shareGroups[WAITROOM_GROUP]?.members.length ?? 0) >= WAITROOM_INSTANCES.length,
      actors: [actorId.consumer('waitroom-*'), actorId.topic('CHECKOUT_*'), anyActor('broker')],
    },
    waitroom.chapters![3]!,
    {
      title: 'A crash hands back only what was in flight',
      text: "The instance's connection dropped, so its share session ended: the leader released the records it had acquired at once, AVAILABLE again with their delivery count kept. Acknowledged results are never redelivered. Its partitions stay assigned to it until group.share.session.timeout.ms (45 s) fences it; then the others take them on their next heartbeat, with no rebalance barrier, and read the released records with delivery count 2.",
      opensWhen: (s) => instances(s).some((id) => s.shareConsumers[id]!.status === 'crashed'),
      actors: [actorId.consumer('waitroom-*'), actorId.topic('CHECKOUT_*')],
    },
    {
      title: 'Slower than the lock',
      text: 'A share consumer holds what it acquired only for the acquisition lock (30 s here, group.share.record.lock.duration.ms). A handler that takes longer loses the records to the leader, which offers them again with delivery count 2; its acknowledgement arrives too late and is refused. Processing is at least once: make handlers idempotent, or acknowledge with RELEASE early.',
      opensWhen: (s) => instances(s).some((id) => s.shareConsumers[id]!.loop?.isPaused === true),
      actors: [actorId.consumer('waitroom-*'), actorId.topic('CHECKOUT_*')],
    },
  ],
  experiments: [
    {
      label: 'Crash waitroom-2',
      description:
        'Its in-flight CHECKOUT results come back at once (its connection drops), but its partitions stay assigned to it until group.share.session.timeout.ms (45 s) passes; then the others take them and read those results with delivery count 2. A classic group re-reads everything after the last commit instead.',
      commands: (s) => (isDown(s, 'waitroom-2') ? [] : [{ type: 'crashConsumer', consumer: 'waitroom-2' }]),
    },
    {
      label: 'Add a waitroom instance',
      description: `One more share consumer joins the share group (up to ${MAX_INSTANCES}): the group epoch goes up and the SimpleAssignor moves some partitions to it; nobody stops for a rebalance.`,
      commands: addInstance,
    },
    {
      label: 'Stall waitroom-3',
      description:
        'Its checkout-result handler hangs. Heartbeats go on, so it keeps its partitions, but the results it holds are locked to it only for group.share.record.lock.duration.ms (30 s); then the leader offers them again. Press again to resume: its late acknowledgement is refused (INVALID_RECORD_STATE) and it processes those results again, on delivery 2.',
      commands: (s) => {
        const loop = s.shareConsumers['waitroom-3']?.loop;
        return loop == null || isDown(s, 'waitroom-3') ? [] : [{ type: 'setProcessingPaused', consumer: 'waitroom-3', paused: !loop.isPaused }];
      },
    },
    waitroom.experiments![2]!,
  ],
  panels: waitroom.panels!,
  http: waitroom.http!,
  layout: waitroom.layout,
};
