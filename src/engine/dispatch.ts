/**
 * Routes commands and events to the module that owns them. Adding an event or command type without
 * handling it here is a compile error (exhaustive switches).
 */
import { addTicker, onAppTick, setTickerRunning } from './apps/services';
import { addTrafficSource, onTrafficTick, setTrafficSourceRunning } from './apps/trafficSource';
import { createTopic } from './cluster/topicCreation';
import type { Command } from './commands';
import { commit } from './clients/consumer/commits';
import { onOffsetCommitResponse } from './apps/pollLoop';
import { onOffsetCommitArrived } from './broker/offsetCommit';
import { assign, createConsumer, onFetchResponse, poll, seek } from './clients/consumer/consumer';
import { onFetchArrived, onFetchExpired } from './broker/fetch';
import { requireRunning } from './clientLookup';
import { onRecordProcessed, setProcessingPaused, startConsumerLoop } from './apps/pollLoop';
import { seekToBeginning, seekToEnd } from './clients/consumer/positions';
import { rollSegment, runLogCleanerNow, runRetentionCheckNow } from './cluster/simulatorControls';
import { onHeartbeatArrived, onJoinGroupArrived, onJoinTimer, onLeaveGroupArrived, onSessionTimeoutCheck, onSyncGroupArrived } from './broker/group/coordinator';
import { onGroupRetry, onTopicMetadataChanged, onHeartbeatResponse, onHeartbeatTimer, onJoinGroupResponse, onSyncGroupResponse, subscribe } from './clients/group/member';
import { closeConsumer, crashConsumer, restartConsumer } from './clients/consumer/lifecycle';
import { resetGroupOffsets } from './broker/group/resetOffsets';
import { alterTopicConfigs, createPartitions } from './cluster/topicAdmin';
import { onCleanerWakeup } from './log/cleaner';
import { onIsrExpirationCheck, onReplicaFetchArrived, onReplicaFetchResponse } from './cluster/replication';
import { onAddToTxnArrived, onEndTxnArrived, onInitProducerIdArrived, onTxnMarkerArrived, onTxnMarkerWritten, onTxnTimeoutCheck } from './broker/txn/coordinator';
import { crashBroker, electPreferredLeaders, onBrokerFenceCheck, onLeaderImbalanceCheck, restartBroker, shutdownBroker } from './cluster/brokers';
import { deleteRecords, onRetentionCheck } from './log/retention';
import { KafkaSimError } from './errors';
import type { SimEvent } from './events';
import {
  createProducer,
  dropNextProduceResponse,
  onEndTxnResponseEvent,
  onInitProducerIdResponseEvent,
  onLingerExpired,
  sendOffsets,
  transactionCommand,
  send,
  type SendReceipt,
} from './clients/producer/producer';
import { onProduceArrived } from './broker/produce';
import { onProduceRequestTimeout, onProduceResponse, onProducerWakeup } from './clients/producer/sender';
import type { SimContext } from './kernel/context';
import { alterShareGroupConfigs, onShareGroupHeartbeatArrived, onShareSessionTimeoutCheck } from './broker/share/shareCoordinator';
import { onShareFetchArrived, onShareLockTimeout, onShareSessionClosed } from './broker/share/shareFetch';
import {
  closeShareConsumer,
  crashShareConsumer,
  createShareConsumer,
  isShareConsumer,
  onShareFetchResponse,
  onShareGroupHeartbeatResponse,
  onShareHeartbeatTimer,
  requireShareConsumer,
  restartShareConsumer,
  shareAcknowledge,
  sharePoll,
  shareSubscribe,
} from './clients/share/shareConsumer';
import { onShareRecordProcessed, setShareProcessingPaused, startShareConsumerLoop } from './apps/shareLoop';

/** What a command gives back: the send receipt for `send`, nothing for the others. */
export type CommandResult = SendReceipt | undefined;

