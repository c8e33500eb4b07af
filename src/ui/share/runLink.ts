/**
 * Share links: a run (scenario, seed, the learner's actions with their engine steps, the engine step it
 * is at, the view) in the URL fragment, compressed with lz-string and decoded through a zod schema.
 * Decoding is strict: anything wrong gives a message naming what is wrong, never a silently different run.
 *
 * Format 2 counts engine steps, which mean the same whatever the internal-steps toggle; format 1 counted
 * UI steps, whose meaning changes with the toggle, so a format-1 link made with the toggle changed on the
 * way reopened a different run (issue 18). Format-1 links are refused with a message that says so.
 */
import lz from 'lz-string';
// zod/mini: the same validation as zod at a fraction of the bundle (every kB counts on a phone).
import { z } from 'zod/mini';
import type { Command } from '../../engine';
import { findScenario } from '../../scenarios';
import { SPEEDS } from '../machines/playbackMachine';
import type { Selection } from '../store/selection';

export const LINK_FORMAT_VERSION = 2;
/** Beyond this many characters a link is unwieldy: offer a run file instead. */
export const MAX_LINK_LENGTH = 2_000;
const MAX_PAYLOAD_CHARS = 200_000;
const MAX_ACTIONS = 2_000;
/** A link opens at most this many engine events into a run (a UI step is a few events; 100,000 UI steps of food ordering are about 600,000). */
export const MAX_ENGINE_STEP = 2_000_000;

/** Every command a learner can take; the engine validates each one again when the run is replayed. */
const COMMAND_TYPES = [
  'createTopic',
  'createProducer',
  'send',
  'createConsumer',
  'assign',
  'poll',
  'commit',
  'startConsumerLoop',
  'subscribe',
  'crashConsumer',
  'closeConsumer',
  'restartConsumer',
  'setProcessingPaused',
  'seek',
  'resetGroupOffsets',
  'deleteRecords',
  'alterTopicConfigs',
  'createPartitions',
  'crashBroker',
  'restartBroker',
  'shutdownBroker',
  'electLeaders',
  'dropNextProduceResponse',
  'initTransactions',
  'beginTransaction',
  'commitTransaction',
  'abortTransaction',
  'sendOffsetsToTransaction',
  'addTrafficSource',
  'addTicker',
  'setTickerRunning',
  'setTrafficSourceRunning',
  'seekToBeginning',
  'seekToEnd',
  'rollSegment',
  'runLogCleanerNow',
  'runRetentionCheckNow',
  'createShareConsumer',
  'shareSubscribe',
  'sharePoll',
  'shareAcknowledge',
  'startShareConsumerLoop',
  'alterShareGroupConfigs',
] as const satisfies readonly Command['type'][];
// Fails to compile when a command type is added to the engine and not here.
type Missing = Exclude<Command['type'], (typeof COMMAND_TYPES)[number]>;
export const EVERY_COMMAND_LISTED: Missing extends never ? true : Missing = true;

export interface SharedRun {
  scenarioId: string;
  scenarioVersion: number;
  seed: number;
  /** The engine step (the engine's step count) the link opens at. */
  engineStep: number;
  actions: { atEngineStep: number; command: Command }[];
  selection: Selection | null;
  /** Whether steps stop at internal entries too: it changes what a step is, so the link keeps it. */
  showInternal: boolean;
  /** Playback speed (one of SPEEDS); links made before it was kept open at 1x. */
  speed: number;
}

