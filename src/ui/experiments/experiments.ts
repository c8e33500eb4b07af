/**
 * The experiments a learner can run on each actor, as engine commands. The node menus and the
 * Inspector both list these, so a crash from the canvas and a crash from the Inspector are the same
 * recorded action.
 */
import type { Command, ReadState } from '../../engine';

export interface Experiment {
  /** The button or menu item text. */
  label: string;
  /** What happens, in Kafka's terms (shown as a tooltip). */
  hint: string;
  commands: Command[];
  isDangerous?: boolean;
}

/** The next free id for one more instance like `clientId`: notification-2 → notification-3. */
export function nextInstanceId(state: ReadState, clientId: string): string {
  const match = /^(.*?)-?(\d+)$/.exec(clientId);
  const base = match === null ? clientId : match[1]!;
  for (let n = match === null ? 2 : Number(match[2]) + 1; ; n++) {
    const id = `${base}-${n}`;
    if (state.consumers[id] === undefined) return id;
  }
}

/** Another instance of the same service: same config (as a dynamic member), subscription and poll loop. */
function addInstanceCommands(state: ReadState, clientId: string): Command[] {
  const consumer = state.consumers[clientId];
  if (consumer === undefined || consumer.subscription === null) return [];
  const id = nextInstanceId(state, clientId);
  const commands: Command[] = [
    { type: 'createConsumer', clientId: id, config: { ...consumer.config, 'partition.assignment.strategy': [...consumer.config['partition.assignment.strategy']], 'group.instance.id': null } },
    { type: 'subscribe', consumer: id, topics: [...consumer.subscription] },
  ];
  const loop = consumer.loop;
  if (loop !== null) {
    commands.push({
      type: 'startConsumerLoop',
      consumer: id,
      processingMsPerRecord: loop.processingMsPerRecord,
      commitMode: loop.commitMode,
      ...(loop.forwardTo === null ? {} : { forwardTo: { ...loop.forwardTo } }),
    });
  }
  return commands;
}

export function consumerExperiments(state: ReadState, clientId: string): Experiment[] {
  const consumer = state.consumers[clientId];
  if (consumer === undefined) return shareConsumerExperiments(state, clientId);
  const isDown = consumer.memberState === 'CRASHED' || consumer.memberState === 'CLOSED';
  const sessionMs = consumer.config['session.timeout.ms'];
  const pollMs = consumer.config['max.poll.interval.ms'];
  const list: Experiment[] = [];
  if (isDown) {
    list.push({ label: 'Start again', hint: 'Restart the process with the same config, subscription and loop', commands: [{ type: 'restartConsumer', consumer: clientId }] });
  } else {
    list.push({
      label: 'Crash',
      hint: `Kill the process: no LeaveGroup, so the group waits session.timeout.ms (${sessionMs} ms) before reassigning its partitions`,
      commands: [{ type: 'crashConsumer', consumer: clientId }],
      isDangerous: true,
    });
    list.push({ label: 'Close', hint: 'close(): commit (if auto-commit is on), then LeaveGroup: the group rebalances at once', commands: [{ type: 'closeConsumer', consumer: clientId }] });
    if (consumer.loop !== null) {
      list.push(
        consumer.loop.isPaused
          ? {
              label: 'Resume processing',
              hint: 'The handler runs again; the next poll() rejoins the group if it was thrown out',
              commands: [{ type: 'setProcessingPaused', consumer: clientId, paused: false }],
            }
          : {
              label: 'Stall processing',
              hint: `The record handler hangs (not KafkaConsumer.pause()), so poll() is not called: after max.poll.interval.ms (${pollMs} ms) the member leaves the group`,
              commands: [{ type: 'setProcessingPaused', consumer: clientId, paused: true }],
            },
      );
    }
  }
  const more = addInstanceCommands(state, clientId);
  if (more.length > 0) list.push({ label: 'Add an instance', hint: `Start ${nextInstanceId(state, clientId)} in the same group: the group rebalances`, commands: more });
  return list;
}

