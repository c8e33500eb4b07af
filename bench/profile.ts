/**
 * `npx tsx bench/profile.ts`: CPU-profiles the engine pipeline of bench/engine.ts (after a warm-up run)
 * with V8's sampling profiler and prints the functions with the most self and total time.
 * Env: BENCH_RECORDS (default 200000), PROFILE_OUT=path.cpuprofile to also save the raw profile
 * (open it in Chrome DevTools > Performance, or speedscope).
 */
import { writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector/promises';
import { runEnginePipeline } from './engine';
import { buildWorkload } from './workload';

const records = Number(process.env['BENCH_RECORDS'] ?? 200_000);
if (!Number.isInteger(records) || records < 1) throw new Error(`BENCH_RECORDS must be a positive integer, got '${String(process.env['BENCH_RECORDS'])}'.`);
const w = buildWorkload(records);
runEnginePipeline(w); // warm-up

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const run = runEnginePipeline(w);
const { profile } = await session.post('Profiler.stop');
session.disconnect();

const outPath = process.env['PROFILE_OUT'];
if (outPath !== undefined && outPath !== '') writeFileSync(outPath, JSON.stringify(profile));

const nameOf = (node: Profiler.ProfileNode): string => {
  const { functionName, url } = node.callFrame;
  const file = url === '' ? '' : ` ${url.replace(/^.*\/(src|bench|node_modules)\//, '$1/')}`;
  return `${functionName === '' ? '(anonymous)' : functionName}${file}`;
};

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);

// Sample time per node id.
const sampleUs = new Map<number, number>();
const samples = profile.samples ?? [];
const deltas = profile.timeDeltas ?? [];
let totalUs = 0;
for (let i = 0; i < samples.length; i++) {
  const id = samples[i];
  const dt = deltas[i] ?? 0;
  if (id === undefined) continue;
  sampleUs.set(id, (sampleUs.get(id) ?? 0) + dt);
  totalUs += dt;
}

const self = new Map<string, number>();
const total = new Map<string, number>();
for (const [id, us] of sampleUs) {
  const node = byId.get(id);
  if (node === undefined) continue;
  self.set(nameOf(node), (self.get(nameOf(node)) ?? 0) + us);
  // Count each function once per stack, so recursion does not inflate its total.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parentOf.get(cur)) {
    const n = byId.get(cur);
    if (n === undefined) break;
    const name = nameOf(n);
    if (seen.has(name)) continue;
    seen.add(name);
    total.set(name, (total.get(name) ?? 0) + us);
  }
}

const top = (m: Map<string, number>, n: number, filter: (name: string) => boolean) =>
  [...m]
    .filter(([name]) => filter(name))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => `  ${((100 * us) / totalUs).toFixed(1).padStart(5)} %  ${name}`)
    .join('\n');

console.log(`Engine pipeline, ${records.toLocaleString('en-US')} records: ${run.elapsedMs.toFixed(0)} ms under the profiler, ${(totalUs / 1000).toFixed(0)} ms sampled`);
console.log('\nSelf time (where the CPU was):');
console.log(top(self, 20, () => true));
console.log('\nTotal time of engine and bench functions (including callees):');
console.log(top(total, 20, (name) => name.includes(' src/') || name.includes(' bench/')));
