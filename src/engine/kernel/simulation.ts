/**
 * The simulation handle: owns the plain-data state, applies commands, steps through events in
 * (time, seq) order, keeps a bounded window of recent trace entries, and snapshots or restores.
 * Everything it knows is in `state`; the handle itself only adds the trace window. What the commands and
 * events do is the model's (kernel/engineModules.ts, handed in by engine.ts); the command methods below
 * are shorthands for `execute`.
 */
import type { AppHandlers } from '../apps/appTypes';
import type {
  AddTrafficSourceCommand,
  AssignCommand,
  Command,
  CommitCommand,
  CreateConsumerCommand,
  CreateProducerCommand,
  CreateTopicCommand,
  AlterTopicConfigsCommand,
  CrashBrokerCommand,
  ElectLeadersCommand,
  RestartBrokerCommand,
  CreatePartitionsCommand,
  DeleteRecordsCommand,
  ResetGroupOffsetsCommand,
  SeekCommand,
  SeekToBeginningCommand,
  SeekToEndCommand,
  SendCommand,
  StartConsumerLoopCommand,
} from '../commands';
import { fail } from '../errors';
import type { NewEvent, SimEvent } from '../events';
import type { SendReceipt } from '../clients/producer/producer';
import type { SimState } from '../state';
import { cloneSharingRecords, type StateCheckpoint } from './checkpoint';
import type { SimContext } from './context';
import type { CommandResult } from '../dispatch';
import type { EngineModules } from './engineModules';
import { heapPeek, heapPop, heapPush } from './eventQueue';
import { stateHash } from './stateHash';
import type { NewTraceEntry, TraceEntry } from './trace';
import type { DeepReadonly } from './deepReadonly';

export type { DeepReadonly };

const DEFAULT_TRACE_LIMIT = 10_000;
const DEFAULT_MAX_STEPS = 1_000_000;

export interface RunResult {
  /** Events processed by this run. */
  steps: number;
  /** True when the run stopped because the queue ran dry. */
  isIdle: boolean;
}

export class Simulation {
  #state: SimState;
  #trace: TraceEntry[] = [];
  readonly #traceLimit: number;
  /** Entries written by the step in progress, returned by step(); null outside step() (a command's go nowhere). */
  #stepEntries: TraceEntry[] | null = null;
  readonly #ctx: SimContext;
  readonly #modules: EngineModules;

  constructor(state: SimState, modules: EngineModules, traceLimit = DEFAULT_TRACE_LIMIT, handlers: AppHandlers = {}) {
    this.#state = state;
    this.#modules = modules;
    this.#traceLimit = traceLimit;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getter below is not an arrow function
    const sim = this;
    this.#ctx = {
      state,
      handlers,
      emit: (entry) => this.#emit(entry),
      get isTracing() {
        return sim.#stepEntries !== null || sim.#traceLimit > 0;
      },
      skipEntry: () => {
        this.#state.nextTraceId++;
      },
      schedule: (delayMs, event) => this.#schedule(delayMs, event),
      notify: (notice) => modules.onClientNotice(this.#ctx, notice),
    };
  }

  /** The whole state, read-only. Change it only through commands. */
  get state(): DeepReadonly<SimState> {
    return this.#state;
  }

  /** The simulated clock in ms. */
  get time(): number {
    return this.#state.time;
  }

  /** Events processed so far. */
  get stepCount(): number {
    return this.#state.stepCount;
  }

  /**
   * True when nothing but the brokers' background work (retention checks, the cleaner) is scheduled and
   * no producer still has a batch to deliver (one waiting for a leader or a retry is work to come).
   */
  get isIdle(): boolean {
    return this.#state.queue.length === this.#state.housekeepingEventCount && !this.#modules.hasWorkOutsideQueue(this.#state);
  }

