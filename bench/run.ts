/**
 * `npm run bench`: engine pipeline throughput against a bare-array baseline in the same process, plus
 * snapshot / restore / hash timings and heap use. Prints one table and writes bench/results.json.
 * See bench/README.md for what each number means.
 *
 * Env: BENCH_RECORDS (default 200000) records per run.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { restoreSimulation, type Simulation } from '../src/engine/index';
import { runBaseline, verifyBaseline, type BaselineRun } from './baseline';
import { runEnginePipeline, verifyEngineRun, type EngineRun } from './engine';
import { buildWorkload, type Workload } from './workload';

const MEASURED_RUNS = 3;
const RESULTS_PATH = fileURLToPath(new URL('./results.json', import.meta.url));

// ---------------------------------------------------------------------------------------------------
// Garbage collection: `npm run bench` is plain `tsx bench/run.ts`, so --expose-gc is usually not on
// the command line. V8 can still turn the flag on at run time; a fresh context then exposes gc().

type GcMode = 'flag' | 'runtime' | 'unavailable';

function findGc(): { gc: (() => void) | null; mode: GcMode } {
  if (typeof globalThis.gc === 'function') {
    const flagGc = globalThis.gc;
    return {
      gc: () => {
        flagGc();
      },
      mode: 'flag',
    };
  }
  try {
    v8.setFlagsFromString('--expose-gc');
    const runtimeGc: unknown = vm.runInNewContext('gc');
    if (typeof runtimeGc === 'function') return { gc: () => void (runtimeGc as () => unknown)(), mode: 'runtime' };
  } catch {
    // fall through
  }
  return { gc: null, mode: 'unavailable' };
}

const { gc, mode: gcMode } = findGc();

/** Full GC (twice, so finalised objects go too); a no-op without gc. */
function collect(): void {
  if (gc === null) return;
  gc();
  gc();
}

function heapUsed(): number {
  collect();
  return process.memoryUsage().heapUsed;
}

// ---------------------------------------------------------------------------------------------------

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

function readRecordCount(): number {
  const raw = process.env['BENCH_RECORDS'];
  if (raw === undefined || raw === '') return 200_000;
  const n = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`BENCH_RECORDS must be a positive integer, got '${raw}'.`);
  return n;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const fixed = (n: number, digits: number) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number) => fixed(bytes / (1024 * 1024), 1);

function progress(message: string): void {
  process.stderr.write(`  ${message}\n`);
}

// Each phase runs in its own function, so nothing it made stays reachable from main's frame.

function warmUp(w: Workload): void {
  const base = runBaseline(w);
  verifyBaseline(base, w);
  verifyEngineRun(
    runEnginePipeline(w),
    w,
    base.logs.map((l) => l.length),
  );
}

interface Throughput {
  engineMs: number[];
  baselineMs: number[];
  steps: number;
  simTimeMs: number;
  baselineChecksum: number;
  /** The last engine run's simulation, kept for the snapshot, restore and heap measurements. */
  sim: Simulation;
}

/** Measured runs, alternating so any drift (thermal, other load) hits both alike. */
function measureThroughput(w: Workload): Throughput {
  const engineMs: number[] = [];
  const baselineMs: number[] = [];
  const hashes: string[] = [];
  let last: { run: EngineRun; checksum: number } | null = null;
  for (let r = 0; r < MEASURED_RUNS; r++) {
    progress(`run ${r + 1}/${MEASURED_RUNS}`);
    collect();
    const base = runBaseline(w);
    verifyBaseline(base, w);
    baselineMs.push(base.elapsedMs);
    const perPartition = base.logs.map((l) => l.length);
    const checksum = base.checksum;

    collect();
    const run = runEnginePipeline(w);
    verifyEngineRun(run, w, perPartition);
    engineMs.push(run.elapsedMs);
    hashes.push(run.sim.hash());
    last = { run, checksum };
  }
  if (last === null) throw new Error('no measured run');
  if (new Set(hashes).size !== 1) throw new Error(`Engine runs are not deterministic: state hashes ${hashes.join(', ')}.`);
  return { engineMs, baselineMs, steps: last.run.steps, simTimeMs: last.run.simTimeMs, baselineChecksum: last.checksum, sim: last.run.sim };
}

