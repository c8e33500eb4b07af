/**
 * The error codes of the group protocol, with Kafka's names: the coordinator (broker/group) answers
 * with them and the member and the consumer (clients/) act on them, so they sit below both halves.
 */

/** Error codes the group coordinator answers with (Kafka's names). */
export type GroupErrorCode =
  | 'NONE'
  | 'MEMBER_ID_REQUIRED'
  | 'UNKNOWN_MEMBER_ID'
  | 'ILLEGAL_GENERATION'
  | 'REBALANCE_IN_PROGRESS'
  | 'INCONSISTENT_GROUP_PROTOCOL'
  | 'INVALID_SESSION_TIMEOUT'
  | 'FENCED_INSTANCE_ID'
  | 'COORDINATOR_NOT_AVAILABLE';
