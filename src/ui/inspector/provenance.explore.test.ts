import { it } from 'vitest';
import { createSimulation, type TraceEntry, type Simulation } from '../../engine';
import { consumerGroup } from '../../scenarios/consumerGroup/consumerGroup';
import { recordProvenance } from './provenance';

function record(sim: Simulation) {
  const history: TraceEntry[][] = [[...sim.trace]];
  return {
    history,
    until(t: number) { for (let n = sim.nextEventTime; n !== null && n <= t; n = sim.nextEventTime) history.push(sim.step()); },
    act(fn: () => void) { const before = sim.trace.at(-1)?.id ?? -1; fn(); history.push(sim.traceSince(before)); },
  };
}

it('explore', () => {
  const sim = createSimulation({ seed: consumerGroup.seed, traceLimit: 1_000_000 });
  consumerGroup.setup(sim);
  const h = record(sim);
  h.until(8_000);
  h.act(() => sim.crashConsumer('checkout-2'));
  h.until(70_000);
  const again = h.history.flat().filter((e) => e.kind === 'recordProcessed' && !e.isFirstTime);
  console.log(again.length, again.slice(0, 3));
  const e = again[0]!;
  if (e.kind !== 'recordProcessed') return;
  for (const ev of recordProvenance(h.history, e)) console.log(ev.step, ev.time, ev.kind, ev.text);
  const first = h.history.flat().find((x) => x.kind === 'recordAppended' && x.partition === 0)!;
  if (first.kind !== 'recordAppended') return;
  for (const ev of recordProvenance(h.history, first)) console.log(ev.step, ev.time, ev.kind, ev.text);
});
