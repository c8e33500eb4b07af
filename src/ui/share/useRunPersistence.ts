/**
 * Opening a shared run from the URL fragment at start-up, and keeping the current run in
 * localStorage so a reload loses nothing.
 */
import { useEffect, useState } from 'react';
import { findScenario } from '../../scenarios';
import { useSimulationStore } from '../store/simulationStore';
import { currentRun } from './currentRun';
import { decodeRun, encodeRun, parseFragment } from './runLink';

const SAVED_RUN_KEY = 'kafka-sim:run';
const SAVE_EVERY_MS = 1_000;

export interface LinkProblem {
  message: string;
  /** The scenario the link was for, when known: offered from its start. */
  scenarioId: string | null;
}

export interface StartUp {
  problem: LinkProblem | null;
  restored: boolean;
  embed: boolean;
  dismiss: () => void;
}

function readSaved(): string | null {
  try {
    return localStorage.getItem(SAVED_RUN_KEY);
  } catch {
    return null;
  }
}

function save(encoded: string | null): void {
  try {
    if (encoded === null) localStorage.removeItem(SAVED_RUN_KEY);
    else localStorage.setItem(SAVED_RUN_KEY, encoded);
  } catch {
    // storage blocked: the run simply is not kept
  }
}

export function forgetSavedRun(): void {
  save(null);
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
  const problem = decoded.ok ? useSimulationStore.getState().openRun(decoded.run) : decoded.message;
  if (problem === null) {
    if (encoded !== null && !embed) history.replaceState(null, '', location.pathname + location.search);
    return { problem: null, restored: encoded === null, embed };
  }
  if (encoded === null) {
    // A saved run that no longer opens (an older version of the site): start fresh, quietly.
    save(null);
    useSimulationStore.getState().restart();
    return { problem: null, restored: false, embed };
  }
  const scenarioId = decoded.ok ? decoded.run.scenarioId : decoded.scenarioId;
  useSimulationStore.getState().loadScenario(scenarioId !== null && findScenario(scenarioId) !== undefined ? scenarioId : useSimulationStore.getState().scenario.id);
  return { problem: { message: problem, scenarioId }, restored: false, embed };
}

export type StartUpResult = Omit<StartUp, 'dismiss'>;

/** Shows the start-up outcome until dismissed, and saves the run as it changes. */
export function useRunPersistence(result: StartUpResult): StartUp {
  const [shown, setShown] = useState(true);

  useEffect(() => {
    let timer: number | undefined;
    const unsubscribe = useSimulationStore.subscribe(() => {
      if (timer !== undefined) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        save(encodeRun(currentRun(useSimulationStore.getState())));
      }, SAVE_EVERY_MS);
    });
    const flush = () => save(encodeRun(currentRun(useSimulationStore.getState())));
    window.addEventListener('pagehide', flush);
    return () => {
      unsubscribe();
      window.removeEventListener('pagehide', flush);
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, []);

  return { ...result, problem: shown ? result.problem : null, restored: shown && result.restored, dismiss: () => setShown(false) };
}
