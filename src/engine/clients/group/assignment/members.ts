/** AbstractPartitionAssignor.MemberInfo order: static members first by group.instance.id, then member id. */
import { compareStrings } from '../../../shared/javaOrder';
import type { AssignorMember } from './types';

export function sortedMembers(members: readonly AssignorMember[]): AssignorMember[] {
  return [...members].sort((a, b) => {
    if (a.groupInstanceId !== undefined && b.groupInstanceId !== undefined) return compareStrings(a.groupInstanceId, b.groupInstanceId);
    if (a.groupInstanceId !== undefined) return -1;
    if (b.groupInstanceId !== undefined) return 1;
    return compareStrings(a.memberId, b.memberId);
  });
}
