/** A record as kcat prints it (`kcat -C -f …`), and the kcat command that would print it. */
import type { RecordCoordinates } from './provenance';

export interface KcatRecord extends RecordCoordinates {
  key: string | null;
  value: string | null;
  headers?: readonly { key: string; value: string | null }[];
  timestamp?: number;
}

/** The -f format kcatLine prints by default (with %T when the record has a timestamp). */
export const KCAT_FORMAT = '%t [%p] @%o key=%k value=%s headers=%h';
export const KCAT_FORMAT_WITH_TIMESTAMP = '%t [%p] @%o ts=%T key=%k value=%s headers=%h';

/**
 * The line `kcat -C -Z -f '<format>'` prints for the record. As kcat: -Z prints a null key or value as
 * NULL; %h is name=value pairs joined by ',' with a null header value as NULL, and nothing when there
 * are no headers; %K and %S are lengths, -1 for null; %T is the timestamp in ms, -1 when unknown.
 * Unlike kcat, an empty (non-null) key or value prints empty, not NULL: the difference matters in Kafka
 * (an empty key is hashed, a null one is not). Lengths are UTF-16 code units, not bytes.
 */
export function kcatLine(record: KcatRecord, format: string = record.timestamp === undefined ? KCAT_FORMAT : KCAT_FORMAT_WITH_TIMESTAMP): string {
  return format.replace(/%(.)/g, (whole, code: string) => {
    switch (code) {
      case 't':
        return record.topic;
      case 'p':
        return String(record.partition);
      case 'o':
        return String(record.offset);
      case 'k':
        return record.key ?? 'NULL';
      case 's':
        return record.value ?? 'NULL';
      case 'K':
        return String(record.key?.length ?? -1);
      case 'S':
        return String(record.value?.length ?? -1);
      case 'T':
        return String(record.timestamp ?? -1);
      case 'h':
        return (record.headers ?? []).map((h) => `${h.key}=${h.value ?? 'NULL'}`).join(',');
      case '%':
        return '%';
      default:
        return whole;
    }
  });
}

/** The kcat command that reads exactly this record and prints it as kcatLine does. */
export function kcatCommand(record: RecordCoordinates, format: string = KCAT_FORMAT): string {
  return `kcat -C -b localhost:9092 -t ${record.topic} -p ${record.partition} -o ${record.offset} -c 1 -Z -f '${format}\\n'`;
}
