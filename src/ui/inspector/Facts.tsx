/** A small definition list of name → value pairs (config names in monospace, as Kafka prints them). */
export function Facts({ items, label }: { items: [string, React.ReactNode][]; label?: string }) {
  return (
    <dl className="facts" aria-label={label}>
      {items.map(([name, value]) => (
        <div key={name} className="facts__row">
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
