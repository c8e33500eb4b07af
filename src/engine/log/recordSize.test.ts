import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partitionForKey } from '../shared/murmur2';
import { RECORD_OVERHEAD_BYTES, recordSizeBytes } from './recordSize';

const utf8Length = (text: string | null) => (text === null ? 0 : new TextEncoder().encode(text).length);

describe('record size', () => {
  // send() hashes the key and then sizes the record, reusing the byte count the hash made; whatever was
  // hashed before, the size must be the key's and value's UTF-8 bytes plus the overhead.
  it('counts UTF-8 bytes of key and value, whatever key was hashed last', () => {
    const text = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('café', '日本', '😀', 'customer-00042'));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.option(text, { nil: undefined }), fc.option(text), fc.option(text)), { maxLength: 20 }), (ops) => {
        for (const [hashed, key, value] of ops) {
          if (hashed !== undefined) partitionForKey(hashed, 7);
          expect(recordSizeBytes(key, value, [])).toBe(RECORD_OVERHEAD_BYTES + utf8Length(key) + utf8Length(value));
        }
      }),
    );
  });
});
