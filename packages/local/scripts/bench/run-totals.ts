import type { MotoProfile } from '@orders/moto-server';
import { callsPerOrder } from './call-mix.js';
import type { MeasuredRun } from './report.js';
import type { PoolRun } from './run-pool.js';

/** One side's measured rounds (stack or floor) added up into one run. */
export class RunTotals {
  private seconds = 0;
  private orders = 0;
  private nodeCpuMs = 0;
  private motoCpuMs = 0;
  private readonly latencies: number[] = [];
  private readonly failures: string[] = [];
  private readonly profile: Record<string, { count: number; seconds: number }> = {};

  /** Add a round: its pool run, how many orders it ran, the CPU ms it cost, moto's profile of it. */
  add(run: PoolRun, orders: number, cpuMs: { node: number; moto: number }, profile: MotoProfile): void {
    this.seconds += run.seconds;
    this.orders += orders;
    this.nodeCpuMs += cpuMs.node;
    this.motoCpuMs += cpuMs.moto;
    this.latencies.push(...run.latencies);
    this.failures.push(...run.failures);
    for (const [operation, { count, seconds }] of Object.entries(profile)) {
      const sum = this.profile[operation] ?? { count: 0, seconds: 0 };
      this.profile[operation] = { count: sum.count + count, seconds: sum.seconds + seconds };
    }
  }

  /** The rounds as one run: orders/s over the rounds' own time, the latencies of all of them. */
  measured(kind: MeasuredRun['kind'], inFlight: number): MeasuredRun {
    return {
      kind,
      inFlight,
      orders: this.orders,
      run: { seconds: this.seconds, latencies: this.latencies, failures: this.failures },
      calls: callsPerOrder(this.profile, this.orders),
      cpuMs: { node: this.nodeCpuMs / this.orders, moto: this.motoCpuMs / this.orders },
    };
  }
}
