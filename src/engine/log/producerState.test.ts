import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine';
import type { PartitionState } from '../state';
import { checkSequence, NUM_BATCHES_TO_RETAIN, recordBatch } from './producerState';

function emptyPartition(): PartitionState {
  return { producerStates: {} } as unknown as PartitionState;
}

describe('idempotent producer state (ProducerAppendInfo checks)', () => {
  it('accepts any sequence from an unknown producer, then only the next one', () => {
    const p = emptyPartition();
    expect(checkSequence(p, 7, 0, 5, 9)).toEqual({ result: 'append' });
    recordBatch(p, 7, 0, { firstSeq: 0, lastSeq: 4, baseOffset: 0, count: 5 });
    expect(checkSequence(p, 7, 0, 5, 9)).toEqual({ result: 'append' });
    expect(checkSequence(p, 7, 0, 6, 9)).toMatchObject({ result: 'error', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
  });

  it('answers a duplicate with the original offsets', () => {
    const p = emptyPartition();
    recordBatch(p, 7, 0, { firstSeq: 0, lastSeq: 4, baseOffset: 10, count: 5 });
    recordBatch(p, 7, 0, { firstSeq: 5, lastSeq: 6, baseOffset: 20, count: 2 });
    expect(checkSequence(p, 7, 0, 0, 4)).toEqual({ result: 'duplicate', baseOffset: 10 });
    expect(checkSequence(p, 7, 0, 5, 6)).toEqual({ result: 'duplicate', baseOffset: 20 });
  });

  it('keeps only the last 5 batches', () => {
    const p = emptyPartition();
    for (let i = 0; i < 7; i++) recordBatch(p, 7, 0, { firstSeq: i, lastSeq: i, baseOffset: i, count: 1 });
    expect(p.producerStates['7']!.batches).toHaveLength(NUM_BATCHES_TO_RETAIN);
    expect(checkSequence(p, 7, 0, 0, 0)).toMatchObject({ result: 'error', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(checkSequence(p, 7, 0, 6, 6)).toEqual({ result: 'duplicate', baseOffset: 6 });
  });

  it('fences a lower epoch and wants sequence 0 from a higher one', () => {
    const p = emptyPartition();
    recordBatch(p, 7, 3, { firstSeq: 0, lastSeq: 4, baseOffset: 0, count: 5 });
    expect(checkSequence(p, 7, 2, 5, 5)).toMatchObject({ result: 'error', error: 'INVALID_PRODUCER_EPOCH' });
    expect(checkSequence(p, 7, 4, 5, 5)).toMatchObject({ result: 'error', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(checkSequence(p, 7, 4, 0, 0)).toEqual({ result: 'append' });
  });
});

describe('a lost acknowledgement and the retry', () => {
  function run(idempotent: boolean) {
    const sim = createSimulation({ seed: 2, brokers: 1, traceLimit: 10_000 });
    sim.createTopic({ name: 't', partitions: 1, replicationFactor: 1 });
    sim.createProducer({ clientId: 'p', config: { 'linger.ms': 0, 'enable.idempotence': idempotent, 'request.timeout.ms': 1_000 } });
    sim.dropNextProduceResponse('p');
    sim.send({ producer: 'p', topic: 't', key: 'k', value: 'charge card', partition: 0 });
    sim.runUntilTime(5_000);
    return sim;
  }

  it('with idempotence the broker recognises the retry: one record in the log', () => {
    const sim = run(true);
    expect(sim.trace.some((e) => e.kind === 'produceResponseLost')).toBe(true);
    expect(sim.trace.find((e) => e.kind === 'duplicateBatchIgnored')).toMatchObject({ baseOffset: 0, count: 1 });
    expect(sim.state.topics.t!.partitions[0]!.log.records.map((r) => r.value)).toEqual(['charge card']);
    expect(sim.state.producers.p!.ackedCount).toBe(1);
  });

  it('without idempotence the retry is appended again: the card is charged twice', () => {
    const sim = run(false);
    expect(sim.trace.some((e) => e.kind === 'duplicateBatchIgnored')).toBe(false);
    expect(sim.state.topics.t!.partitions[0]!.log.records.map((r) => r.value)).toEqual(['charge card', 'charge card']);
  });
});
