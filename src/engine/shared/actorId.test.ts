import { describe, expect, it } from 'vitest';
import { ACTOR_KINDS, actorId, anyActor, parseActorId, type ActorKind } from './actorId';

// The golden runs hash these strings in every trace entry: the format is fixed.
const BUILT: [ActorKind, string, string][] = [
  ['broker', actorId.broker(1), 'broker:1'],
  ['topic', actorId.topic('orders'), 'topic:orders'],
  ['partition', actorId.partition('orders', 2), 'partition:orders-2'],
  ['producer', actorId.producer('order-service'), 'producer:order-service'],
  ['consumer', actorId.consumer('analytics'), 'consumer:analytics'],
  ['group', actorId.group('billing'), 'group:billing'],
  ['transaction', actorId.transaction('charger-eos-p1'), 'transaction:charger-eos-p1'],
  ['service', actorId.service('card-api'), 'service:card-api'],
];

describe('actorId', () => {
  it.each(BUILT)('builds a %s id as <kind>:<name>', (_kind, built, expected) => {
    expect(built).toBe(expected);
  });

  it('has a builder for every kind', () => {
    expect(Object.keys(actorId).sort()).toEqual([...ACTOR_KINDS].sort());
  });

  it('keeps a broker id without a leader as it is printed (-1)', () => {
    expect(actorId.broker(-1)).toBe('broker:-1');
  });

  it('writes the wildcard of a kind as <kind>:*', () => {
    expect(anyActor('consumer')).toBe('consumer:*');
    expect(ACTOR_KINDS.map(anyActor)).toEqual(ACTOR_KINDS.map((kind) => `${kind}:*`));
  });
});

describe('parseActorId', () => {
  it.each(BUILT)('reads a %s id back', (kind, built) => {
    expect(parseActorId(built)).toEqual({ kind, name: built.slice(kind.length + 1) });
  });

  it('round-trips names holding ":" and "-": the id splits at its first ":"', () => {
    expect(parseActorId(actorId.consumer('a:b:c'))).toEqual({ kind: 'consumer', name: 'a:b:c' });
    expect(parseActorId(actorId.producer('svc-1:p-2'))).toEqual({ kind: 'producer', name: 'svc-1:p-2' });
    expect(parseActorId(actorId.group(':'))).toEqual({ kind: 'group', name: ':' });
    expect(parseActorId(actorId.partition('page-views', 10))).toEqual({ kind: 'partition', name: 'page-views-10' });
  });

  it('reads an empty name and a wildcard as names', () => {
    expect(parseActorId('topic:')).toEqual({ kind: 'topic', name: '' });
    expect(parseActorId(anyActor('broker'))).toEqual({ kind: 'broker', name: '*' });
  });

  it('answers null for what is not an actor id', () => {
    expect(parseActorId('consumer')).toBeNull();
    expect(parseActorId('')).toBeNull();
    expect(parseActorId('call:a->b')).toBeNull();
    expect(parseActorId('Consumer:a')).toBeNull();
    expect(parseActorId(':a')).toBeNull();
  });
});
