import { randomUUID } from 'node:crypto';
import { seededRandom } from './seeded-random.js';

/**
 * The original project's random failures, kept as an opt-in simulation. Off unless ORDERS_SIMULATE=1.
 * With ORDERS_SIMULATION_SEED the sequence of outcomes is reproducible per Lambda instance.
 */
export interface SimulationConfig {
  readonly enabled: boolean;
  readonly seed: string;
  /** Share of verified payments rejected anyway (original: 1 in 4). */
  readonly paymentRejectRate: number;
  /** Share of items reported out of stock (original: 1 in 10). */
  readonly outOfStockRate: number;
  /** Share of charges declined (original: 1 in 4). */
  readonly declineRate: number;
}

/** The environment variables that configure the simulation. */
export const SIMULATION_ENV = {
  enabled: 'ORDERS_SIMULATE',
  seed: 'ORDERS_SIMULATION_SEED',
  paymentRejectRate: 'ORDERS_SIM_PAYMENT_REJECT_RATE',
  outOfStockRate: 'ORDERS_SIM_OUT_OF_STOCK_RATE',
  declineRate: 'ORDERS_SIM_DECLINE_RATE',
} as const;

/** A simulation setting is not usable (e.g. a rate outside 0..1). */
export class SimulationConfigError extends Error {
  override readonly name = 'SimulationConfigError';
}

function rate(env: NodeJS.ProcessEnv, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new SimulationConfigError(`${key}: expected a number from 0 to 1, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** Read the simulation settings from the environment (defaults: the original's rates, simulation off). */
export function simulationConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SimulationConfig {
  const flag = env[SIMULATION_ENV.enabled]?.toLowerCase();
  return {
    enabled: flag === '1' || flag === 'true',
    seed: env[SIMULATION_ENV.seed] || randomUUID(),
    paymentRejectRate: rate(env, SIMULATION_ENV.paymentRejectRate, 0.25),
    outOfStockRate: rate(env, SIMULATION_ENV.outOfStockRate, 0.1),
    declineRate: rate(env, SIMULATION_ENV.declineRate, 0.25),
  };
}

/** Draws simulated failures; every draw is false when the simulation is off. */
export interface Simulation {
  readonly enabled: boolean;
  rejectPayment(): boolean;
  outOfStock(): boolean;
  declineCharge(): boolean;
}

/** A simulation driven by a seeded random source (one stream per handler, named by `stream`). */
export function createSimulation(config: SimulationConfig, stream: string): Simulation {
  const random = seededRandom(`${config.seed}:${stream}`);
  const draw = (p: number) => config.enabled && random() < p;
  return {
    enabled: config.enabled,
    rejectPayment: () => draw(config.paymentRejectRate),
    outOfStock: () => draw(config.outOfStockRate),
    declineCharge: () => draw(config.declineRate),
  };
}

/** A simulation that never fails anything. */
export const NO_SIMULATION: Simulation = {
  enabled: false,
  rejectPayment: () => false,
  outOfStock: () => false,
  declineCharge: () => false,
};
