import { Background, ControlButton, Controls, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow, useStore, type Node, type NodeChange, type Viewport } from '@xyflow/react';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { actorId, parseActorId } from '../../engine';
import { useMediaQuery } from '../useMediaQuery';
import type { Selection } from '../store/selection';
import { useSimulationStore } from '../store/simulationStore';
import type { Detail, SimFlowEdge, SimFlowNode } from './flowTypes';
import { DEFAULT_COLUMNS, resolveColumns } from './layout/columns';
import { estimateSize } from './layout/estimateSize';
import { COMPACT_READABLE_ZOOM, fitRoom, fitScene, FULL_READABLE_ZOOM, wholeSceneZoom } from './layout/fitScene';
import { balanceColumns, placeColumns, type Size } from './layout/placeColumns';
import { routeEdges } from './layout/routeEdges';
import { edgeTypes, nodeTypes } from './nodeTypes';
import { recordPath } from './recordPath';
import { toFlowElements } from './toFlowElements';
import { UnchangedKeeper } from './keepUnchanged';
import { isRushing } from './rushing';
import { useFocusStore } from '../story/focusStore';
import { isFocused, openedChapters } from '../story/latestChapter';
import { seriesItems } from '../recorder/series';

/** Matches the phone breakpoint in styles.css. */
const NARROW_SCREEN = '(max-width: 820px)';
/** Zooming in this far past the fitted zoom (and far enough for their small print) opens every card's full face. */
const ZOOM_IN_FOR_FULL = 1.2;

/** What clicking a node selects: node ids are '<kind>:<name>'. */
function selectionForNode(node: Node): Selection | null {
  const parsed = parseActorId(node.id);
  switch (parsed?.kind) {
    case 'consumer':
      return { kind: 'consumer', clientId: parsed.name };
    case 'producer':
      return { kind: 'producer', clientId: parsed.name };
    case 'topic':
      return { kind: 'topic', topic: parsed.name };
    case 'broker':
      return { kind: 'broker', brokerId: Number(parsed.name) };
    case 'partition':
    case 'group':
    case 'transaction':
    case 'service':
    case undefined:
      return null;
  }
}

/** The card a selection is about (its face opens in full). */
function selectedNodeId(selection: Selection | null): string | null {
  switch (selection?.kind) {
    case 'consumer':
    case 'producer':
      return actorId[selection.kind](selection.clientId);
    case 'topic':
      return actorId.topic(selection.topic);
    case 'broker':
      return actorId.broker(selection.brokerId);
    case 'group':
    case 'partition':
    case 'record':
    case 'transaction':
    case undefined:
      return null;
  }
}

const PRO_OPTIONS = { hideAttribution: true };

/** Minimap colours by kind: topics stand out, clients and brokers recede. */
function minimapColor(node: Node): string {
  return node.type === 'topic' ? '#5eaaa2' : node.type === 'broker' ? '#c4cbd4' : '#9aa5b1';
}

/** The scene: producers, topics with their partition lanes, consumers, brokers, and records travelling between them. */
export function SimulationCanvas() {
  return (
    <ReactFlowProvider>
      <Scene />
    </ReactFlowProvider>
  );
}

