/** Checks shared by the producer's and the consumer's configs. */
import { fail } from './errors';

/**
 * A config name the client does not know. A real Kafka client only logs "The configuration 'x' was
 * supplied but isn't a known config" and goes on; the simulator refuses it, so a typo in a lesson or
 * a link cannot silently change nothing.
 */
export function rejectUnknownConfigs(client: 'producer' | 'consumer', given: object | undefined, known: object): void {
  for (const name of Object.keys(given ?? {})) {
    if (!Object.hasOwn(known, name)) fail('INVALID_CONFIG', `Unknown ${client} config name: ${name} (a real client would only log that it isn't a known config and ignore it).`);
  }
}
