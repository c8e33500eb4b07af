import { describe, expect, it } from 'vitest';
import { chartSeries, MAX_POINTS, THROUGHPUT_WINDOW_MS } from './chartSeries';
import type { MetricsSample } from './sampleMetrics';

function sample(step: number, time: number, leo: number, lag: number | null = null): MetricsSample {
  return {
    step,
    time,
    partitions: [{ topic: 'orders', partition: 0, logEndOffset: leo, highWatermark: leo }],
    lags: [{ groupId: 'g', topic: 'orders', partition: 0, lag }],
  };
}

describe('chart series', () => {
  it('a steady producer of 2 records/s shows 2 records/s once a window has passed', () => {
    const samples = Array.from({ length: 21 }, (_, i) => sample(i, i * 1000, i * 2));
    const { x, throughput } = chartSeries(samples);
    expect(x.at(-1)).toBe(20);
    expect(throughput).toHaveLength(1);
    expect(throughput[0]!.label).toBe('orders-0');
    expect(throughput[0]!.values.at(-1)).toBeCloseTo(2);
    expect(throughput[0]!.values[0]).toBe(0);
  });

  it('only the trailing window counts: a burst fades out of the rate', () => {
    const samples = [sample(0, 0, 0), sample(1, 1000, 50), ...Array.from({ length: 10 }, (_, i) => sample(i + 2, 2000 + i * 1000, 50))];
    const values = chartSeries(samples).throughput[0]!.values;
    expect(values[1]).toBeCloseTo(50);
    const last = samples.at(-1)!;
    expect(last.time).toBeGreaterThan(1000 + THROUGHPUT_WINDOW_MS);
    expect(values.at(-1)).toBe(0);
  });

  it('never shows a negative rate when a log end offset moves back (truncation)', () => {
    const values = chartSeries([sample(0, 0, 10), sample(1, 1000, 4)]).throughput[0]!.values;
    expect(values[1]).toBe(0);
  });

  it('lag is null before the group commits, then the CLI number', () => {
    const lag = chartSeries([sample(0, 0, 3, null), sample(1, 1000, 5, 2)]).lag;
    expect(lag[0]!.label).toBe('orders-0 · group g');
    expect(lag[0]!.values).toEqual([null, 2]);
  });

  it('keeps only the newest samples', () => {
    const samples = Array.from({ length: MAX_POINTS + 50 }, (_, i) => sample(i, i * 100, i));
    const { x } = chartSeries(samples);
    expect(x).toHaveLength(MAX_POINTS);
    expect(x[0]).toBe(5);
  });
});
