/**
 * The host functions the engine uses, declared alone for tsconfig.engine.json, which has neither the DOM nor
 * Node's types: anything else a host offers fails to compile in src/engine. Both are in every browser, worker
 * and Node >= 17, and both are deterministic. Signatures as in TypeScript's lib.dom.d.ts (a subset).
 */

/** Deep copy of plain data (kernel/simulation.ts snapshots, apps/services.ts event data). */
declare function structuredClone<T>(value: T): T;

/** UTF-8 encoding of record keys for Kafka's murmur2 (shared/murmur2.ts). */
interface TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}
declare const TextEncoder: {
  prototype: TextEncoder;
  new (): TextEncoder;
};
