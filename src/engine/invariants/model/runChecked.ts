/** Runs a model scenario checking every invariant after every event and every op, as the model test (d) does. */
import type { Simulation } from '../../index';
import { ModelInvariants } from '../index';
import { applyOp, newSim, type Hooks } from './applyOp';
import type { Scenario } from './ops';

/** The hooks that feed a run's events and sends to its invariant checks. */
export function invariantHooks(invariants: ModelInvariants): Hooks {
  return {
    afterStep: (sim) => {
      invariants.assertHold(sim, { withRoundTrip: false });
    },
    onSent: (op, value, receipt) => {
      invariants.noteSent({ producer: op.producer, topic: receipt.topic, partition: receipt.partition, key: op.key, value });
    },
  };
}

/** Throws at the first event or op after which an invariant is broken; `extra` adds hooks of the caller's. */
export function runChecked(scenario: Scenario, extra: Pick<Hooks, 'onRejected'> = {}): Simulation {
  const invariants = new ModelInvariants();
  const hooks: Hooks = { ...invariantHooks(invariants), ...extra };
  const sim = newSim(scenario.options);
  invariants.assertHold(sim, { withRoundTrip: true });
  scenario.ops.forEach((op, i) => {
    applyOp(sim, op, i, hooks);
    invariants.assertHold(sim, { withRoundTrip: true });
  });
  return sim;
}
