/**
 * Actor ids: how a trace entry names who took part ('broker:1', 'consumer:analytics', 'partition:orders-2'),
 * and how the canvas names its cards and the scenarios their layouts and chapters. An id is '<kind>:<name>';
 * a kind holds no ':' but a name may (a client id is free text), so an id splits at its first ':'.
 */
import { tpKey } from './topicPartition';

export const ACTOR_KINDS = ['broker', 'topic', 'partition', 'producer', 'consumer', 'group', 'transaction', 'service'] as const;

export type ActorKind = (typeof ACTOR_KINDS)[number];

export interface ParsedActorId {
  kind: ActorKind;
  name: string;
}

/**
 * Ids named on every record's trace entries are built once and reused (as tpKey's keys are): the same
 * strings, without a concatenation per record. Bounded; a forgotten id is simply built again.
 */
function remembered(prefix: string): (name: string) => string {
  const ids = new Map<string, string>();
  return (name) => {
    let id = ids.get(name);
    if (id === undefined) {
      if (ids.size >= 10_000) ids.clear();
      id = prefix + name;
      ids.set(name, id);
    }
    return id;
  };
}

const partitionActorId = remembered('partition:');

/** The id of each kind of actor, from what names it in the state. */
export const actorId = {
  broker: (brokerId: number): string => `broker:${brokerId}`,
  topic: remembered('topic:'),
  partition: (topic: string, partition: number): string => partitionActorId(tpKey(topic, partition)),
  producer: remembered('producer:'),
  consumer: remembered('consumer:'),
  group: (groupId: string): string => `group:${groupId}`,
  transaction: (transactionalId: string): string => `transaction:${transactionalId}`,
  /** A scenario's service (AppData.service); its instances are consumers. */
  service: (service: string): string => `service:${service}`,
} as const;

/** Every actor of a kind, as layouts and chapters write it: 'consumer:*'. */
export function anyActor(kind: ActorKind): string {
  return `${kind}:*`;
}

function isActorKind(kind: string): kind is ActorKind {
  return (ACTOR_KINDS as readonly string[]).includes(kind);
}

/** An id's kind and name, or null when it is no actor id (no ':', or a kind not in ACTOR_KINDS). */
export function parseActorId(id: string): ParsedActorId | null {
  const colon = id.indexOf(':');
  if (colon < 0) return null;
  const kind = id.slice(0, colon);
  return isActorKind(kind) ? { kind, name: id.slice(colon + 1) } : null;
}
