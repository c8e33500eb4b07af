/**
 * State invariants: the state is plain data (null, booleans, strings, finite numbers but not -0, dense
 * arrays, plain objects of enumerable data properties): exactly what a JSON round trip keeps, so a
 * share link or a JSON step-back restores the same run. No NaN, no undefined, no holes.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Simulation } from '../index';
import type { Violations } from './violations';

/** The full walk: also rejects non-enumerable and accessor properties and symbol keys. */
export function checkPlainData(value: unknown, path: string, found: Violations): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) found.report(`${path} is ${String(value)}`);
    else if (Object.is(value, -0)) found.report(`${path} is -0`);
    return;
  }
  if (typeof value !== 'object') {
    found.report(`${path} is ${typeof value}`);
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (i in value) checkPlainData(value[i], `${path}[${i}]`, found);
      else found.report(`${path}[${i}] is a hole`);
    }
    return;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) {
    found.report(`${path} is not a plain object`);
    return;
  }
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'symbol') {
      found.report(`${path} has a symbol key`);
      continue;
    }
    const d = Object.getOwnPropertyDescriptor(value, key)!;
    if (!d.enumerable || d.get !== undefined || d.set !== undefined) found.report(`${path}.${key} is not a plain data property`);
    else checkPlainData(d.value, `${path}.${key}`, found);
  }
}

/**
 * A faster walk for after every event: the same checks except for non-enumerable and accessor
 * properties, and records (pending or in a log, recognised by `headers` and `sizeBytes`) are walked
 * once: the engine never changes a record after creating it (the full walk after each command would
 * still see it if it did).
 */
export function checkJsonSafe(value: unknown, path: () => string, checkedRecords: WeakSet<object>, found: Violations): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Object.is(value, -0)) found.report(`${path()} is ${Object.is(value, -0) ? '-0' : String(value)}`);
    return;
  }
  if (typeof value !== 'object') {
    found.report(`${path()} is ${typeof value}`);
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (i in value) checkJsonSafe(value[i], () => `${path()}[${i}]`, checkedRecords, found);
      else found.report(`${path()}[${i}] is a hole`);
    }
    return;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) {
    found.report(`${path()} is not a plain object`);
    return;
  }
  if (checkedRecords.has(value)) return;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) checkJsonSafe(record[key], () => `${path()}.${key}`, checkedRecords, found);
  if (Object.hasOwn(record, 'headers') && Object.hasOwn(record, 'sizeBytes')) checkedRecords.add(value);
}

/** The first path at which `a` and `b` differ, to say where a round trip changed the snapshot. */
function firstDifference(a: unknown, b: unknown, path: string): string | null {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Object.is(a, b) ? null : path;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path} (prototype)`;
  const keys = new Set([...Reflect.ownKeys(a), ...Reflect.ownKeys(b)]);
  for (const key of keys) {
    const inner = firstDifference((a as Record<PropertyKey, unknown>)[key], (b as Record<PropertyKey, unknown>)[key], `${path}.${String(key)}`);
    if (inner !== null) return inner;
    if (Object.hasOwn(a, key) !== Object.hasOwn(b, key)) return `${path}.${String(key)} (own in one only)`;
  }
  return null;
}

/** The snapshot survives snapshot -> JSON -> parse unchanged (plain data alone misses e.g. a '__proto__' key). */
export function checkSnapshotRoundTrip(sim: Simulation, found: Violations): void {
  const snapshot = sim.snapshot();
  const roundTripped: unknown = JSON.parse(JSON.stringify(snapshot));
  if (isDeepStrictEqual(roundTripped, snapshot)) return;
  found.report(`the snapshot changed in a JSON round trip, first at ${firstDifference(snapshot, roundTripped, 'state') ?? '(no difference found)'}`);
}