function Scene() {
  const frame = useSimulationStore((s) => s.frame);
  const { scenario } = frame;
  const declared = scenario.layout.columns;
  const scenarioId = scenario.id;
  const selection = useSimulationStore((s) => s.selection);
  const select = useSimulationStore((s) => s.select);
  // At the top speeds records land faster than an eye can follow: the per-record animations stop (canvas.css).
  const rushing = useSimulationStore(isRushing);
  const isNarrow = useMediaQuery(NARROW_SCREEN);
  const orientation = isNarrow ? 'vertical' : 'horizontal';
  const sceneKey = `${scenarioId}-${orientation}`;
  const { setViewport, getViewport } = useReactFlow();
  const pane = useStore(
    (s) => ({ width: s.width, height: s.height }),
    (a, b) => a.width === b.width && a.height === b.height,
  );
  const zoom = useStore((s) => s.transform[2]);

  // A new frame after every change: the scene is derived from it again (unchanged cards keep their objects below).
  const { nodes: derived, edges: plainEdges } = useMemo(() => toFlowElements(frame.state, frame.lastStep, orientation, selection, frame.scenario.http ?? null), [frame, orientation, selection]);

  // Compact faces when the full ones cannot be read with the whole scene in view: decided once per
  // scene from the full faces' measured layout (null while measuring).
  const [compactScene, setCompactScene] = useState<{ key: string; isCompact: boolean } | null>(null);
  const isCompactScene = compactScene?.key === sceneKey ? compactScene.isCompact : null;
  // The viewport the canvas last fitted; the learner's own pans and zooms leave it alone from then on.
  const [fitted, setFitted] = useState<{ key: string; viewport: Viewport } | null>(null);
  const userMoved = useRef(false);
  const fitZoom = fitted?.key === sceneKey ? fitted.viewport.zoom : 1;
  const isZoomedIn = isCompactScene === true && zoom >= Math.max(FULL_READABLE_ZOOM, fitZoom * ZOOM_IN_FOR_FULL);
  const selectedId = selectedNodeId(selection);
  const detailOf = useCallback((id: string): Detail => (isCompactScene !== true || isZoomedIn || id === selectedId ? 'full' : 'compact'), [isCompactScene, isZoomedIn, selectedId]);

  // Sizes React Flow measured, per card and face (a card's two faces differ in size).
  const [sizes, setSizes] = useState<Record<string, Size>>({});
  const detailNow = useRef<(id: string) => Detail>(detailOf);
  useLayoutEffect(() => {
    detailNow.current = detailOf;
  }, [detailOf]);
  const onNodesChange = useCallback((changes: NodeChange[]) => {
    const measured = changes.flatMap((c) => (c.type === 'dimensions' && c.dimensions !== undefined ? [[`${c.id}|${detailNow.current(c.id)}`, c.dimensions] as const] : []));
    if (measured.length > 0)
      setSizes((before) => (measured.every(([k, d]) => before[k]?.width === d.width && before[k].height === d.height) ? before : { ...before, ...Object.fromEntries(measured) }));
  }, []);

  const withDetail = useMemo(() => derived.map((n) => ({ ...n, data: { ...n.data, detail: detailOf(n.id) } }) as SimFlowNode), [derived, detailOf]);
  // Each card's size (measured, or estimated until it is), and a signature of them all: the layout is
  // computed again only when a card comes, goes or changes size, not on every step.
  const cardSizes = new Map<string, Size>(withDetail.map((n) => [n.id, sizes[`${n.id}|${n.data.detail}`] ?? estimateSize(n, n.data.detail)]));
  const sizeSignature = [...cardSizes].map(([id, size]) => `${id}:${Math.round(size.width)}x${Math.round(size.height)}`).join('|');
  const allMeasured = withDetail.every((n) => sizes[`${n.id}|${n.data.detail}`] !== undefined);
  const layout = useMemo(() => {
    const columns = resolveColumns(declared.length > 0 ? declared : DEFAULT_COLUMNS, [...cardSizes.keys()]);
    const sizeOf = (id: string) => cardSizes.get(id)!;
    const room = fitRoom(pane, orientation);
    const readable = compactScene?.key === sceneKey && compactScene.isCompact ? COMPACT_READABLE_ZOOM : FULL_READABLE_ZOOM;
    return placeColumns(orientation === 'horizontal' ? balanceColumns(columns, sizeOf, room, readable) : columns, sizeOf, orientation);
    // `sizeSignature` stands for `cardSizes`, which is rebuilt on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sizeSignature, declared, orientation, pane, compactScene, sceneKey]);

  // Focus: the newest chapter's actors stay bright, the rest dim, unless the learner shows everything.
  const showEverything = useFocusStore((s) => s.showEverything);
  const chapterActors = openedChapters(frame).at(-1)?.actors ?? null;
  const focus = showEverything || chapterActors === null ? null : chapterActors;
  // A selected record draws its path: producer -> topic -> every consumer that fetched it, '2×' on a redelivery (it outranks the chapter's focus).
  const path = useMemo(() => {
    if (selection?.kind !== 'record') return null;
    const found = recordPath(seriesItems(frame.history), selection.topic, selection.partition, selection.offset);
    const producer = found.producer === null ? null : frame.state.consumers[found.producer] === undefined ? actorId.producer(found.producer) : actorId.consumer(found.producer);
    return { producer, topic: actorId.topic(selection.topic), fetches: found.fetches.map((f) => ({ id: actorId.consumer(f.consumer), times: f.times })) };
  }, [selection, frame]);
  const pathIds = useMemo(() => (path === null ? null : new Set([path.topic, ...(path.producer === null ? [] : [path.producer]), ...path.fetches.map((f) => f.id)])), [path]);
  const isDimmed = useCallback((id: string) => (pathIds !== null ? !pathIds.has(id) : focus !== null && !isFocused(focus, id)), [focus, pathIds]);

  // Cards and edges that did not change in this step keep their objects, so React Flow skips them.
  const [nodeKeeper] = useState(() => new UnchangedKeeper<SimFlowNode>());
  const [edgeKeeper] = useState(() => new UnchangedKeeper<SimFlowEdge>());
  const nodes = useMemo(
    () =>
      nodeKeeper.keep(
        withDetail.map((n) => {
          const box = layout.boxes[n.id]!;
          const measured = sizes[`${n.id}|${n.data.detail}`];
          return { ...n, position: { x: box.x, y: box.y }, className: isDimmed(n.id) ? 'is-dimmed' : '', ...(measured === undefined ? {} : { measured }) };
        }),
      ),
    [nodeKeeper, withDetail, layout, sizes, isDimmed],
  );
  const edges = useMemo(() => {
    // The path's edges, including fetches by consumers no longer assigned the partition (a redelivery elsewhere, a crash).
    const pathEdges = new Map<string, string>();
    if (path !== null) {
      // Words only for a redelivery: a gap between columns has no room for more, and the bold line says the rest.
      if (path.producer !== null) pathEdges.set(`${path.producer}->${path.topic}`, '');
      for (const f of path.fetches) pathEdges.set(`${path.topic}->${f.id}`, f.times > 1 ? `${f.times}×` : '');
    }
    const all = [...plainEdges];
    for (const id of pathEdges.keys()) {
      if (all.some((e) => e.id === id)) continue;
      const [source, target] = id.split('->') as [string, string];
      if (layout.boxes[source] !== undefined && layout.boxes[target] !== undefined) all.push({ id, source, target, type: 'record', data: { pulses: [], label: '' } });
    }
    const routes = routeEdges(
      layout,
      all.map((e) => ({ id: e.id, source: e.source, target: e.target, bundle: e.data !== undefined && 'bundle' in e.data ? e.data.bundle : undefined })),
    );
    // Compact scenes carry many edges: their direction and travelling dots say produce or fetch, so the words go.
    const showLabels = isCompactScene !== true || isZoomedIn;
    return edgeKeeper.keep(
      all.map((e) => {
        const pathLabel = pathEdges.get(e.id);
        const className = pathLabel !== undefined ? 'is-path' : isDimmed(e.source) || isDimmed(e.target) || path !== null ? 'is-dimmed' : '';
        return { ...e, className, data: { ...e.data!, label: pathLabel ?? (showLabels ? e.data!.label : ''), points: routes[e.id] ?? [] } } as SimFlowEdge;
      }),
    );
  }, [edgeKeeper, layout, plainEdges, isCompactScene, isZoomedIn, isDimmed, path]);

  // Decide the scene's faces once the full faces are measured: a measure-then-decide layout effect.
  useLayoutEffect(() => {
    if (isCompactScene !== null || !allMeasured || pane.width === 0) return;
    const readable = wholeSceneZoom(layout.bounds, pane, orientation) >= FULL_READABLE_ZOOM;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the decision needs the measured sizes, known only after render
    setCompactScene({ key: sceneKey, isCompact: !readable });
  }, [isCompactScene, allMeasured, layout, pane, orientation, sceneKey]);

  // Fit the scene when it is first ready and whenever it changes size, unless the learner moved the view.
  const fit = useCallback(() => {
    const viewport = fitScene(layout.bounds, pane, orientation, isCompactScene === true && !isZoomedIn ? COMPACT_READABLE_ZOOM : FULL_READABLE_ZOOM);
    userMoved.current = false;
    setFitted({ key: sceneKey, viewport });
    void setViewport(viewport);
  }, [layout.bounds, pane, orientation, isCompactScene, isZoomedIn, sceneKey, setViewport]);
  const bounds = `${Math.round(layout.bounds.width)}x${Math.round(layout.bounds.height)}`;
  useLayoutEffect(() => {
    if (isCompactScene === null || !allMeasured || pane.width === 0 || isZoomedIn) return;
    if (fitted?.key === sceneKey && userMoved.current) return;
    fit();
    // Refit when the scene's size or the pane changes, not on every step.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isCompactScene, allMeasured, bounds, pane.width, pane.height, sceneKey, isZoomedIn]);

  // Stable, as React Flow copies every changed prop into its store and wakes its subscribers.
  const onNodeClick = useCallback(
    (_: unknown, node: Node) => {
      const s = selectionForNode(node);
      if (s !== null) select(s);
    },
    [select],
  );

  // The minimap is the learner's to open: it takes room from the pane.
  const [showMinimap, setShowMinimap] = useState(false);

  const onMoveEnd = useCallback(
    (_event: unknown, viewport: Viewport) => {
      if (fitted === null) return;
      const f = fitted.viewport;
      const same = Math.abs(viewport.zoom - f.zoom) < 1e-3 && Math.abs(viewport.x - f.x) < 1 && Math.abs(viewport.y - f.y) < 1;
      if (!same) userMoved.current = true;
    },
    [fitted],
  );

  // Opening or closing every full face moves every card: the card nearest the centre of the view stays
  // where it was on screen. The previous layout is what the learner was looking at.
  const shownLayout = useRef(layout);
  const anchor = useRef<{ id: string; screen: { x: number; y: number } } | null>(null);
  const wasZoomedIn = useRef(isZoomedIn);
  useLayoutEffect(() => {
    if (wasZoomedIn.current !== isZoomedIn) {
      wasZoomedIn.current = isZoomedIn;
      const before = shownLayout.current;
      const v = getViewport();
      const centre = { x: (pane.width / 2 - v.x) / v.zoom, y: (pane.height / 2 - v.y) / v.zoom };
      let nearest: { id: string; d: number } | null = null;
      for (const [id, b] of Object.entries(before.boxes)) {
        const d = Math.hypot(b.x + b.width / 2 - centre.x, b.y + b.height / 2 - centre.y);
        if (nearest === null || d < nearest.d) nearest = { id, d };
      }
      const box = nearest === null ? undefined : before.boxes[nearest.id];
      anchor.current = nearest === null || box === undefined ? null : { id: nearest.id, screen: { x: box.x * v.zoom + v.x, y: box.y * v.zoom + v.y } };
    }
    shownLayout.current = layout;
    const a = anchor.current;
    if (a === null || !allMeasured) return;
    anchor.current = null;
    const box = layout.boxes[a.id];
    if (box === undefined) return;
    const v = getViewport();
    void setViewport({ zoom: v.zoom, x: a.screen.x - box.x * v.zoom, y: a.screen.y - box.y * v.zoom });
  }, [isZoomedIn, layout, allMeasured, pane, getViewport, setViewport]);

  return (
    <div
      className={`canvas${isCompactScene === null ? ' canvas--measuring canvas--settling' : ''}${rushing ? ' canvas--rushing' : ''}`}
      aria-label="Simulation canvas"
      data-detail={isCompactScene === null ? 'measuring' : isCompactScene && !isZoomedIn ? 'compact' : 'full'}
    >
      <div className="canvas__flow">
        <ReactFlow
          key={sceneKey}
          nodes={nodes}
          edges={edges}
          onNodesChange={onNodesChange}
          onMoveEnd={onMoveEnd}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          onNodeClick={onNodeClick}
          minZoom={0.15}
          maxZoom={2}
          proOptions={PRO_OPTIONS}
        >
          <Background gap={24} />
          <Controls showInteractive={false} showFitView={false} position={isNarrow ? 'top-right' : 'bottom-left'}>
            <ControlButton onClick={fit} aria-label="Fit View" title="Fit view: the whole scene, or its start when that would make text too small to read">
              <span aria-hidden="true" className="canvas__map-icon">
                ⤢
              </span>
            </ControlButton>
            {!isNarrow && (
              <ControlButton
                onClick={() => setShowMinimap((shown) => !shown)}
                aria-label={showMinimap ? 'Hide minimap' : 'Show minimap'}
                title={showMinimap ? 'Hide minimap' : 'Show minimap'}
                aria-pressed={showMinimap}
              >
                <span aria-hidden="true" className="canvas__map-icon">
                  ▦
                </span>
              </ControlButton>
            )}
          </Controls>
        </ReactFlow>
      </div>
      {/* A strip of its own beside the pane, so it never covers a card wherever the learner pans; the pane narrows and the scene refits. */}
      {!isNarrow && showMinimap && (
        <div className="canvas__minimap-room">
          <MiniMap pannable zoomable ariaLabel="Minimap of the canvas" nodeBorderRadius={6} nodeColor={minimapColor} nodeStrokeWidth={0} position="top-left" />
        </div>
      )}
    </div>
  );
}
