/** A state machine's states in order with the live one lit: drawn from the engine's own xstate machine, so it cannot drift. */
export function MachineStates({ label, states, current }: { label: string; states: readonly string[]; current: string }) {
  return (
    <ol className="lifecycle" aria-label={label}>
      {states.map((name) => (
        <li key={name} className={name === current ? 'lifecycle__state lifecycle__state--current' : 'lifecycle__state'} aria-current={name === current ? 'step' : undefined}>
          {name}
        </li>
      ))}
    </ol>
  );
}
