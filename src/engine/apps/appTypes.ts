/**
 * Applications: a scenario's services (order service, notification ×2, the waitroom service...) are
 * simulated client processes whose behaviour is a handler the scenario supplies. Handlers are
 * functions, so they are not state: the simulation gets them by name (SimulationOptions.handlers) and
 * commands refer to them by name, which keeps the state plain data and runs replayable.
 */
import type { RecordHeader } from '../state';

/** A JSON-like value a service may keep in its store or memory (it is snapshotted with the state). */
export type AppValue = string | number | boolean | null | AppValue[] | { [key: string]: AppValue };
export type AppData = { [key: string]: AppValue };

/** The record a handler is given: what the consumer's poll() returned. */
export interface HandledRecord {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
  headers: readonly RecordHeader[];
  timestamp: number;
}

/** What a handler can do. Everything it does is traced and deterministic. */
export interface AppContext {
  readonly service: string;
  /** The instance running the handler (its consumer's or ticker's client id). */
  readonly instance: string;
  /** Simulated time in ms. */
  readonly now: number;
  /** The service's shared store (a database, Redis): survives instance crashes. Mutate it in place. */
  readonly store: AppData;
  /** This instance's in-memory state: lost when the instance crashes or restarts. Mutate it in place. */
  readonly memory: AppData;
  /**
   * Whether another process answers: a consumer instance that has not crashed or closed (a synchronous
   * call to it would succeed). Unknown names are down.
   */
  isUp(instance: string): boolean;
  /** A number in [0, 1) from the simulation's seeded PRNG. */
  random(): number;
  /** Sends a record through the instance's producer (KafkaProducer.send). */
  produce(topic: string, key: string | null, value: string | null, headers?: RecordHeader[]): void;
  /**
   * Records something the application did (NOTIFIED, RETRY, FRAUD_ALERT, slot freed...): a trace entry
   * the narration, the provenance and the scenario's checks read.
   */
  log(event: string, text: string, data?: AppData): void;
}

/** Called for each record the instance's poll loop processes (record set), or on each tick (record null). */
export type AppHandler = (record: HandledRecord | null, ctx: AppContext) => void;

export type AppHandlers = Readonly<Record<string, AppHandler>>;
