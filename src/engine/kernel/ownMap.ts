/**
 * Safe access to the state's string-keyed maps (topics, clients, offsets). Names come from users, and
 * `__proto__` is a legal Kafka topic name: a plain `map[name] = v` would change the object's prototype
 * instead of adding an entry. These helpers only ever touch own properties.
 */

export function getOwn<V>(map: Record<string, V>, key: string): V | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

export function setOwn<V>(map: Record<string, V>, key: string, value: V): void {
  // Only '__proto__' is special on a plain object; every other key can be assigned directly (faster).
  if (key === '__proto__') Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  else map[key] = value;
}

export function deleteOwn<V>(map: Record<string, V>, key: string): void {
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- these maps are keyed by name on purpose
  if (Object.hasOwn(map, key)) delete map[key];
}
