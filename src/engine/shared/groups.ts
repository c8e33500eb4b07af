/**
 * The table of groups: a group comes into being (Empty, generation 0) the first time anything names it,
 * a join, a commit or an offsets reset. In shared/ because the coordinator and the simulator's delivery
 * record (delivery.ts) both write to a group's entry.
 */
import { getOwn, setOwn } from '../kernel/ownMap';
import type { GroupState, SimState } from '../state';

export function newGroup(groupId: string): GroupState {
  return {
    groupId,
    state: 'Empty',
    generationId: 0,
    protocolType: 'consumer',
    protocolName: null,
    leaderId: null,
    members: {},
    memberOrder: [],
    staticMembers: {},
    joinTimer: null,
    joinPhaseStartedAt: 0,
    hasNewMemberSinceDelay: false,
    pendingMemberIds: [],
    offsets: {},
    delivery: {},
  };
}

export function getOrCreateGroup(state: SimState, groupId: string): GroupState {
  let group = getOwn(state.groups, groupId);
  if (group === undefined) {
    group = newGroup(groupId);
    setOwn(state.groups, groupId, group);
  }
  return group;
}
