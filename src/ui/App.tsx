import { ReactFlowProvider } from '@xyflow/react';
import { SCENARIOS } from '../scenarios';
import { SimulationCanvas } from './canvas/SimulationCanvas';
import { ErrorBoundary } from './ErrorBoundary';
import { Inspector } from './inspector/Inspector';
import { ChecksPanel } from './story/ChecksPanel';
import { ScenarioTables } from './story/ScenarioTables';
import { StoryPanel } from './story/StoryPanel';
import { ChartsPanel } from './panels/ChartsPanel';
import { GroupsPanel } from './panels/GroupsPanel';
import { NarrationPanel } from './panels/NarrationPanel';
import { HelpButton, HelpOverlay } from './panels/HelpOverlay';
import { PlaybackControls } from './panels/PlaybackControls';
import { SideSection } from './panels/SideSection';
import { ShareControls } from './share/ShareControls';
import { OpeningProgress } from './share/OpeningProgress';
import { StartUpNotice } from './share/StartUpNotice';
import { switchScenario, useRunPersistence, type StartUpResult } from './share/useRunPersistence';
import { ThemeToggle } from './theme/ThemeToggle';
import { Timeline } from './panels/Timeline';
import { useSimulationStore } from './store/simulationStore';

function ErrorBanner() {
  const error = useSimulationStore((s) => s.error);
  const dismiss = useSimulationStore((s) => s.dismissError);
  if (error === null) return null;
  return (
    <div className="banner" role="alert">
      <span>{error}</span>
      <button type="button" className="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}

/** Left and right arrows step through the run; on the picker they would switch scenario by accident. */
const STEP_KEYS = new Set(['ArrowLeft', 'ArrowRight']);

function ScenarioPicker() {
  const scenarioId = useSimulationStore((s) => s.frame.scenario.id);
  const title = SCENARIOS.find((s) => s.id === scenarioId)?.title;
  return (
    <label className="picker">
      <span className="picker__label">Scenario</span>
      {/* The header leaves the select room for about 25 characters; the tooltip has the whole title. */}
      {/* Switching keeps each scenario's run; ← and → are left to the playback keys (PlaybackControls). */}
      <select
        value={scenarioId}
        title={title}
        onChange={(e) => switchScenario(e.target.value)}
        onKeyDown={(e) => {
          if (STEP_KEYS.has(e.key)) e.preventDefault();
        }}
      >
        {SCENARIOS.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The canvas beside a side column, inside the error boundary that keeps the app usable. */
function Workspace({ side }: { side: React.ReactNode }) {
  const restart = useSimulationStore((s) => s.restart);
  return (
    <>
      <ErrorBanner />
      <ErrorBoundary onReset={restart}>
        <main className="app__main">
          <ReactFlowProvider>
            <SimulationCanvas />
          </ReactFlowProvider>
          <aside className="app__side">{side}</aside>
        </main>
      </ErrorBoundary>
    </>
  );
}

/** The embed view (`#embed=1&run=…`): the canvas, playback and narration, with a way out to the full site. */
function EmbeddedApp() {
  const fullSite = location.href.replace('embed=1&', '').replace(/[#&]embed=1$/, '');
  return (
    <div className="app app--embed">
      <header className="app__header">
        <a className="app__title app__title--link" href={fullSite} target="_blank" rel="noopener">
          Kafka Sim ↗
        </a>
        <PlaybackControls />
      </header>
      <OpeningProgress />
      <Workspace side={<NarrationPanel />} />
    </div>
  );
}

export function App({ startUp }: { startUp: StartUpResult }) {
  const notice = useRunPersistence(startUp);
  if (startUp.embed) return <EmbeddedApp />;
  return (
    <div className="app">
      {/* The header and the timeline: one row each on a laptop; on a phone they stay at the top as the page scrolls. */}
      <div className="app__top">
        <header className="app__header">
          <h1 className="app__title">Kafka Sim</h1>
          <ScenarioPicker />
          <PlaybackControls />
          <div className="app__tools">
            <ShareControls />
            <HelpButton />
            <ThemeToggle />
          </div>
        </header>
        <Timeline />
      </div>
      <HelpOverlay />
      <OpeningProgress />
      <StartUpNotice startUp={notice} />
      <Workspace
        side={
          <>
            <SideSection title="Story" isOpenOnPhone>
              <StoryPanel />
            </SideSection>
            <Inspector />
            <SideSection title="Consequences">
              <ChecksPanel />
            </SideSection>
            <SideSection title="Application state">
              <ScenarioTables />
            </SideSection>
            <SideSection title="Consumer groups">
              <GroupsPanel />
            </SideSection>
            <ChartsPanel />
            <SideSection title="Narration" isSheetOnPhone>
              <NarrationPanel />
            </SideSection>
          </>
        }
      />
    </div>
  );
}
