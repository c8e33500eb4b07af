import { Background, Controls, MiniMap, ReactFlow, type Node, type NodeChange } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { useMediaQuery } from '../useMediaQuery';
import type { Selection } from '../store/selection';
import { useSimulationStore } from '../store/simulationStore';
import { edgeTypes, nodeTypes } from './nodeTypes';
import { toFlowElements } from './toFlowElements';

/** Matches the phone breakpoint in styles.css. */
const NARROW_SCREEN = '(max-width: 820px)';
/** On a phone, the first view fits the nodes placed above this y. */
const PHONE_FIRST_SCREEN = 700;

/** What clicking a node selects: node ids are '<kind>:<name>'. */
function selectionForNode(node: Node): Selection | null {
  const [kind, ...rest] = node.id.split(':');
  const name = rest.join(':');
  switch (kind) {
    case 'consumer':
      return { kind: 'consumer', clientId: name };
    case 'producer':
      return { kind: 'producer', clientId: name };
    case 'topic':
      return { kind: 'topic', topic: name };
    case 'broker':
      return { kind: 'broker', brokerId: Number(name) };
    case undefined:
    default:
      return null;
  }
}

/** Minimap colours by kind: topics stand out, clients and brokers recede. */
function minimapColor(node: Node): string {
  return node.type === 'topic' ? '#5eaaa2' : node.type === 'broker' ? '#c4cbd4' : '#9aa5b1';
}

/** The scene: producers, topics with their partition lanes, consumers, brokers, and records travelling between them. */
export function SimulationCanvas() {
  const sim = useSimulationStore((s) => s.sim);
  const revision = useSimulationStore((s) => s.revision);
  const layout = useSimulationStore((s) => s.scenario.layout);
  const lastStep = useSimulationStore((s) => s.lastStep);
  const scenarioId = useSimulationStore((s) => s.scenario.id);
  const selection = useSimulationStore((s) => s.selection);
  const select = useSimulationStore((s) => s.select);
  const isNarrow = useMediaQuery(NARROW_SCREEN);
  const orientation = isNarrow ? 'vertical' : 'horizontal';

  // React Flow measures each node once it renders; the nodes are derived, so their sizes are kept
  // here and given back (the minimap and fit view need them).
  const [sizes, setSizes] = useState<Record<string, { width: number; height: number }>>({});
  const onNodesChange = useCallback((changes: NodeChange[]) => {
    const measured = changes.flatMap((c) => (c.type === 'dimensions' && c.dimensions !== undefined ? [[c.id, c.dimensions] as const] : []));
    if (measured.length > 0) setSizes((before) => ({ ...before, ...Object.fromEntries(measured) }));
  }, []);

  // The simulation handle is mutable; `revision` tells us when it changed.
  const { nodes: derived, edges } = useMemo(
    () => toFlowElements(sim.state, layout, lastStep, orientation, selection),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [sim, revision, layout, lastStep, orientation, selection],
  );
  const nodes = useMemo(
    () =>
      derived.map((n) => {
        const measured = sizes[n.id];
        return measured === undefined ? n : { ...n, measured };
      }),
    [derived, sizes],
  );

  // On a phone the scene is a tall column: start on its top (readable), not the whole of it (tiny).
  const fitOptions = useMemo(
    () => (isNarrow ? { padding: 0.04, maxZoom: 1, nodes: derived.filter((n) => n.position.y < PHONE_FIRST_SCREEN).map((n) => ({ id: n.id })) } : { padding: 0.06, maxZoom: 1.1 }),
    // Only when the scenario or the orientation changes: a new ReactFlow is mounted then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [scenarioId, isNarrow],
  );

  return (
    <div className="canvas" aria-label="Simulation canvas">
      <ReactFlow
        key={`${scenarioId}-${orientation}`}
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        onNodeClick={(_, node) => {
          const s = selectionForNode(node);
          if (s !== null) select(s);
        }}
        fitView
        fitViewOptions={fitOptions}
        minZoom={0.15}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} />
        <Controls showInteractive={false} />
        {!isNarrow && <MiniMap pannable zoomable ariaLabel="Minimap of the canvas" nodeBorderRadius={6} nodeColor={minimapColor} nodeStrokeWidth={0} />}
      </ReactFlow>
    </div>
  );
}
