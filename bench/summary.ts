/**
 * npm run bench (last part): one table of every figure the bench measured against its target (issue 10),
 * read from bench/results.json, where each part merged its numbers. A figure a part did not measure (it
 * was skipped, or not run) says so instead of showing an old number. A missed target prints MISS; the
 * process does not fail for it (timings move with the machine's load).
 */
import { readResults, RESULTS_PATH } from './results';

type Row = [figure: string, measured: string, target: string, met: string];

/** A number at `path` inside the results, or undefined when anything on the way is missing. */
function num(root: unknown, ...path: (string | number)[]): number | undefined {
  let at: unknown = root;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return typeof at === 'number' && Number.isFinite(at) ? at : undefined;
}

function str(root: unknown, key: string): string | undefined {
  const value = typeof root === 'object' && root !== null ? (root as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const fixed = (n: number, digits: number) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const kB = (bytes: number) => `${fixed(bytes / 1000, 1)} kB`;
const NO_TARGET = '-';

function verdict(met: boolean): string {
  return met ? 'yes' : 'MISS';
}

function notMeasured(figure: string, why: string, target = NO_TARGET): Row {
  return [figure, `not measured (${why})`, target, NO_TARGET];
}

function engineRows(results: Record<string, unknown>): Row[] {
  const m = results['measurements'];
  const records = num(results, 'config', 'records');
  const engine = num(m, 'engine', 'recordsPerSecond');
  const baseline = num(m, 'baseline', 'recordsPerSecond');
  const ratio = num(m, 'engineOverBaselinePercent');
  const snapshot = num(m, 'snapshot', 'medianMs');
  const restore = num(m, 'restore', 'medianMs');
  const bytes = num(m, 'heap', 'engineBytesPerRecord');
  const n = records === undefined ? '' : ` (${int(records)} records)`;
  const why = 'bench/run.ts did not write its numbers';
  return [
    engine === undefined ? notMeasured('engine throughput', why) : [`engine throughput${n}`, `${int(engine)} rec/s`, NO_TARGET, NO_TARGET],
    baseline === undefined ? notMeasured('bare-array baseline', why) : [`bare-array baseline${n}`, `${int(baseline)} rec/s`, NO_TARGET, NO_TARGET],
    ratio === undefined ? notMeasured('engine / baseline', why, '>= 30 %') : ['engine / baseline', `${fixed(ratio, 1)} %`, '>= 30 %', verdict(ratio >= 30)],
    bytes === undefined ? notMeasured('engine heap per record', why) : ['engine heap per record (final state)', `${int(bytes)} bytes`, NO_TARGET, NO_TARGET],
    snapshot === undefined ? notMeasured('snapshot()', why) : [`snapshot() of the state after a run${n}`, `${fixed(snapshot, 1)} ms`, NO_TARGET, NO_TARGET],
    restore === undefined ? notMeasured('restoreSimulation()', why) : [`restoreSimulation() of that snapshot`, `${fixed(restore, 1)} ms`, NO_TARGET, NO_TARGET],
  ];
}

function scaleRows(scale: unknown): Row[] {
  const runs = typeof scale === 'object' && scale !== null && Array.isArray((scale as { runs?: unknown }).runs) ? (scale as { runs: unknown[] }).runs : [];
  const rows: Row[] = [];
  for (const retention of [true, false]) {
    const run = runs.find((r) => typeof r === 'object' && r !== null && (r as { retention?: unknown }).retention === retention);
    const label = retention ? 'retention.bytes 4 KiB' : 'no retention';
    if (run === undefined) {
      const why = scale === undefined ? 'bench/scale.ts did not run' : 'no such run';
      rows.push(notMeasured(`scale, ${label}: time`, why, 'no stall'), notMeasured(`scale, ${label}: peak heap`, why, '< 1,024 MB'));
      continue;
    }
    const records = num(run, 'records') ?? NaN;
    const seconds = num(run, 'seconds') ?? NaN;
    const lag = num(run, 'lag');
    const assigned = num(run, 'assignedPartitions');
    const slowest = num(run, 'longestBurstMs') ?? NaN;
    const peak = num(run, 'peakHeapMB') ?? NaN;
    // No stall: the run finished and the group of 10 ended with every partition assigned and read to the end.
    const caughtUp = lag === 0 && assigned === 1_000;
    rows.push(
      [
        `scale, ${label}: 50 brokers, 1,000 partitions, ${int(records)} records`,
        `${fixed(seconds, 1)} s (slowest burst ${int(slowest)} ms, lag ${lag ?? '?'}, ${assigned ?? '?'} partitions assigned)`,
        'no stall',
        verdict(caughtUp),
      ],
      // Without retention the heap holds every record: it must not grow past what it was (issue 21: 295 MB).
      retention ? [`scale, ${label}: peak heap`, `${int(peak)} MB`, '< 1,024 MB', verdict(peak < 1_024)] : [`scale, ${label}: peak heap`, `${int(peak)} MB`, '<= 295 MB', verdict(peak <= 295)],
    );
  }
  return rows;
}

function timedRow(part: unknown, script: string, figure: (step: string) => string, targetMs: number): Row {
  const median = num(part, 'medianMs');
  const step = num(part, 'step');
  const label = figure(step === undefined ? '?' : int(step));
  if (median === undefined) return notMeasured(label, `bench/${script} did not run`, `< ${targetMs} ms`);
  return [label, `${fixed(median, 0)} ms (median)`, `< ${targetMs} ms`, verdict(median < targetMs)];
}

function farLinkRow(far: unknown): Row {
  const openMs = num(far, 'openMs');
  const step = num(far, 'step');
  const label = `open a link at step ${step === undefined ? '?' : int(step)} in Chromium (navigation to the run on screen)`;
  if (openMs === undefined) return notMeasured('open a link at step 100,000 in Chromium', 'bench/uiStep.ts did not run', '< 1,500 ms');
  const longest = num(far, 'longestFrameMs') ?? NaN;
  const progress = (far as { sawProgress?: unknown }).sawProgress === true;
  return [label, `${int(openMs)} ms (progress ${progress ? 'shown' : 'NOT shown'}, longest frame ${int(longest)} ms)`, '< 1,500 ms, with progress', verdict(openMs < 1_500 && progress)];
}

function uiRows(ui: unknown): Row[] {
  const skipped = str(ui, 'skipped');
  const commitP95 = num(ui, 'commit', 'p95Ms');
  if (ui === undefined || skipped !== undefined || commitP95 === undefined) {
    const why = skipped ?? 'bench/uiStep.ts did not run';
    return [
      notMeasured('UI step with 10,000 records, click -> DOM updated', why, 'p95 <= 16 ms'),
      notMeasured('UI step, click -> next frame painted', why),
      notMeasured('frames while playing at top speed', why),
    ];
  }
  const records = num(ui, 'recordsAtStart') ?? NaN;
  const step = num(ui, 'openedAtStep') ?? NaN;
  const steps = num(ui, 'steps') ?? NaN;
  const commitP50 = num(ui, 'commit', 'p50Ms') ?? NaN;
  const paintP50 = num(ui, 'paint', 'p50Ms') ?? NaN;
  const paintP95 = num(ui, 'paint', 'p95Ms') ?? NaN;
  const fps = num(ui, 'playing', 'fps');
  const speed = num(ui, 'playing', 'speed');
  return [
    [
      `UI step with ${int(records)} records (step ${int(step)}, ${int(steps)} clicks), click -> DOM updated`,
      `p50 ${fixed(commitP50, 1)} ms, p95 ${fixed(commitP95, 1)} ms`,
      'p95 <= 16 ms',
      verdict(commitP95 <= 16),
    ],
    ['UI step, same clicks, click -> next frame painted', `p50 ${fixed(paintP50, 1)} ms, p95 ${fixed(paintP95, 1)} ms`, NO_TARGET, NO_TARGET],
    fps === undefined ? notMeasured('frames while playing at top speed', 'not recorded') : [`frames while playing at top speed (${speed ?? '?'}x)`, `${fixed(fps, 0)} frames/s`, NO_TARGET, NO_TARGET],
  ];
}

function bundleRows(bundle: unknown): Row[] {
  const initial = num(bundle, 'initialJs', 'gzipBytes');
  const lazy = num(bundle, 'lazyJs', 'gzipBytes');
  const all = num(bundle, 'allJsGzipBytes');
  if (initial === undefined || lazy === undefined || all === undefined) {
    return [notMeasured('initial JS, gzip -9', 'bench/bundle.ts did not run', '<= 250 kB')];
  }
  return [
    ['initial JS (index.html script + preloads), gzip -9', kB(initial), '<= 250 kB', verdict(initial <= 250_000)],
    ['lazy JS chunks (chart), gzip -9', kB(lazy), NO_TARGET, NO_TARGET],
    ['all JS, gzip -9', kB(all), NO_TARGET, NO_TARGET],
  ];
}

function main(): void {
  const results = readResults();
  if (results === null) {
    console.log(`Bench summary: no ${RESULTS_PATH} to read (run npm run bench).`);
    process.exitCode = 1;
    return;
  }
  const rows: Row[] = [
    ...engineRows(results),
    ...scaleRows(results['scale']),
    timedRow(results['stepBack'], 'stepBack.ts', (step) => `step back at step ${step} (food ordering)`, 50),
    timedRow(results['openLink'], 'openLink.ts', (step) => `open a share link at step ${step} (food ordering)`, 150),
    farLinkRow(results['farLink']),
    ...uiRows(results['uiStep']),
    ...bundleRows(results['bundle']),
  ];
  const headers: Row = ['figure', 'measured', 'target', 'met?'];
  const widths = [0, 1, 2, 3].map((c) => Math.max(headers[c]!.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  const machine = results['machine'];
  const date = str(results, 'date');
  const misses = rows.filter((row) => row[3] === 'MISS').length;
  console.log('');
  console.log(
    `Bench summary${date === undefined ? '' : ` (run started ${date}`}${machine === undefined ? '' : `, node ${str(machine, 'node') ?? '?'}, ${str(machine, 'cpuModel') ?? '?'}, ${num(machine, 'cores') ?? '?'} cores`}${date === undefined ? '' : ')'}:`,
  );
  console.log(line(headers));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
  console.log(`${misses === 0 ? 'Every measured target met.' : `${misses} target(s) missed (MISS).`} Timings move with the machine's load; compare runs on one machine. Numbers: ${RESULTS_PATH}`);
}

main();