export function applyCommand(ctx: SimContext, command: Command): CommandResult {
  switch (command.type) {
    case 'createTopic':
      createTopic(
        ctx,
        {
          name: command.name,
          partitions: command.partitions,
          replicationFactor: command.replicationFactor ?? ctx.state.brokerConfig['default.replication.factor'],
          ...(command.configs === undefined ? {} : { configs: command.configs }),
        },
        false,
      );
      onTopicMetadataChanged(ctx, command.name);
      return undefined;
    case 'createProducer':
      createProducer(ctx, command);
      return undefined;
    case 'send':
      return send(ctx, command);
    case 'createConsumer':
      createConsumer(ctx, command);
      return undefined;
    case 'assign':
      assign(ctx, command);
      return undefined;
    case 'poll':
      poll(ctx, requireRunning(ctx.state, command.consumer));
      return undefined;
    case 'commit':
      commit(ctx, command);
      return undefined;
    case 'startConsumerLoop':
      startConsumerLoop(ctx, command);
      return undefined;
    case 'subscribe':
      subscribe(ctx, command);
      return undefined;
    // Share consumers share the consumers' names and their lifecycle commands.
    case 'crashConsumer':
      if (isShareConsumer(ctx, command.consumer)) crashShareConsumer(ctx, command.consumer);
      else crashConsumer(ctx, command);
      return undefined;
    case 'closeConsumer':
      if (isShareConsumer(ctx, command.consumer)) closeShareConsumer(ctx, command.consumer);
      else closeConsumer(ctx, command);
      return undefined;
    case 'restartConsumer':
      if (isShareConsumer(ctx, command.consumer)) restartShareConsumer(ctx, command.consumer);
      else restartConsumer(ctx, command);
      return undefined;
    case 'createShareConsumer':
      createShareConsumer(ctx, command);
      return undefined;
    case 'shareSubscribe':
      shareSubscribe(ctx, command);
      return undefined;
    case 'sharePoll':
      sharePoll(ctx, requireShareConsumer(ctx, command.consumer));
      return undefined;
    case 'shareAcknowledge':
      shareAcknowledge(ctx, command);
      return undefined;
    case 'startShareConsumerLoop':
      startShareConsumerLoop(ctx, command);
      return undefined;
    case 'alterShareGroupConfigs':
      alterShareGroupConfigs(ctx, command);
      return undefined;
    case 'addTicker':
      addTicker(ctx, command);
      return undefined;
    case 'setTickerRunning':
      setTickerRunning(ctx, command);
      return undefined;
    case 'setProcessingPaused':
      if (isShareConsumer(ctx, command.consumer)) setShareProcessingPaused(ctx, command.consumer, command.paused);
      else setProcessingPaused(ctx, command);
      return undefined;
    case 'seek':
      seek(ctx, command);
      return undefined;
    case 'seekToBeginning':
      seekToBeginning(ctx, command);
      return undefined;
    case 'seekToEnd':
      seekToEnd(ctx, command);
      return undefined;
    case 'rollSegment':
      rollSegment(ctx, command);
      return undefined;
    case 'runLogCleanerNow':
      runLogCleanerNow(ctx);
      return undefined;
    case 'runRetentionCheckNow':
      runRetentionCheckNow(ctx);
      return undefined;
    case 'resetGroupOffsets':
      resetGroupOffsets(ctx, command);
      return undefined;
    case 'deleteRecords':
      deleteRecords(ctx, command);
      return undefined;
    case 'alterTopicConfigs':
      alterTopicConfigs(ctx, command);
      return undefined;
    case 'createPartitions':
      createPartitions(ctx, command);
      // The group leader's client sees the new partitions in its next metadata refresh.
      onTopicMetadataChanged(ctx, command.topic);
      return undefined;
    case 'crashBroker':
      crashBroker(ctx, command);
      return undefined;
    case 'restartBroker':
      restartBroker(ctx, command);
      return undefined;
    case 'shutdownBroker':
      shutdownBroker(ctx, command);
      return undefined;
    case 'initTransactions':
    case 'beginTransaction':
    case 'commitTransaction':
    case 'abortTransaction':
      transactionCommand(ctx, command);
      return undefined;
    case 'sendOffsetsToTransaction':
      sendOffsets(ctx, command);
      return undefined;
    case 'dropNextProduceResponse':
      dropNextProduceResponse(ctx, command);
      return undefined;
    case 'electLeaders':
      electPreferredLeaders(ctx, command);
      return undefined;
    case 'addTrafficSource':
      addTrafficSource(ctx, command);
      return undefined;
    case 'setTrafficSourceRunning':
      setTrafficSourceRunning(ctx, command);
      return undefined;
  }
}

