/**
 * npm run bench (part 4): step back deep into a run. Plays food ordering to step 100,000 through the
 * store, then times one "Step back" (restore the nearest checkpoint + replay). Target < 50 ms.
 */
import { useSimulationStore } from '../src/ui/store/simulationStore';
import { mergeResults } from './results';

const TARGET = Number(process.env['BENCH_STEPBACK_STEPS'] ?? 100_000);

function main(): void {
  const store = useSimulationStore.getState();
  store.loadScenario('food-ordering');
  const t0 = performance.now();
  useSimulationStore.getState().stepForward(TARGET);
  const reach = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    useSimulationStore.getState().stepBack();
    times.push(performance.now() - t);
  }
  const s = useSimulationStore.getState();
  times.sort((a, b) => a - b);
  mergeResults('stepBack', { scenario: 'food-ordering', step: TARGET, runsMs: times, medianMs: times[2]!, checkpointsKept: s.checkpoints.length, reachSeconds: reach / 1000, endedAtStep: s.stepNumber, targetMs: 50 });
  console.log(
    `Step back at step ${TARGET.toLocaleString('en')} (food ordering, ${s.checkpoints.length} checkpoints kept, reached in ${(reach / 1000).toFixed(1)} s): median ${times[2]!.toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(' / ')} ms; target < 50 ms); now at step ${s.stepNumber}`,
  );
}

main();
