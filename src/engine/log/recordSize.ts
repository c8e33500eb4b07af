/**
 * How many bytes a record takes in the log, for batch.size, the sticky partitioner,
 * segment.bytes and retention.bytes.
 *
 * Models: Kafka's record format v2 (docs/implementation.html 5.3): each batch has a 61-byte header
 * (DefaultRecordBatch.RECORD_BATCH_OVERHEAD); each record costs its key, value and header bytes plus
 * varint-encoded lengths and deltas.
 * Simplified: the varint fields are counted as a fixed 7 bytes a record (length, attributes, timestamp
 * delta, offset delta, key length, value length, header count are 1 byte each for small records), and
 * each header as its key and value bytes plus 2.
 */
import { utf8Bytes } from '../shared/murmur2';
import type { RecordHeader } from '../state';

export const RECORD_BATCH_OVERHEAD_BYTES = 61;
export const RECORD_OVERHEAD_BYTES = 7;
const HEADER_OVERHEAD_BYTES = 2;

function byteLength(text: string | null): number {
  if (text === null) return 0;
  // Fast path for ASCII, which is most keys and values.
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  return ascii ? text.length : utf8Bytes(text).length;
}

export function recordSizeBytes(key: string | null, value: string | null, headers: readonly RecordHeader[]): number {
  let size = RECORD_OVERHEAD_BYTES + byteLength(key) + byteLength(value);
  for (const h of headers) size += HEADER_OVERHEAD_BYTES + byteLength(h.key) + byteLength(h.value);
  return size;
}
