import { clusterMetadata } from '../../engine';
import { useSimulationStore } from '../store/simulationStore';

/** The brokers, what they lead, and the learner's experiments on them (crash, clean shutdown, restart). */
export function BrokersPanel() {
  useSimulationStore((s) => s.revision);
  const sim = useSimulationStore((s) => s.sim);
  const act = useSimulationStore((s) => s.act);
  const meta = clusterMetadata(sim.state);
  // Only worth showing when some application topic is replicated.
  if (!meta.topics.some((t) => t.partitions.some((p) => p.replicas.length > 1))) return null;
  return (
    <section className="brokers" aria-labelledby="brokers-title">
      <h2 id="brokers-title" className="panel__title">Brokers</h2>
      <ul className="brokers__list">
        {meta.brokers.map((b) => {
          const leads = meta.topics.flatMap((t) => t.partitions.filter((p) => p.leader === b.id).map((p) => `${t.name}-${p.partition}`));
          return (
            <li key={b.id} className={b.isAlive ? 'broker' : 'broker broker--down'} aria-label={`Broker ${b.id}`}>
              <span className="broker__name">Broker {b.id}</span>
              <span className="broker__state" title={leads.length === 0 ? undefined : `leader of ${leads.join(', ')}`}>
                {b.isAlive ? `up · leads ${leads.length} partition${leads.length === 1 ? '' : 's'}` : 'down'}
              </span>
              {b.isAlive ? (
                <>
                  <button type="button" className="button button--small button--danger" onClick={() => act({ type: 'crashBroker', brokerId: b.id })} aria-label={`Crash broker ${b.id}`} title="Kill it: the controller notices after broker.session.timeout.ms">Crash</button>
                  <button type="button" className="button button--small" onClick={() => act({ type: 'shutdownBroker', brokerId: b.id })} aria-label={`Shut down broker ${b.id}`} title="Controlled shutdown: leaderships move first">Shut down</button>
                </>
              ) : (
                <button type="button" className="button button--small" onClick={() => act({ type: 'restartBroker', brokerId: b.id })} aria-label={`Restart broker ${b.id}`}>Restart</button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
