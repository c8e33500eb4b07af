/**
 * What the synchronous calls of a scenario's `http` declaration get, read from the state: the engine
 * has no HTTP, so a call's outcome follows from who is up, the way the scenario's handler decides it
 * (AppContext.isUp). Derived, never stored.
 */
import type { ReadState } from '../../engine';
import type { HttpCall, ScenarioHttp } from '../../scenarios';
import type { CallOutcome, ServiceStatus } from './flowTypes';

/** How the canvas words each outcome. */
export const CALL_OUTCOME_TEXT: Record<CallOutcome, string> = {
  ok: '200 OK',
  timeout: 'timeout',
  'not-called': 'not called',
  'caller-down': 'no calls',
  'not-yet': 'no call yet',
};

/** As AppContext.isUp: a process answers unless it crashed or was closed (unknown names never answer). */
export function serviceStatus(state: ReadState, clientId: string): ServiceStatus {
  const memberState = state.consumers[clientId]?.memberState;
  if (memberState === undefined || memberState === 'CRASHED') return 'crashed';
  return memberState === 'CLOSED' ? 'closed' : 'up';
}

/** Has the caller run its handler at least once (a tick of its timer, or a record it processed)? */
function hasCalled(state: ReadState, caller: string): boolean {
  return Object.values(state.tickers).some((t) => t.instance === caller && t.tickCount > 0) || (state.consumers[caller]?.processedCount ?? 0) > 0;
}

/**
 * Each call's outcome, in the declared order: an up caller calls each of its callees in turn until one
 * is down; that call times out and the request fails, so the calls after it are not made.
 */
export function callOutcomes(state: ReadState, http: ScenarioHttp): { call: HttpCall; outcome: CallOutcome }[] {
  const failedCallers = new Set<string>();
  return http.calls.map((call) => {
    let outcome: CallOutcome;
    if (serviceStatus(state, call.from) !== 'up') outcome = 'caller-down';
    else if (!hasCalled(state, call.from)) outcome = 'not-yet';
    else if (failedCallers.has(call.from)) outcome = 'not-called';
    else if (serviceStatus(state, call.to) !== 'up') outcome = 'timeout';
    else outcome = 'ok';
    if (outcome === 'timeout') failedCallers.add(call.from);
    return { call, outcome };
  });
}