const name = z.string().check(z.minLength(1), z.maxLength(300));
const selectionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('record'), topic: name, partition: z.int().check(z.minimum(0)), offset: z.int().check(z.minimum(0)) }),
  z.strictObject({ kind: z.literal('partition'), topic: name, partition: z.int().check(z.minimum(0)) }),
  z.strictObject({ kind: z.literal('topic'), topic: name }),
  z.strictObject({ kind: z.literal('group'), groupId: name }),
  z.strictObject({ kind: z.literal('consumer'), clientId: name }),
  z.strictObject({ kind: z.literal('producer'), clientId: name }),
  z.strictObject({ kind: z.literal('broker'), brokerId: z.int().check(z.minimum(0)) }),
  z.strictObject({ kind: z.literal('transaction'), transactionalId: name }),
]);
/** A command as [type, its other fields]; whether it makes sense is checked by the engine on replay. */
const commandSchema = z.tuple([z.enum(COMMAND_TYPES), z.looseObject({})]);
const payloadSchema = z.strictObject({
  v: z.literal(LINK_FORMAT_VERSION),
  sc: name,
  sv: z.int().check(z.minimum(0)),
  seed: z.int().check(z.minimum(-(2 ** 31)), z.maximum(2 ** 32)),
  st: z.int().check(z.minimum(0), z.maximum(MAX_ENGINE_STEP)),
  /** Each action's engine step as the gap from the previous action's (compresses well, and is in order by construction). */
  s: z.array(z.int().check(z.minimum(0), z.maximum(MAX_ENGINE_STEP))).check(z.maxLength(MAX_ACTIONS)),
  c: z.array(commandSchema).check(z.maxLength(MAX_ACTIONS)),
  sel: z.optional(z.nullable(selectionSchema)),
  in: z.optional(z.literal(1)),
  /** Playback speed, left out at 1x. */
  sp: z.optional(z.union(SPEEDS.map((s) => z.literal(s)))),
});

/**
 * A failure names the scenario when known (to offer its start); `anyway` is a run that can still be
 * opened if the learner chooses to (a link made with another version of its scenario, whose run may differ).
 */
export type DecodeResult = { ok: true; run: SharedRun } | { ok: false; message: string; scenarioId: string | null; anyway?: SharedRun };

export function encodeRun(run: SharedRun): string {
  const gaps = run.actions.map((a, i) => a.atEngineStep - (i === 0 ? 0 : run.actions[i - 1]!.atEngineStep));
  const commands = run.actions.map(({ command }) => {
    const { type, ...fields } = command;
    return [type, fields];
  });
  const payload = {
    v: LINK_FORMAT_VERSION,
    sc: run.scenarioId,
    sv: run.scenarioVersion,
    seed: run.seed,
    st: run.engineStep,
    s: gaps,
    c: commands,
    sel: run.selection,
    ...(run.showInternal ? { in: 1 } : {}),
    ...(run.speed === 1 ? {} : { sp: run.speed }),
  };
  return lz.compressToEncodedURIComponent(JSON.stringify(payload));
}

/** The fragment of a link: `run=…`, plus `embed=1` for the embed view. */
export function runFragment(run: SharedRun, options: { embed?: boolean } = {}): string {
  return `${options.embed === true ? 'embed=1&' : ''}run=${encodeRun(run)}`;
}

