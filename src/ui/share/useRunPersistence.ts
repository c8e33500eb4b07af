/**
 * Opening a shared run from the URL fragment at start-up, and keeping runs in localStorage: each
 * scenario's own (switching away and back continues where the learner was) and which scenario was on
 * screen last (a reload reopens it).
 */
import { useEffect, useState } from 'react';
import { findScenario } from '../../scenarios';
import { useSimulationStore } from '../store/simulationStore';
import { currentRun } from './currentRun';
import { decodeRun, encodeRun, parseFragment, type SharedRun } from './runLink';

/** The scenario on screen last; each scenario's run is kept under SAVED_RUN_KEY + ':' + its id. */
const LAST_SCENARIO_KEY = 'kafka-sim:last-scenario';
const SAVED_RUN_KEY = 'kafka-sim:run';
const runKey = (scenarioId: string) => `${SAVED_RUN_KEY}:${scenarioId}`;
const SAVE_EVERY_MS = 1_000;

export interface LinkProblem {
  message: string;
  /** The scenario the link was for, when known: offered from its start. */
  scenarioId: string | null;
  /** A run the learner may open anyway (made with another version of its scenario), else absent. */
  anyway?: SharedRun;
}

export interface StartUp {
  problem: LinkProblem | null;
  restored: boolean;
  embed: boolean;
  dismiss: () => void;
}

/** A run still being replayed at the first render: its outcome arrives later. */
export interface StartUpResult extends Omit<StartUp, 'dismiss'> {
  later?: Promise<Omit<StartUp, 'dismiss'>>;
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // storage blocked: the run simply is not kept
  }
}

/** The run to reopen on a reload: the last scenario's (or a run saved before runs were kept per scenario). */
function readSaved(): string | null {
  const last = read(LAST_SCENARIO_KEY);
  return (last === null ? null : read(runKey(last))) ?? read(SAVED_RUN_KEY);
}

/** Keeps the run on screen as its scenario's, and that scenario as the last one. */
function saveCurrent(): void {
  const s = useSimulationStore.getState();
  // While a run is being opened the one on screen is not the learner's: saving it would overwrite theirs.
  if (s.opening !== null) return;
  write(runKey(s.frame.scenario.id), encodeRun(currentRun(s)));
  write(LAST_SCENARIO_KEY, s.frame.scenario.id);
}

/** Forgets the run on screen (Start fresh): its scenario opens at the start next time. */
export function forgetSavedRun(): void {
  write(runKey(useSimulationStore.getState().frame.scenario.id), null);
  write(SAVED_RUN_KEY, null);
}

/**
 * Switches to another scenario keeping runs: the one on screen is saved as its scenario's, and the
 * other continues where the learner left it (or opens at its start).
 */
export function switchScenario(scenarioId: string): void {
  saveCurrent();
  const saved = read(runKey(scenarioId));
  const decoded = saved === null ? null : decodeRun(saved);
  write(LAST_SCENARIO_KEY, scenarioId);
  if (decoded?.ok === true && decoded.run.scenarioId === scenarioId) {
    // A run far along replays with its progress on screen.
    useSimulationStore.getState().openRunGradually(decoded.run, (outcome) => {
      if (outcome.kind === 'failed') startFresh(scenarioId);
    });
    return;
  }
  startFresh(scenarioId);
}

/** Nothing kept for the scenario, or kept by an older version of the site: its start. */
function startFresh(scenarioId: string): void {
  write(runKey(scenarioId), null);
  useSimulationStore.getState().loadScenario(scenarioId);
}

/**
 * At start-up, before the first render: opens the run in the URL fragment, or else the saved run.
 * A link that opened is taken off the address bar (a reload then keeps the learner's progress), except
 * in embed mode, where the page is the link.
 */
export function startFromLocation(): StartUpResult {
  const { encoded, embed, other } = parseFragment(location.hash);
  if (encoded === null && other !== null) {
    const shown = other.length > 40 ? `${other.slice(0, 40)}…` : other;
    return { problem: { message: `The address ends in "#${shown}", which is not a run this site can open.`, scenarioId: null }, restored: false, embed };
  }
  const source = encoded ?? readSaved();
  if (source === null) return { problem: null, restored: false, embed };
  const decoded = decodeRun(source);
  if (!decoded.ok) return afterOpening(decoded.message, encoded, decoded.scenarioId, decoded.anyway, embed);
  // A long replay goes on after the first render, with its progress on screen; its outcome comes later.
  const settled: { outcome: Omit<StartUp, 'dismiss'> | null } = { outcome: null };
  let tell: (result: Omit<StartUp, 'dismiss'>) => void = () => undefined;
  const later = new Promise<Omit<StartUp, 'dismiss'>>((resolve) => (tell = resolve));
  useSimulationStore.getState().openRunGradually(decoded.run, (opened) => {
    const result =
      opened.kind === 'cancelled' ? { problem: null, restored: false, embed } : afterOpening(opened.kind === 'failed' ? opened.problem : null, encoded, decoded.run.scenarioId, undefined, embed);
    settled.outcome ??= result;
    tell(result);
  });
  return settled.outcome ?? { problem: null, restored: false, embed, later };
}

/** What start-up shows once a run opened (problem null) or failed to. */
function afterOpening(problem: string | null, encoded: string | null, scenarioId: string | null, anyway: SharedRun | undefined, embed: boolean): Omit<StartUp, 'dismiss'> {
  if (problem === null) {
    if (encoded !== null && !embed) history.replaceState(null, '', location.pathname + location.search);
    return { problem: null, restored: encoded === null, embed };
  }
  if (encoded === null) {
    // A saved run that no longer opens (an older version of the site): start fresh, quietly.
    forgetSavedRun();
    useSimulationStore.getState().restart();
    return { problem: null, restored: false, embed };
  }
  useSimulationStore.getState().loadScenario(scenarioId !== null && findScenario(scenarioId) !== undefined ? scenarioId : useSimulationStore.getState().frame.scenario.id);
  return { problem: { message: problem, scenarioId, ...(anyway === undefined ? {} : { anyway }) }, restored: false, embed };
}

/** Shows the start-up outcome until dismissed, and saves the run as it changes. */
export function useRunPersistence(startUp: StartUpResult): StartUp {
  const [shown, setShown] = useState(true);
  const [result, setResult] = useState<Omit<StartUp, 'dismiss'>>(startUp);

  useEffect(() => {
    let isLive = true;
    void startUp.later?.then((outcome) => {
      if (isLive) setResult(outcome);
    });
    return () => {
      isLive = false;
    };
  }, [startUp]);

  useEffect(() => {
    let timer: number | undefined;
    const unsubscribe = useSimulationStore.subscribe(() => {
      if (timer !== undefined) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        saveCurrent();
      }, SAVE_EVERY_MS);
    });
    const flush = saveCurrent;
    window.addEventListener('pagehide', flush);
    return () => {
      unsubscribe();
      window.removeEventListener('pagehide', flush);
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, []);

  return { ...result, problem: shown ? result.problem : null, restored: shown && result.restored, dismiss: () => setShown(false) };
}
