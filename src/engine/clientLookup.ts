/**
 * The simulated clients by name, and whether a consumer's process is up. Plain reads of the state that
 * both halves use: the simulator's brokers read a request's client directly instead of carrying every
 * field of the request in the event.
 */
import { fail } from './errors';
import { getOwn } from './kernel/ownMap';
import { type ConsumerState, type SimState, type ProducerState } from './state';

export function requireConsumer(state: SimState, clientId: string): ConsumerState {
  const consumer = getOwn(state.consumers, clientId);
  if (consumer === undefined) fail('SIM_UNKNOWN_CLIENT', `There is no consumer named '${clientId}'.`);
  return consumer;
}

export function requireRunning(state: SimState, clientId: string): ConsumerState {
  const consumer = requireConsumer(state, clientId);
  if (!isRunning(consumer)) fail('SIM_ILLEGAL_STATE', `${clientId} is ${consumer.memberState === 'CRASHED' ? 'crashed' : 'closed'}; restart it first.`);
  return consumer;
}

export function isRunning(consumer: ConsumerState): boolean {
  return consumer.memberState !== 'CRASHED' && consumer.memberState !== 'CLOSED';
}

export function requireProducer(state: SimState, clientId: string): ProducerState {
  const producer = getOwn(state.producers, clientId);
  if (producer === undefined) fail('SIM_UNKNOWN_CLIENT', `There is no producer named '${clientId}'.`);
  return producer;
}
