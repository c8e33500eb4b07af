/**
 * npm run bench (part 4): step back deep into a run. Plays food ordering to step 100,000 through the run
 * recorder (as the page does), then times one "Step back" (restore the nearest checkpoint + replay). Target < 50 ms.
 */
import { findScenario } from '../src/scenarios';
import { RunRecorder } from '../src/ui/recorder/runRecorder';
import { mergeResults } from './results';

const TARGET = Number(process.env['BENCH_STEPBACK_STEPS'] ?? 100_000);

function main(): void {
  const run = new RunRecorder(findScenario('food-ordering')!);
  const step = { showInternal: false };
  const t0 = performance.now();
  run.stepForward(TARGET, step);
  run.settleCheckpoint();
  const reach = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    run.seek(run.frame.stepNumber - 1, step);
    times.push(performance.now() - t);
  }
  const s = { checkpoints: run.checkpointSteps, frame: run.frame };
  times.sort((a, b) => a - b);
  mergeResults('stepBack', {
    scenario: 'food-ordering',
    step: TARGET,
    runsMs: times,
    medianMs: times[2]!,
    checkpointsKept: s.checkpoints.length,
    reachSeconds: reach / 1000,
    endedAtStep: s.frame.stepNumber,
    targetMs: 50,
  });
  console.log(
    `Step back at step ${TARGET.toLocaleString('en')} (food ordering, ${s.checkpoints.length} checkpoints kept, reached in ${(reach / 1000).toFixed(1)} s): median ${times[2]!.toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(' / ')} ms; target < 50 ms); now at step ${s.frame.stepNumber}`,
  );
}

main();
