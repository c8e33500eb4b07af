import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Series } from '../metrics/chartSeries';

/** One uPlot line chart over simulated seconds, with a text summary of the latest values. */
export default function LineChart({ title, x, series, unit }: { title: string; x: number[]; series: Series[]; unit: string }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const labels = series.map((s) => s.label).join('\n');

  // Recreated only when the set of lines changes; data updates go through setData.
  useEffect(() => {
    const el = host.current;
    if (el === null) return;
    const plot = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height: 150,
        legend: { show: true, live: false },
        cursor: { show: true, points: { show: false } },
        scales: { x: { time: false } },
        axes: [
          { stroke: 'currentColor', grid: { stroke: 'rgb(127 127 127 / 0.15)' }, size: 28, values: (_u, ticks) => ticks.map((t) => `${t}s`) },
          { stroke: 'currentColor', grid: { stroke: 'rgb(127 127 127 / 0.15)' }, size: 36 },
        ],
        series: [{ label: 'time' }, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 1.5, spanGaps: false }))],
      },
      [[], ...series.map(() => [])],
      el,
    );
    chart.current = plot;
    const observer = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height: 150 }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.destroy();
      chart.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the lines' labels
  }, [labels]);

  useEffect(() => {
    chart.current?.setData([x, ...series.map((s) => s.values)] as uPlot.AlignedData);
  });

  const summary = series.map((s) => `${s.label} ${Math.round((s.values.at(-1) ?? 0) * 10) / 10}`).join(', ');
  return (
    <figure className="chart">
      <figcaption className="chart__title">{title}</figcaption>
      <div ref={host} className="chart__plot" role="img" aria-label={`${title} over simulated time`} />
      <p className="chart__summary">
        Latest {unit}: {summary === '' ? 'none yet' : summary}
      </p>
    </figure>
  );
}