/** A share consumer (KIP-932): crash, close or start again; what follows is told in share group terms. */
function shareConsumerExperiments(state: ReadState, clientId: string): Experiment[] {
  const consumer = state.shareConsumers[clientId];
  if (consumer === undefined) return [];
  if (consumer.status !== 'running') {
    return [{ label: 'Start again', hint: 'Restart the process: a new member joins the share group with the same subscription', commands: [{ type: 'restartConsumer', consumer: clientId }] }];
  }
  const sessionMs = state.brokerConfig['group.share.session.timeout.ms'];
  return [
    {
      label: 'Crash',
      hint: `Kill the process: its connection drops, so the leaders release the records it holds at once; the group removes it after group.share.session.timeout.ms (${sessionMs} ms)`,
      commands: [{ type: 'crashConsumer', consumer: clientId }],
      isDangerous: true,
    },
    {
      label: 'Close',
      hint: 'close(): acknowledge what it processed, then leave the share group (epoch -1): the others take its partitions on their next heartbeat',
      commands: [{ type: 'closeConsumer', consumer: clientId }],
    },
  ];
}

/**
 * A service that is not a Kafka client (a scenario's `http` services): the engine models it as a
 * consumer without a group, so the commands are a consumer's, but what follows is told in HTTP terms.
 */
export function serviceExperiments(state: ReadState, clientId: string): Experiment[] {
  const consumer = state.consumers[clientId];
  if (consumer === undefined) return [];
  if (consumer.memberState === 'CRASHED' || consumer.memberState === 'CLOSED') {
    return [
      {
        label: 'Start again',
        hint: 'Start the process again: it answers calls from the next request on (requests that failed meanwhile stay failed)',
        commands: [{ type: 'restartConsumer', consumer: clientId }],
      },
    ];
  }
  return [
    { label: 'Crash', hint: 'Kill the process: every call to it times out, and the request that made the call fails', commands: [{ type: 'crashConsumer', consumer: clientId }], isDangerous: true },
  ];
}

export function brokerExperiments(state: ReadState, brokerId: number): Experiment[] {
  const broker = state.brokers.find((b) => b.id === brokerId);
  if (broker === undefined) return [];
  if (!broker.isAlive)
    return [{ label: 'Start again', hint: 'Restart it: the broker comes back, truncates to the leader and catches up as a follower', commands: [{ type: 'restartBroker', brokerId }] }];
  return [
    {
      label: 'Crash',
      hint: `Kill it: the controller fences it after broker.session.timeout.ms (${state.brokerConfig['broker.session.timeout.ms']} ms) and elects new leaders`,
      commands: [{ type: 'crashBroker', brokerId }],
      isDangerous: true,
    },
    { label: 'Shut down', hint: 'Controlled shutdown: its leaderships move to other in-sync replicas first', commands: [{ type: 'shutdownBroker', brokerId }] },
  ];
}

export function topicExperiments(state: ReadState, topic: string): Experiment[] {
  const t = state.topics[topic];
  if (t === undefined || t.isInternal) return [];
  const n = t.partitions.length;
  return [
    {
      label: 'Add a partition',
      hint: `kafka-topics --alter --partitions ${n + 1}: keys that hash differently now land elsewhere, and their order across the change is lost`,
      commands: [{ type: 'createPartitions', topic, totalCount: n + 1 }],
    },
  ];
}

export function producerExperiments(state: ReadState, producer: string): Experiment[] {
  const p = state.producers[producer];
  if (p === undefined) return [];
  return [
    {
      label: 'Lose the next response',
      hint: 'The connection drops before the next produce answer arrives: the records are in the log, but the producer does not know and retries; with idempotence the broker recognises the duplicate',
      commands: [{ type: 'dropNextProduceResponse', producer }],
    },
  ];
}
