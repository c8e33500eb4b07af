import { expect, it } from 'vitest';
import { useSimulationStore } from './simulationStore';

it('food ordering, "Stop the broker" twice: the timeline gets one mark for the outage and one for the recovery', () => {
  const store = useSimulationStore.getState();
  store.loadScenario('food-ordering');
  store.stepForward(60);
  const experiment = useSimulationStore.getState().frame.scenario.experiments!.find((x) => x.label === 'Stop the broker')!;
  const before = useSimulationStore.getState().frame.marks.length;
  store.act(experiment.commands(useSimulationStore.getState().frame.state));
  const crashedAt = useSimulationStore.getState().frame.stepNumber;
  // Until the controller fences the broker (broker.session.timeout.ms later).
  store.stepForward(2_000, () => useSimulationStore.getState().frame.state.topics.orders!.partitions.every((p) => p.leader === -1));
  expect(useSimulationStore.getState().frame.state.topics.orders!.partitions.every((p) => p.leader === -1)).toBe(true);
  const down = useSimulationStore.getState().frame.marks.slice(before);
  expect(down.map((m) => m.label)).toContain('broker 1 crashed');
  expect(down.filter((m) => m.label.startsWith('broker 1 down:'))).toEqual([{ step: useSimulationStore.getState().frame.stepNumber, label: 'broker 1 down: 56 partitions without a leader' }]);
  expect(down.filter((m) => /offline|__consumer_offsets|-1\b/.test(m.label))).toEqual([]);
  expect(down.find((m) => m.label === 'broker 1 crashed')!.step).toBe(crashedAt);

  store.stepForward(5);
  store.act(experiment.commands(useSimulationStore.getState().frame.state));
  const back = useSimulationStore.getState().frame.marks.filter((m) => m.step === useSimulationStore.getState().frame.stepNumber);
  expect(back).toEqual([{ step: useSimulationStore.getState().frame.stepNumber, label: 'broker 1 back: leaders elected for 56 partitions' }]);
  expect(
    useSimulationStore
      .getState()
      .frame.marks.slice(before)
      .filter((m) => m.label.includes('partition')),
  ).toHaveLength(2);
});
