/**
 * Turns the per-step samples into chart series: x is simulated seconds; per partition the append
 * rate (records/s over a trailing window), per group and partition the lag the CLI would print.
 */
import { tpKey } from '../../engine';
import type { MetricsSample } from './sampleMetrics';

/** Throughput is the rise in log end offset over this much simulated time. */
export const THROUGHPUT_WINDOW_MS = 5_000;
/** The charts keep this many of the newest samples, so a long run stays light. */
export const MAX_POINTS = 600;

const PALETTE = ['#0f766e', '#2563eb', '#b45309', '#7c3aed', '#be185d', '#15803d', '#0e7490', '#a16207'];

export interface Series {
  label: string;
  color: string;
  values: (number | null)[];
}

export interface ChartData {
  /** Simulated time in seconds, one per sample. */
  x: number[];
  throughput: Series[];
  lag: Series[];
}

function colorFor(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}

/** The newest MAX_POINTS samples, oldest first (steps a long replay skipped have none). */
function newest(all: readonly (MetricsSample | null)[]): MetricsSample[] {
  const picked: MetricsSample[] = [];
  for (let i = all.length - 1; i >= 0 && picked.length < MAX_POINTS; i--) {
    const s = all[i];
    if (s !== null && s !== undefined) picked.push(s);
  }
  return picked.reverse();
}

export function chartSeries(all: readonly (MetricsSample | null)[]): ChartData {
  const samples = newest(all);
  const x = samples.map((s) => s.time / 1000);
  // One lookup table per sample, so each series is a pass over the samples.
  const leo = samples.map((s) => new Map(s.partitions.map((p) => [tpKey(p.topic, p.partition), p.logEndOffset])));
  const lags = samples.map((s) => new Map(s.lags.map((l) => [`${tpKey(l.topic, l.partition)} · group ${l.groupId}`, l.lag])));
  const partitionKeys = [...new Set(leo.flatMap((m) => [...m.keys()]))];
  const throughput = partitionKeys.map((key, i): Series => {
    let from = 0; // the window's first sample, moving forward only
    const values = samples.map((s, j) => {
      while (from < j && samples[from]!.time < s.time - THROUGHPUT_WINDOW_MS) from++;
      const end = leo[j]!.get(key);
      if (end === undefined) return null;
      const seconds = (s.time - samples[from]!.time) / 1000;
      if (seconds <= 0) return 0;
      // A truncated or restored log can move backwards: never a negative rate.
      return Math.max(0, (end - (leo[from]!.get(key) ?? 0)) / seconds);
    });
    return { label: key, color: colorFor(i), values };
  });
  const lagKeys = [...new Set(lags.flatMap((m) => [...m.keys()]))];
  const lag = lagKeys.map((key, i): Series => ({ label: key, color: colorFor(i), values: lags.map((m) => m.get(key) ?? null) }));
  return { x, throughput, lag };
}
