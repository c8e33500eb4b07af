/**
 * The consumer's process: a crash (nothing is sent; the coordinator finds out when the session times
 * out), close() (auto-commit, revocation, LeaveGroup unless static) and a restart of the same program.
 * The application running on it hears of each through ctx.notify.
 */
import type { CloseConsumerCommand, CrashConsumerCommand, RestartConsumerCommand } from '../../commands';
import { fail } from '../../errors';
import type { SimContext } from '../../kernel/context';
import type { ConsumerState } from '../../state';
import { actorId } from '../../shared/actorId';
import { abandonFetch, poll } from './consumer';
import { requireConsumer, isRunning } from '../../clientLookup';
import { commitPositions } from './commits';
import { emitRevoked, isCooperative, moveTo, tps } from '../group/member';

function clearProcess(consumer: ConsumerState): void {
  consumer.incarnation += 1;
  consumer.heartbeatEventSeq = -1;
  abandonFetch(consumer);
  consumer.pending = [];
  consumer.isAwaitingCommit = false;
  consumer.deferredAssignment = null;
  consumer.needsRejoin = false;
  if (consumer.subscription !== null) consumer.assignment = [];
  else for (const tp of consumer.assignment) tp.position = -1;
}

/** The process dies: nothing is sent, the coordinator finds out only when the session times out. */
export function crashConsumer(ctx: SimContext, command: CrashConsumerCommand): void {
  const consumer = requireConsumer(ctx.state, command.consumer);
  if (!isRunning(consumer)) fail('SIM_ILLEGAL_STATE', `${consumer.clientId} is not running.`);
  clearProcess(consumer);
  ctx.notify({ type: 'processStopped', consumer: consumer.clientId, service: consumer.loop?.app?.service });
  moveTo(consumer, { type: 'CRASH' });
  ctx.emit({ kind: 'consumerCrashed', level: 'control', actors: [actorId.consumer(consumer.clientId)], clientId: consumer.clientId, groupId: consumer.config['group.id'] });
}

/** KafkaConsumer.close(): auto-commit, onPartitionsRevoked, LeaveGroup unless static. */
export function closeConsumer(ctx: SimContext, command: CloseConsumerCommand): void {
  const consumer = requireConsumer(ctx.state, command.consumer);
  if (!isRunning(consumer)) fail('SIM_ILLEGAL_STATE', `${consumer.clientId} is not running.`);
  const groupId = consumer.config['group.id'];
  if (groupId !== null && consumer.config['enable.auto.commit']) commitPositions(ctx, consumer, consumer.assignment, { isAutoCommit: true, resumeLoop: false });
  if (consumer.subscription !== null && consumer.memberId !== '') {
    if (consumer.assignment.length > 0 && consumer.memberState === 'STABLE') emitRevoked(ctx, consumer, tps(consumer.assignment), isCooperative(consumer) ? 'cooperative' : 'eager');
    if (consumer.config['group.instance.id'] === null) {
      ctx.schedule(ctx.state.network.latencyMs, { type: 'leaveGroupArrived', groupId: groupId!, consumer: consumer.clientId, memberId: consumer.memberId, reason: 'close' });
    }
  }
  clearProcess(consumer);
  ctx.notify({ type: 'processStopped', consumer: consumer.clientId, service: consumer.loop?.app?.service });
  moveTo(consumer, { type: 'CLOSE' });
  ctx.emit({ kind: 'consumerClosed', level: 'control', actors: [actorId.consumer(consumer.clientId)], clientId: consumer.clientId, groupId: consumer.config['group.id'] });
}

/** The same program starts again: same config, subscription (or assignment) and poll loop. */
export function restartConsumer(ctx: SimContext, command: RestartConsumerCommand): void {
  const consumer = requireConsumer(ctx.state, command.consumer);
  if (isRunning(consumer)) fail('SIM_ILLEGAL_STATE', `${consumer.clientId} is running; crash or close it first.`);
  moveTo(consumer, { type: 'RESTART' });
  consumer.memberId = '';
  consumer.generation = -1;
  consumer.protocol = null;
  consumer.isLeader = false;
  consumer.lastPollAt = ctx.state.time;
  consumer.nextAutoCommitAt = ctx.state.time + consumer.config['auto.commit.interval.ms'];
  if (consumer.loop !== null) {
    // A new process: whatever hung in the old one is gone.
    consumer.loop.isPaused = false;
    consumer.loop.isHung = false;
  }
  ctx.emit({ kind: 'consumerRestarted', level: 'control', actors: [actorId.consumer(consumer.clientId)], clientId: consumer.clientId, groupId: consumer.config['group.id'] });
  ctx.notify({ type: 'processRestarted', consumer: consumer.clientId });
  if (consumer.loop !== null) poll(ctx, consumer);
}