/**
 * Heap one engine run's final state holds: the heap with it alive minus the heap once it is dropped.
 * Measured by dropping it rather than against an idle heap read earlier: that reading sometimes still
 * held a warm-up run and gave ~0 bytes a record.
 */
function engineStateHeapBytes(w: Workload): number {
  const holder: { run: EngineRun | null } = { run: runEnginePipeline(w) };
  const alive = heapUsed();
  holder.run = null;
  return alive - heapUsed();
}

/** Heap the baseline's arrays take (keys and values are the workload's strings, shared, not counted). */
function baselineHeapBytes(w: Workload): number {
  const before = heapUsed();
  const holder: { run: BaselineRun | null } = { run: runBaseline(w) };
  const after = heapUsed();
  holder.run = null;
  return after - before;
}

// ---------------------------------------------------------------------------------------------------

function main(): void {
  const records = readRecordCount();
  const cpus = os.cpus();
  const machine = {
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    availableParallelism: os.availableParallelism(),
    totalMemoryMB: Math.round(os.totalmem() / (1024 * 1024)),
  };
  const date = new Date().toISOString();
  const benchStart = performance.now();

  const w = buildWorkload(records);
  process.stderr.write(`Kafka Sim bench: ${int(records)} records (gc: ${gcMode})\n`);

  // Warm-up: one full run of each, so both are measured with optimised code.
  progress('warm-up');
  // A full collection before the warm-up as well: without it the idle heap read after the warm-up came out
  // 30 MB high (the workload's building garbage was still counted), and engine bytes per record read ~0.
  collect();
  warmUp(w);
  const heapIdle = heapUsed();

  const { engineMs, baselineMs, steps, simTimeMs, baselineChecksum, sim } = measureThroughput(w);
  // Only the last engine run's simulation is alive now.
  const heapEngine = heapUsed();
  const baselineBytes = baselineHeapBytes(w);
  const engineStateBytes = engineStateHeapBytes(w);

  // snapshot / restore / hash of the state after a full run.
  progress('snapshot, restore, hash');
  const snapshotMs: number[] = [];
  const restoreMs: number[] = [];
  const hashMs: number[] = [];
  const expectedHash = sim.hash();
  for (let r = 0; r < MEASURED_RUNS; r++) {
    collect();
    hashMs.push(time(() => sim.hash()).ms);
    collect();
    const snap = time(() => sim.snapshot());
    snapshotMs.push(snap.ms);
    collect();
    const restored = time(() => restoreSimulation(snap.value, { traceLimit: 0 }));
    restoreMs.push(restored.ms);
    const restoredHash = restored.value.hash();
    if (restoredHash !== expectedHash) throw new Error(`Restored state hash ${restoredHash} != original ${expectedHash}.`);
  }
  const stateJsonBytes = Buffer.byteLength(JSON.stringify(sim.state));

  const engineMedianMs = median(engineMs);
  const baselineMedianMs = median(baselineMs);
  const engineRps = records / (engineMedianMs / 1000);
  const baselineRps = records / (baselineMedianMs / 1000);
  const ratio = (engineRps / baselineRps) * 100;
  const gcNote = gc === null ? ' (no gc: includes garbage)' : '';

  // ---- the table ----------------------------------------------------------------------------------
  const rows: [string, string, string][] = [
    ['engine pipeline', `${int(engineRps)} records/s`, `${engineMs.map((ms) => fixed(ms, 0)).join(' / ')} ms`],
    ['bare-array baseline', `${int(baselineRps)} records/s`, `${baselineMs.map((ms) => fixed(ms, 0)).join(' / ')} ms`],
    ['engine / baseline', `${fixed(ratio, 2)} %`, `baseline is ${fixed(baselineRps / engineRps, 1)}x faster`],
    ['engine events processed', int(steps), `${fixed(steps / records, 3)} per record, ${int(simTimeMs)} simulated ms`],
    ['snapshot()', `${fixed(median(snapshotMs), 1)} ms`, `${snapshotMs.map((ms) => fixed(ms, 1)).join(' / ')} ms`],
    ['restoreSimulation()', `${fixed(median(restoreMs), 1)} ms`, `${restoreMs.map((ms) => fixed(ms, 1)).join(' / ')} ms`],
    ['sim.hash()', `${fixed(median(hashMs), 1)} ms`, `${hashMs.map((ms) => fixed(ms, 1)).join(' / ')} ms; state JSON ${mb(stateJsonBytes)} MB`],
    ['heap used, sim alive', `${mb(heapEngine)} MB${gcNote}`, `idle before runs ${mb(heapIdle)} MB`],
    ['engine heap per record', `${int(engineStateBytes / records)} bytes`, "(heap with a run's final state - heap once it is dropped) / records"],
    ['baseline heap per record', `${int(baselineBytes / records)} bytes`, 'arrays of {offset, timestamp, key, value}'],
  ];
  const headers: [string, string, string] = ['measurement', 'median', 'runs / notes'];
  const widths = [0, 1, 2].map((c) => Math.max(headers[c]?.length ?? 0, ...rows.map((row) => row[c]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (c === 1 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();

  console.log('');
  console.log(`Kafka Sim bench: ${int(records)} records, ${w.partitions} partitions, bursts of ${int(w.burst)} every ${w.burstIntervalMs} simulated ms, max.poll.records ${w.maxPollRecords}`);
  console.log(`node ${machine.node}, ${machine.cpuModel}, ${machine.cores} cores, ${date}; median of ${MEASURED_RUNS} runs after a warm-up; gc: ${gcMode}`);
  console.log('');
  console.log(line(headers));
  console.log(line(widths.map((n) => '-'.repeat(n))));
  for (const row of rows) console.log(line(row));
  console.log('');

  const results = {
    date,
    machine,
    config: {
      records,
      partitions: w.partitions,
      burst: w.burst,
      burstIntervalMs: w.burstIntervalMs,
      maxPollRecords: w.maxPollRecords,
      producer: { acks: 'all', lingerMs: 'default', batchSize: 'default' },
      consumerLoop: { processingMsPerRecord: 0, commitMode: 'after-processing' },
      traceLimit: 0,
      measuredRuns: MEASURED_RUNS,
      warmUpRuns: 1,
      gc: gcMode,
    },
    measurements: {
      engine: { runsMs: engineMs, medianMs: engineMedianMs, recordsPerSecond: engineRps, steps, simTimeMs, stateHash: expectedHash },
      baseline: { runsMs: baselineMs, medianMs: baselineMedianMs, recordsPerSecond: baselineRps, checksum: baselineChecksum },
      engineOverBaselinePercent: ratio,
      snapshot: { runsMs: snapshotMs, medianMs: median(snapshotMs) },
      restore: { runsMs: restoreMs, medianMs: median(restoreMs) },
      hash: { runsMs: hashMs, medianMs: median(hashMs), stateJsonBytes },
      heap: {
        gcAvailable: gc !== null,
        idleBytes: heapIdle,
        withEngineStateBytes: heapEngine,
        engineStateBytes,
        engineBytesPerRecord: engineStateBytes / records,
        baselineBytes,
        baselineBytesPerRecord: baselineBytes / records,
      },
    },
    totalBenchSeconds: (performance.now() - benchStart) / 1000,
  };
  writeFileSync(RESULTS_PATH, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Wrote ${RESULTS_PATH} (whole bench ${fixed(results.totalBenchSeconds, 1)} s)`);
}

try {
  main();
} catch (error) {
  console.error(`\nBENCH FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}
