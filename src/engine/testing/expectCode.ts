/** Test helpers shared by the engine's test files (not part of the engine's public surface). */
import { expect } from 'vitest';
import { KafkaSimError, type KafkaErrorCode } from '../index';

/** Runs `fn` and returns the KafkaSimError it threw; any other outcome fails the test. */
export function simError(fn: () => unknown): KafkaSimError {
  try {
    fn();
  } catch (error) {
    if (error instanceof KafkaSimError) return error;
    throw error;
  }
  throw new Error('expected a KafkaSimError, but nothing was thrown');
}

/** Expects `fn` to throw a KafkaSimError with Kafka's error `code`, and returns it. */
export function expectCode(fn: () => unknown, code: KafkaErrorCode): KafkaSimError {
  const error = simError(fn);
  expect(error.code).toBe(code);
  return error;
}
