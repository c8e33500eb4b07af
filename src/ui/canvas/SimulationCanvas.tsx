import { Background, Controls, ReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { useMediaQuery } from '../useMediaQuery';
import { useSimulationStore } from '../store/simulationStore';
import { edgeTypes, nodeTypes } from './nodeTypes';
import { toFlowElements } from './toFlowElements';

/** Matches the phone breakpoint in styles.css. */
const NARROW_SCREEN = '(max-width: 820px)';

/** The scene: producers, topics with their partition lanes, consumers, and records travelling between them. */
export function SimulationCanvas() {
  const sim = useSimulationStore((s) => s.sim);
  const revision = useSimulationStore((s) => s.revision);
  const layout = useSimulationStore((s) => s.scenario.layout);
  const lastStep = useSimulationStore((s) => s.lastStep);
  const scenarioId = useSimulationStore((s) => s.scenario.id);
  const orientation = useMediaQuery(NARROW_SCREEN) ? 'vertical' : 'horizontal';

  // The simulation handle is mutable; `revision` tells us when it changed.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const { nodes, edges } = useMemo(() => toFlowElements(sim.state, layout, lastStep, orientation), [sim, revision, layout, lastStep, orientation]);

  return (
    <div className="canvas" aria-label="Simulation canvas">
      <ReactFlow
        key={`${scenarioId}-${orientation}`}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        fitView
        fitViewOptions={{ padding: 0.06, maxZoom: 1.1 }}
        minZoom={0.2}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} color="#e3e6ea" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
