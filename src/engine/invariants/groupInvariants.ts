/**
 * Consumer group invariants: committed offsets are whole and not negative; in a Stable group the
 * coordinator gave each partition to one member, and the members agree.
 */
import type { Simulation } from '../index';
import { tpKey } from '../shared/topicPartition';
import type { Violations } from './violations';

export function checkGroups(sim: Simulation, at: string, found: Violations): void {
  for (const group of Object.values(sim.state.groups)) {
    for (const [key, committed] of Object.entries(group.offsets)) {
      found.check(Number.isInteger(committed.offset) && committed.offset >= 0, () => `${group.groupId} ${key}: committed ${committed.offset}`);
    }
    if (group.state === 'Stable') checkSingleOwnership(sim, group.groupId, at, found);
  }
}

function checkSingleOwnership(sim: Simulation, groupId: string, at: string, found: Violations): void {
  const group = sim.state.groups[groupId]!;
  const stable = () => `group ${groupId} (Stable, generation ${group.generationId})${at}`;
  const owners = new Map<string, string>();
  for (const memberId of group.memberOrder) {
    for (const tp of group.members[memberId]?.assignment ?? []) {
      const key = tpKey(tp.topic, tp.partition);
      const owner = owners.get(key);
      found.check(owner === undefined, () => `${stable()}: ${key} given to ${owner} and ${memberId}`);
      owners.set(key, memberId);
    }
  }
  const held = new Map<string, string>();
  for (const consumer of Object.values(sim.state.consumers)) {
    if (consumer.config['group.id'] !== groupId || consumer.subscription === null || consumer.generation !== group.generationId) continue;
    for (const tp of consumer.assignment) {
      const key = tpKey(tp.topic, tp.partition);
      const holder = held.get(key);
      found.check(holder === undefined, () => `${stable()}: ${key} held by ${holder} and ${consumer.clientId}`);
      held.set(key, consumer.clientId);
    }
  }
}
