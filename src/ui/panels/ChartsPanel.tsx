import { lazy, Suspense, useMemo, useState } from 'react';
import { chartSeries, MAX_POINTS, type Series } from '../metrics/chartSeries';
import { seriesTail } from '../recorder/series';
import { followsTheRun } from './followsTheRun';
import type { Frame } from '../store/simulationStore';
import './ChartsPanel.css';

/** The chart library loads only when the learner opens the charts, keeping the first load small. */
const LineChart = lazy(() => import('./LineChart'));

/** At most this many lines per chart: the busiest ones, so the chart stays readable. */
const MAX_LINES = 6;

function busiest(series: Series[]): Series[] {
  const latest = (s: Series) => s.values.reduce<number>((max, v) => Math.max(max, v ?? 0), 0);
  return [...series].sort((a, b) => latest(b) - latest(a)).slice(0, MAX_LINES);
}

/** Per-partition lag and throughput over simulated time, drawn only while the panel is open. */
export const ChartsPanel = followsTheRun(function ChartsPanel({ frame }: { frame: Frame }) {
  const { samples } = frame;
  const [isOpen, setOpen] = useState(false);
  const data = useMemo(() => (isOpen ? chartSeries(seriesTail(samples, MAX_POINTS)) : null), [isOpen, samples]);
  return (
    <details className="charts" open={isOpen} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="panel__title charts__summary">Charts</summary>
      {data !== null && data.x.length < 2 && <p className="chart__summary">No data yet: step or play to see lag and throughput.</p>}
      {data !== null && data.x.length >= 2 && (
        <Suspense fallback={<p className="chart__summary">Loading charts…</p>}>
          <LineChart title="Lag (records)" unit="lag" x={data.x} series={busiest(data.lag)} />
          <LineChart title="Throughput (records/s)" unit="throughput" x={data.x} series={busiest(data.throughput)} />
        </Suspense>
      )}
    </details>
  );
});
