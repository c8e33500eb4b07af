/**
 * Lesson: more consumers than partitions. A group can use at most one member per partition: with
 * five instances on three partitions, two sit idle as hot standbys. Crash an active one and a
 * standby takes its partition once session.timeout.ms has passed.
 */
import { actorId, anyActor, type Simulation } from '../../engine';
import type { Scenario } from '../types';

const TOPIC = 'click-events';
export const IDLE_MEMBERS = ['aggregator-1', 'aggregator-2', 'aggregator-3', 'aggregator-4', 'aggregator-5'];

function setup(sim: Simulation): void {
  sim.createTopic({ name: TOPIC, partitions: 3, replicationFactor: 1 });
  sim.createProducer({ clientId: 'collector' });
  sim.addTrafficSource({ id: 'clicks', producer: 'collector', topic: TOPIC, intervalMs: 300, keys: ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7'], valuePrefix: 'click' });
  for (const id of IDLE_MEMBERS) {
    sim.createConsumer({ clientId: id, config: { 'group.id': 'session-aggregator', 'auto.offset.reset': 'earliest', 'enable.auto.commit': false, 'session.timeout.ms': 10_000 } });
    sim.subscribe(id, [TOPIC]);
    sim.startConsumerLoop({ consumer: id, processingMsPerRecord: 50, commitMode: 'after-processing' });
  }
}

export const idleMembers: Scenario = {
  id: 'lesson-idle-members',
  version: 2,
  title: 'Lesson: more consumers than partitions',
  introduction: 'Five instances of session-aggregator share click-events, which has three partitions. A partition is read by one member of a group at a time, so two instances get nothing.',
  seed: 41,
  setup,
  chapters: [
    {
      title: 'One member per partition',
      text: 'The range assignor gives aggregator-1, -2 and -3 one partition each; aggregator-4 and -5 have none. Adding instances beyond the partition count adds no throughput: add partitions instead.',
      opensWhen: (s) => s.groups['session-aggregator']?.state === 'Stable',
    },
  ],
  experiments: [
    {
      label: 'Crash aggregator-1',
      description: 'After session.timeout.ms (10 s) the group rebalances and an idle instance takes the partition: standbys are not wasted.',
      commands: (s) => (s.consumers['aggregator-1']?.memberState === 'CRASHED' ? [] : [{ type: 'crashConsumer', consumer: 'aggregator-1' }]),
    },
  ],
  layout: { columns: [[actorId.producer('collector'), anyActor('broker')], [actorId.topic(TOPIC)], [anyActor('consumer')]] },
};
