import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/runtime/seeded-random.js';
import {
  createSimulation,
  SimulationConfigError,
  simulationConfigFromEnv,
} from '../../src/runtime/simulation.js';

describe('simulation', () => {
  it('is off by default, with the original rates', () => {
    const config = simulationConfigFromEnv({});
    expect(config).toMatchObject({
      enabled: false,
      paymentRejectRate: 0.25,
      outOfStockRate: 0.1,
      declineRate: 0.25,
    });
    const sim = createSimulation(config, 'x');
    expect(
      Array.from({ length: 100 }, () => sim.rejectPayment() || sim.outOfStock() || sim.declineCharge()),
    ).not.toContain(true);
  });

  it('reads the switch, seed and rates from the environment', () => {
    const config = simulationConfigFromEnv({
      ORDERS_SIMULATE: '1',
      ORDERS_SIMULATION_SEED: 'abc',
      ORDERS_SIM_PAYMENT_REJECT_RATE: '0.5',
      ORDERS_SIM_OUT_OF_STOCK_RATE: '0',
      ORDERS_SIM_DECLINE_RATE: '1',
    });
    expect(config).toEqual({
      enabled: true,
      seed: 'abc',
      paymentRejectRate: 0.5,
      outOfStockRate: 0,
      declineRate: 1,
    });
    const sim = createSimulation(config, 'x');
    expect(sim.declineCharge()).toBe(true);
    expect(sim.outOfStock()).toBe(false);
  });

  it('rejects a rate outside 0..1, naming the variable and value', () => {
    expect(() => simulationConfigFromEnv({ ORDERS_SIM_DECLINE_RATE: '1.5' })).toThrow(SimulationConfigError);
    expect(() => simulationConfigFromEnv({ ORDERS_SIM_DECLINE_RATE: 'x' })).toThrow(
      'ORDERS_SIM_DECLINE_RATE: expected a number from 0 to 1, got "x"',
    );
  });

  it('is reproducible for a seed and close to the configured rates', () => {
    const env = { ORDERS_SIMULATE: '1', ORDERS_SIMULATION_SEED: 'seed-42' };
    const draw = () => {
      const sim = createSimulation(simulationConfigFromEnv(env), 'verify-payment');
      return Array.from({ length: 4000 }, () => sim.rejectPayment());
    };
    const a = draw();
    expect(draw()).toEqual(a);
    const share = a.filter(Boolean).length / a.length;
    expect(share).toBeGreaterThan(0.22);
    expect(share).toBeLessThan(0.28);
  });

  it('gives different streams for different seeds', () => {
    const a = seededRandom('a');
    const b = seededRandom('b');
    expect([a(), a(), a()]).not.toEqual([b(), b(), b()]);
    for (let i = 0; i < 1000; i++) {
      const v = a();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
  });
});
