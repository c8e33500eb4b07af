/**
 * npm run bench (part 3): opening a share link at step 10,000 — decode, then replay through the
 * store (the same code the page runs). Target: under 150 ms (issue 21). Five opens, the median reported.
 */
import { decodeRun, encodeRun } from '../src/ui/share/runLink';
import { useSimulationStore } from '../src/ui/store/simulationStore';
import { mergeResults } from './results';

const STEPS = Number(process.env['BENCH_LINK_STEPS'] ?? 10_000);

function main(): void {
  // The run: 30 steps, a crash, then on to step STEPS; the link records where that is in engine steps.
  const store = () => useSimulationStore.getState();
  store().loadScenario('food-ordering');
  store().stepForward(30);
  const crashAt = store().frame.engineStep;
  store().act({ type: 'crashConsumer', consumer: 'notification-2' });
  store().stepForward(STEPS - 30);
  const { scenario, seed } = store().frame;
  const link = encodeRun({
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    seed,
    engineStep: store().frame.engineStep,
    actions: [{ atEngineStep: crashAt, command: { type: 'crashConsumer', consumer: 'notification-2' } }],
    selection: null,
    showInternal: false,
    speed: 1,
  });
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    const decoded = decodeRun(link);
    if (!decoded.ok) throw new Error(decoded.message);
    const problem = useSimulationStore.getState().openRun(decoded.run);
    if (problem !== null) throw new Error(problem);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  mergeResults('openLink', { scenario: 'food-ordering', step: STEPS, runsMs: times, medianMs: times[2]!, linkCharacters: link.length, targetMs: 150 });
  console.log(
    `Open a share link at step ${STEPS.toLocaleString('en')} (food ordering, decode + replay through the store): median ${times[2]!.toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(' / ')} ms; target < 150 ms); ${link.length} characters`,
  );
}

main();