  /** Time of the next event, or null when idle. */
  get nextEventTime(): number | null {
    return heapPeek(this.#state.queue)?.time ?? null;
  }

  #emit(entry: NewTraceEntry): void {
    // Callers build a fresh object per entry, so stamping it in place is safe and saves a copy per
    // record (the copy was a third of the engine's time in the bench).
    const stamped = entry as TraceEntry;
    stamped.id = this.#state.nextTraceId++;
    stamped.step = this.#state.stepCount;
    stamped.time = this.#state.time;
    this.#stepEntries?.push(stamped);
    if (this.#traceLimit <= 0) return;
    this.#trace.push(stamped);
    if (this.#trace.length > 2 * this.#traceLimit) this.#trace.splice(0, this.#trace.length - this.#traceLimit);
  }

  #schedule(delayMs: number, event: NewEvent): number {
    const seq = this.#state.nextEventSeq++;
    if (this.#modules.isHousekeeping(event)) this.#state.housekeepingEventCount++;
    // Callers hand over a fresh object, so it is stamped in place (the same keys in the same order as a
    // copy would have): a spread copy of ~50 event shapes was an eighth of a link's replay.
    const scheduled = event as SimEvent;
    scheduled.time = this.#state.time + Math.max(0, delayMs);
    scheduled.seq = seq;
    heapPush(this.#state.queue, scheduled);
    return seq;
  }

  /** Applies a command now. Throws KafkaSimError (with Kafka's error code) for input Kafka would reject. */
  execute(command: Command): CommandResult {
    // Nothing reads a command's entries from here (act() reads the trace window), so none are collected:
    // an array per send() was garbage in the bench.
    this.#stepEntries = null;
    return this.#modules.applyCommand(this.#ctx, command);
  }

  /** Schedules a command to run `delayMs` of simulated time from now, as an event. */
  schedule(delayMs: number, command: Command): void {
    if (!Number.isFinite(delayMs) || delayMs < 0) fail('SIM_INVALID_ARGUMENT', `delayMs must be 0 or more, got ${String(delayMs)}.`);
    this.#schedule(delayMs, { type: 'scheduledCommand', command });
  }

  createTopic(spec: Omit<CreateTopicCommand, 'type'>): void {
    this.execute({ type: 'createTopic', ...spec });
  }

  createProducer(spec: Omit<CreateProducerCommand, 'type'>): void {
    this.execute({ type: 'createProducer', ...spec });
  }

  /** KafkaProducer.send(): returns the partition chosen; the record is appended a few events later. */
  send(spec: Omit<SendCommand, 'type'>): SendReceipt {
    // Built field by field rather than spread: send is the per-record call, and a spread copy cost 7 % of
    // the engine's time in the bench. Absent optional fields stay absent, as the spread left them.
    const command: SendCommand = { type: 'send', producer: spec.producer, topic: spec.topic, value: spec.value };
    if (spec.key !== undefined) command.key = spec.key;
    if (spec.partition !== undefined) command.partition = spec.partition;
    if (spec.timestamp !== undefined) command.timestamp = spec.timestamp;
    if (spec.headers !== undefined) command.headers = spec.headers;
    return this.execute(command) as SendReceipt;
  }

  createConsumer(spec: Omit<CreateConsumerCommand, 'type'>): void {
    this.execute({ type: 'createConsumer', ...spec });
  }

  assign(consumer: string, partitions: AssignCommand['partitions']): void {
    this.execute({ type: 'assign', consumer, partitions });
  }

  poll(consumer: string): void {
    this.execute({ type: 'poll', consumer });
  }

  commit(consumer: string, offsets?: CommitCommand['offsets']): void {
    this.execute(offsets === undefined ? { type: 'commit', consumer } : { type: 'commit', consumer, offsets });
  }

  startConsumerLoop(spec: Omit<StartConsumerLoopCommand, 'type'>): void {
    this.execute({ type: 'startConsumerLoop', ...spec });
  }

  /** KafkaConsumer.subscribe(topics): the consumer joins its group.id at its next poll. */
  subscribe(consumer: string, topics: string[]): void {
    this.execute({ type: 'subscribe', consumer, topics });
  }

  /** Kill the consumer's process: no LeaveGroup; the group notices after session.timeout.ms. */
  crashConsumer(consumer: string): void {
    this.execute({ type: 'crashConsumer', consumer });
  }

  /** KafkaConsumer.close(): commit (auto-commit), then LeaveGroup unless the member is static. */
  closeConsumer(consumer: string): void {
    this.execute({ type: 'closeConsumer', consumer });
  }

  restartConsumer(consumer: string): void {
    this.execute({ type: 'restartConsumer', consumer });
  }

  seek(spec: Omit<SeekCommand, 'type'>): void {
    this.execute({ type: 'seek', ...spec });
  }

  /** KafkaConsumer.seekToBeginning(partitions): to the log start offset; all assigned partitions when none are named. */
  seekToBeginning(consumer: string, partitions?: SeekToBeginningCommand['partitions']): void {
    this.execute(partitions === undefined ? { type: 'seekToBeginning', consumer } : { type: 'seekToBeginning', consumer, partitions });
  }

  /** KafkaConsumer.seekToEnd(partitions): to the high watermark (LSO for read_committed); all assigned when none are named. */
  seekToEnd(consumer: string, partitions?: SeekToEndCommand['partitions']): void {
    this.execute(partitions === undefined ? { type: 'seekToEnd', consumer } : { type: 'seekToEnd', consumer, partitions });
  }

  /** Simulator control: roll the partition's active segment now. */
  rollSegment(topic: string, partition: number): void {
    this.execute({ type: 'rollSegment', topic, partition });
  }

  /** Simulator control: wake the log cleaner now. */
  runLogCleanerNow(): void {
    this.execute({ type: 'runLogCleanerNow' });
  }

  /** Simulator control: run the retention check now. */
  runRetentionCheckNow(): void {
    this.execute({ type: 'runRetentionCheckNow' });
  }

  /** kafka-consumer-groups --reset-offsets --execute (the group must be Empty). */
  resetGroupOffsets(spec: Omit<ResetGroupOffsetsCommand, 'type'>): void {
    this.execute({ type: 'resetGroupOffsets', ...spec });
  }

  /** kafka-delete-records: offsets before `beforeOffset` become unreadable (-1: the high watermark). */
  deleteRecords(spec: Omit<DeleteRecordsCommand, 'type'>): void {
    this.execute({ type: 'deleteRecords', ...spec });
  }

  /** kafka-configs --alter on a topic. */
  alterTopicConfigs(spec: Omit<AlterTopicConfigsCommand, 'type'>): void {
    this.execute({ type: 'alterTopicConfigs', ...spec });
  }

  /** kafka-topics --alter --partitions: grow a topic to `totalCount` partitions. */
  createPartitions(spec: Omit<CreatePartitionsCommand, 'type'>): void {
    this.execute({ type: 'createPartitions', ...spec });
  }

  /** Kill a broker; the controller fences it after broker.session.timeout.ms and elects new leaders. */
  crashBroker(brokerId: number): void {
    this.execute({ type: 'crashBroker', brokerId } satisfies CrashBrokerCommand);
  }

  /** Experiment: lose the next produce answer to `producer`, so it times out and retries. */
  dropNextProduceResponse(producer: string): void {
    this.execute({ type: 'dropNextProduceResponse', producer });
  }

  /** kafka-leader-election --election-type PREFERRED. */
  electLeaders(spec: Omit<ElectLeadersCommand, 'type'> = {}): void {
    this.execute({ type: 'electLeaders', ...spec });
  }

  /** Controlled shutdown: leaderships move to other in-sync replicas first, then the broker stops. */
  shutdownBroker(brokerId: number): void {
    this.execute({ type: 'shutdownBroker', brokerId });
  }

  restartBroker(brokerId: number): void {
    this.execute({ type: 'restartBroker', brokerId } satisfies RestartBrokerCommand);
  }

  addTrafficSource(spec: Omit<AddTrafficSourceCommand, 'type'>): void {
    this.execute({ type: 'addTrafficSource', ...spec });
  }

  /** Applies the next event and returns the trace entries it wrote ([] when idle). */
  step(): TraceEntry[] {
    const entries: TraceEntry[] = [];
    this.#applyNextEvent(entries);
    return entries;
  }

  /** Applies the next event, collecting what it writes into `entries` (null: nobody reads them). */
  #applyNextEvent(entries: TraceEntry[] | null): void {
    const event = heapPop(this.#state.queue);
    if (event === undefined) return;
    if (this.#modules.isHousekeeping(event)) this.#state.housekeepingEventCount--;
    this.#state.time = event.time;
    this.#stepEntries = entries;
    try {
      this.#modules.applyEvent(this.#ctx, event);
    } finally {
      this.#stepEntries = null;
    }
    this.#state.stepCount++;
  }

  /** Runs at most `n` events. */
  runSteps(n: number): RunResult {
    let steps = 0;
    while (steps < n && !this.isIdle) {
      this.#applyNextEvent(null); // nothing returns the entries
      steps++;
    }
    return { steps, isIdle: this.isIdle };
  }

  /** Runs until no event is left, or `maxSteps` events (a traffic source without a limit never idles). */
  runUntilIdle(maxSteps = DEFAULT_MAX_STEPS): RunResult {
    return this.runSteps(maxSteps);
  }

  /** Runs every event due at or before `timeMs`, then moves the clock to `timeMs`. */
  runUntilTime(timeMs: number, maxSteps = DEFAULT_MAX_STEPS): RunResult {
    let steps = 0;
    for (;;) {
      const next = this.nextEventTime;
      if (next === null || next > timeMs || steps >= maxSteps) break;
      this.#applyNextEvent(null); // nothing returns the entries
      steps++;
    }
    if (steps < maxSteps && timeMs > this.#state.time) this.#state.time = timeMs;
    return { steps, isIdle: this.isIdle };
  }

  /** Runs until a step writes an entry that satisfies `predicate`, or `maxSteps` events. */
  runUntil(predicate: (entry: TraceEntry) => boolean, maxSteps = DEFAULT_MAX_STEPS): RunResult & { entry: TraceEntry | null } {
    let steps = 0;
    while (steps < maxSteps && !this.isIdle) {
      const entries = this.step();
      steps++;
      const hit = entries.find(predicate);
      if (hit !== undefined) return { steps, isIdle: this.isIdle, entry: hit };
    }
    return { steps, isIdle: this.isIdle, entry: null };
  }

  /** The most recent trace entries (at most the trace limit), oldest first. */
  get trace(): readonly TraceEntry[] {
    return this.#trace;
  }

  /** Entries with an id greater than `id` still in the window. */
  traceSince(id: number): TraceEntry[] {
    return this.#trace.filter((e) => e.id > id);
  }

  /** A deep copy of the state: plain data, safe to keep, JSON-serialise and restore. */
  snapshot(): SimState {
    return structuredClone(this.#state);
  }

  /** A cheap copy to come back to with restoreCheckpoint() (step back): shares the immutable log records. */
  checkpoint(): StateCheckpoint {
    return { sharedRecordsState: cloneSharingRecords(this.#state) };
  }

  /** A digest of the whole state, for determinism checks. */
  hash(): string {
    return stateHash(this.#state);
  }
}
