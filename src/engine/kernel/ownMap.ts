/**
 * Safe access to the state's string-keyed maps (topics, clients, offsets). Names come from users, and
 * `__proto__` is a legal Kafka topic name: a plain `map[name] = v` would change the object's prototype
 * instead of adding an entry. These helpers only ever touch own properties.
 */

export function getOwn<V>(map: Record<string, V>, key: string): V | undefined {
  const value = map[key];
  // One lookup when the answer is plain data, as every own value here is (the state holds no functions).
  // Only a key the map lacks can reach Object.prototype, and what it finds there is a function
  // ('toString', 'constructor'...) or, through '__proto__', Object.prototype itself: those are checked.
  if (value === undefined || (typeof value !== 'function' && (value as unknown) !== Object.prototype)) return value;
  return Object.hasOwn(map, key) ? value : undefined;
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