export function applyEvent(ctx: SimContext, event: SimEvent): void {
  switch (event.type) {
    case 'shareGroupHeartbeatArrived':
      onShareGroupHeartbeatArrived(ctx, event);
      return;
    case 'shareSessionTimeoutCheck':
      onShareSessionTimeoutCheck(ctx, event);
      return;
    case 'shareFetchArrived':
      onShareFetchArrived(ctx, event);
      return;
    case 'shareLockTimeout':
      onShareLockTimeout(ctx, event);
      return;
    case 'shareSessionClosed':
      onShareSessionClosed(ctx, event);
      return;
    case 'shareHeartbeatTimer':
      onShareHeartbeatTimer(ctx, event);
      return;
    case 'shareGroupHeartbeatResponse':
      onShareGroupHeartbeatResponse(ctx, event);
      return;
    case 'shareFetchResponse':
      onShareFetchResponse(ctx, event);
      return;
    case 'shareRecordProcessed':
      onShareRecordProcessed(ctx, event);
      return;
    case 'lingerExpired':
      onLingerExpired(ctx, event);
      return;
    case 'produceArrived':
      onProduceArrived(ctx, event);
      return;
    case 'produceResponse':
      onProduceResponse(ctx, event);
      return;
    case 'fetchArrived':
      onFetchArrived(ctx, event);
      return;
    case 'fetchExpired':
      onFetchExpired(ctx, event);
      return;
    case 'fetchResponse':
      onFetchResponse(ctx, event);
      return;
    case 'recordProcessed':
      onRecordProcessed(ctx, event);
      return;
    case 'offsetCommitArrived':
      onOffsetCommitArrived(ctx, event);
      return;
    case 'offsetCommitResponse':
      onOffsetCommitResponse(ctx, event);
      return;
    case 'joinGroupArrived':
      onJoinGroupArrived(ctx, event);
      return;
    case 'joinGroupResponse':
      onJoinGroupResponse(ctx, event);
      return;
    case 'syncGroupArrived':
      onSyncGroupArrived(ctx, event);
      return;
    case 'syncGroupResponse':
      onSyncGroupResponse(ctx, event);
      return;
    case 'heartbeatTimer':
      onHeartbeatTimer(ctx, event);
      return;
    case 'heartbeatArrived':
      onHeartbeatArrived(ctx, event);
      return;
    case 'heartbeatResponse':
      onHeartbeatResponse(ctx, event);
      return;
    case 'leaveGroupArrived':
      onLeaveGroupArrived(ctx, event);
      return;
    case 'sessionTimeoutCheck':
      onSessionTimeoutCheck(ctx, event);
      return;
    case 'joinTimer':
      onJoinTimer(ctx, event);
      return;
    case 'appTick':
      onAppTick(ctx, event);
      return;
    case 'trafficTick':
      onTrafficTick(ctx, event);
      return;
    case 'retentionCheck':
      onRetentionCheck(ctx);
      return;
    case 'cleanerWakeup':
      onCleanerWakeup(ctx);
      return;
    case 'replicaFetchArrived':
      onReplicaFetchArrived(ctx, event);
      return;
    case 'replicaFetchResponse':
      onReplicaFetchResponse(ctx, event);
      return;
    case 'isrExpirationCheck':
      onIsrExpirationCheck(ctx);
      return;
    case 'brokerFenceCheck':
      onBrokerFenceCheck(ctx, event);
      return;
    case 'produceRequestTimeout':
      onProduceRequestTimeout(ctx, event);
      return;
    case 'producerWakeup':
      onProducerWakeup(ctx, event);
      return;
    case 'leaderImbalanceCheck':
      onLeaderImbalanceCheck(ctx);
      return;
    case 'initProducerIdArrived':
      onInitProducerIdArrived(ctx, event);
      return;
    case 'initProducerIdResponse':
      onInitProducerIdResponseEvent(ctx, event);
      return;
    case 'addToTxnArrived':
      onAddToTxnArrived(ctx, event);
      return;
    case 'endTxnArrived':
      onEndTxnArrived(ctx, event);
      return;
    case 'endTxnResponse':
      onEndTxnResponseEvent(ctx, event);
      return;
    case 'txnMarkerArrived':
      onTxnMarkerArrived(ctx, event);
      return;
    case 'txnMarkerWritten':
      onTxnMarkerWritten(ctx, event);
      return;
    case 'txnTimeoutCheck':
      onTxnTimeoutCheck(ctx);
      return;
    case 'groupRetry':
      onGroupRetry(ctx, event);
      return;
    case 'scheduledCommand':
      try {
        applyCommand(ctx, event.command);
      } catch (error) {
        // A scheduled command that Kafka would reject is reported in the trace; the run goes on.
        if (!(error instanceof KafkaSimError)) throw error;
        ctx.emit({ kind: 'commandFailed', level: 'control', actors: [], command: event.command.type, code: error.code, message: error.message });
      }
      return;
  }
}