/** What a schema issue is about, in words: 'the step', 'action 3', 'the moment of action 2'. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const [head, index] = issue.path;
  const nth = typeof index === 'number' ? index + 1 : null;
  if (head === 'c' && nth !== null) return `action ${nth}`;
  if (head === 's' && nth !== null) return `the moment of action ${nth}`;
  const field: Record<string, string> = {
    sp: 'the speed',
    in: 'the internal-steps flag',
    v: 'the format version',
    sc: 'the scenario',
    sv: 'the scenario version',
    seed: 'the seed',
    st: 'the moment it opens at',
    s: 'the moments of the actions',
    c: 'the actions',
    sel: 'the selection',
  };
  if (head === undefined) return 'what it holds';
  return field[String(head)] ?? `a field it should not have ("${String(head).slice(0, 40)}")`;
}

/** Decodes the compressed payload of a link; `scenarioId` is given back when known, to offer its start. */
export function decodeRun(encoded: string): DecodeResult {
  if (encoded.length === 0) return { ok: false, message: 'The link has no run in it.', scenarioId: null };
  if (encoded.length > MAX_PAYLOAD_CHARS) return { ok: false, message: `The link is too long (${encoded.length} characters; at most ${MAX_PAYLOAD_CHARS}).`, scenarioId: null };
  let text: string | null;
  try {
    text = lz.decompressFromEncodedURIComponent(encoded);
  } catch {
    text = null;
  }
  if (text === null || text === '') return { ok: false, message: 'The link is truncated or damaged: its data cannot be decompressed. Was it copied in full?', scenarioId: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'The link is damaged: its data is not valid JSON.', scenarioId: null };
  }
  const version = (json as { v?: unknown } | null)?.v;
  if (typeof json === 'object' && json !== null && version === 1) {
    const old = typeof (json as { sc?: unknown }).sc === 'string' ? findScenario((json as { sc: string }).sc) : undefined;
    return {
      ok: false,
      message: `The link was made by an earlier version of Kafka Sim, which counted steps differently, so it could open a different run${old === undefined ? '' : ` of "${old.title}"`}.`,
      scenarioId: old?.id ?? null,
    };
  }
  if (typeof json === 'object' && json !== null && version !== LINK_FORMAT_VERSION) {
    return { ok: false, message: `The link uses format version ${version === undefined ? 'none' : JSON.stringify(version)}; this site reads version ${LINK_FORMAT_VERSION}.`, scenarioId: null };
  }
  const parsed = payloadSchema.safeParse(json);
  const guessedScenario = typeof (json as { sc?: unknown }).sc === 'string' ? (json as { sc: string }).sc : null;
  const known = guessedScenario === null ? null : (findScenario(guessedScenario)?.id ?? null);
  if (!parsed.success) return { ok: false, message: `The link is damaged: ${describeIssue(parsed.error.issues[0]!)} is not valid.`, scenarioId: known };
  const p = parsed.data;
  const scenario = findScenario(p.sc);
  if (scenario === undefined) return { ok: false, message: `The link is for a scenario "${p.sc}" that this site does not have.`, scenarioId: null };
  if (p.s.length !== p.c.length) return { ok: false, message: `The link is damaged: it has ${p.c.length} actions but ${p.s.length} action steps.`, scenarioId: scenario.id };
  let at = 0;
  const steps = p.s.map((gap) => (at += gap));
  const late = steps.findIndex((step) => step > p.st);
  if (late >= 0) return { ok: false, message: `The link is damaged: action ${late + 1} is at engine step ${steps[late]!}, after the one it opens at (${p.st}).`, scenarioId: scenario.id };
  const run: SharedRun = {
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    seed: p.seed,
    engineStep: p.st,
    actions: p.c.map(([type, fields], i) => ({ atEngineStep: steps[i]!, command: { ...fields, type } as unknown as Command })),
    selection: p.sel ?? null,
    showInternal: p.in === 1,
    speed: p.sp ?? 1,
  };
  if (p.sv !== scenario.version) {
    const which = p.sv < scenario.version ? 'an earlier' : 'a later';
    const message = `This link was made with ${which} version of "${scenario.title}" (version ${p.sv}; this site has version ${scenario.version}), so the run may differ from the one its maker saw.`;
    return { ok: false, message, scenarioId: scenario.id, anyway: run };
  }
  return { ok: true, run };
}

/**
 * Reads a location fragment ("#embed=1&run=…"). `encoded` is null when it holds no run; `other` is
 * what the fragment holds besides `run=` and `embed=1` (a mistyped link), or null when nothing.
 */
export function parseFragment(hash: string): { encoded: string | null; embed: boolean; other: string | null } {
  // Split by hand: URLSearchParams would turn the '+' of lz-string's alphabet into spaces.
  const parts = hash
    .replace(/^#/, '')
    .split('&')
    .filter((p) => p !== '');
  const run = parts.find((p) => p.startsWith('run='));
  const rest = parts.filter((p) => p !== run && p !== 'embed=1');
  return { encoded: run === undefined ? null : run.slice('run='.length), embed: parts.includes('embed=1'), other: rest.length === 0 ? null : rest.join('&') };
}
