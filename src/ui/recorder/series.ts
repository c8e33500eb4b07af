/**
 * A per-step series (trace entries, chart samples) that the run recorder grows step by step and hands
 * out as immutable snapshots. Copying a 100,000-step array on every step would cost more than the step,
 * so the items sit in chunks of CHUNK: a snapshot shares every full chunk with the snapshots before it
 * and copies only the unfinished last one. A chunk is never changed once a snapshot holds it: cutting
 * the series (step back) or overwriting an item makes new chunks from that point.
 */

/** Items per chunk: a snapshot copies at most this many items plus one reference per chunk. */
export const CHUNK = 512;

/** An immutable snapshot of a series: item `i` is `chunks[i / CHUNK][i % CHUNK]`. */
export interface Series<T> {
  readonly length: number;
  readonly chunks: readonly (readonly T[])[];
}

export function seriesAt<T>(series: Series<T>, index: number): T | undefined {
  if (index < 0 || index >= series.length) return undefined;
  return series.chunks[Math.floor(index / CHUNK)]![index % CHUNK];
}

/** Every item from `from` (default 0) on, in order. */
export function* seriesItems<T>(series: Series<T>, from = 0): Generator<T> {
  for (let i = Math.max(0, from); i < series.length; i++) yield series.chunks[Math.floor(i / CHUNK)]![i % CHUNK]!;
}

/** A snapshot of a plain array (tests, and callers that build a history by hand). */
export function seriesFrom<T>(items: readonly T[]): Series<T> {
  const builder = new SeriesBuilder<T>();
  for (const item of items) builder.push(item);
  return builder.snapshot();
}

/** The last `count` items as an array. */
export function seriesTail<T>(series: Series<T>, count: number): T[] {
  return Array.from(seriesItems(series, series.length - count));
}

/** The recorder's side: a growable array, and snapshots that share the chunks no one can change any more. */
export class SeriesBuilder<T> {
  private readonly items: T[] = [];
  /** Frozen full chunks already handed out, from the start (chunk k covers items k*CHUNK..). */
  private readonly sealed: (readonly T[])[] = [];

  get length(): number {
    return this.items.length;
  }

  at(index: number): T | undefined {
    return this.items[index];
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** Sets item `index` (an existing one or the next). */
  set(index: number, item: T): void {
    this.unseal(index);
    this.items[index] = item;
  }

  /** Replaces the items from `from` up to `to` with `empty` (history too old to keep). */
  fill(from: number, to: number, empty: T): void {
    const end = Math.min(to, this.items.length);
    if (from >= end) return;
    for (let i = from; i < end; i++) this.items[i] = empty;
    const last = Math.min(Math.floor((end - 1) / CHUNK), this.sealed.length - 1);
    for (let k = Math.floor(from / CHUNK); k <= last; k++) this.sealed[k] = Object.freeze(this.items.slice(k * CHUNK, (k + 1) * CHUNK));
  }

  /** Keeps only the first `length` items. */
  truncate(length: number): void {
    if (length >= this.items.length) return;
    this.unseal(length);
    this.items.length = length;
  }

  snapshot(): Series<T> {
    const full = Math.floor(this.items.length / CHUNK);
    for (let k = this.sealed.length; k < full; k++) this.sealed.push(Object.freeze(this.items.slice(k * CHUNK, (k + 1) * CHUNK)));
    const chunks = this.sealed.slice(0, full);
    if (this.items.length > full * CHUNK) chunks.push(Object.freeze(this.items.slice(full * CHUNK)));
    return Object.freeze({ length: this.items.length, chunks: Object.freeze(chunks) });
  }

  /** Forgets the sealed chunks from the one holding `index`: they no longer match the items. */
  private unseal(index: number): void {
    const k = Math.floor(index / CHUNK);
    if (this.sealed.length > k) this.sealed.length = k;
  }
}
