/**
 * Typed errors for bad input. Codes are Kafka's own error names where Kafka has one (so a learner can
 * look them up), and say `SIM_` where the simulator rejects something Kafka has no code for.
 */

export type KafkaErrorCode =
  | 'INVALID_TOPIC_EXCEPTION'
  | 'TOPIC_ALREADY_EXISTS'
  | 'INVALID_PARTITIONS'
  | 'INVALID_REPLICATION_FACTOR'
  | 'UNKNOWN_TOPIC_OR_PARTITION'
  | 'INVALID_CONFIG'
  | 'INVALID_RECORD'
  | 'MESSAGE_TOO_LARGE'
  | 'OFFSET_OUT_OF_RANGE'
  | 'INVALID_GROUP_ID'
  | 'NON_EMPTY_GROUP'
  | 'GROUP_ID_NOT_FOUND'
  | 'SIM_ILLEGAL_STATE'
  | 'SIM_UNKNOWN_CLIENT'
  | 'SIM_DUPLICATE_CLIENT'
  | 'SIM_INVALID_ARGUMENT';

/** Thrown by commands given input Kafka would reject; `code` names the Kafka error. */
export class KafkaSimError extends Error {
  readonly code: KafkaErrorCode;

  constructor(code: KafkaErrorCode, message: string) {
    super(message);
    this.name = 'KafkaSimError';
    this.code = code;
  }
}

export function fail(code: KafkaErrorCode, message: string): never {
  throw new KafkaSimError(code, message);
}
