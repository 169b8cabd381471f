import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createVirtualTime, StateMachine, TaskError, type TaskRequest } from '../src/index.js';

// The original order workflow lives beside the repository clone: <clone>/../shared/seed.
const seedDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/seed');
const available = existsSync(resolve(seedDir, 'workflow.asl.json'));
if (!available)
  console.warn(`[asl-engine] seed workflow not found at ${seedDir}: skipping the seed workflow test`);

describe.skipIf(!available)('seed order workflow', () => {
  const load = () => StateMachine.load(readFileSync(resolve(seedDir, 'workflow.asl.json'), 'utf8'));
  const input = () => JSON.parse(readFileSync(resolve(seedDir, 'input.json'), 'utf8'));

  function handlers(opts: { stock?: number; decline?: boolean; verified?: boolean } = {}) {
    const calls: string[] = [];
    const handler = async (req: TaskRequest) => {
      const p = req.parameters as {
        FunctionName?: string;
        Payload?: { items?: Array<Record<string, unknown>> };
      };
      calls.push(req.resource.split(':').at(-1) + (p.FunctionName ? `:${p.FunctionName.split(':')[6]}` : ''));
      if (req.resource === 'arn:aws:states:::lambda:invoke') {
        const fn = p.FunctionName ?? '';
        if (fn.includes('PaymentVerifier'))
          return { StatusCode: 200, Payload: { paymentVerified: opts.verified ?? true } };
        if (fn.includes('ItemsInStockRetriever'))
          return {
            StatusCode: 200,
            Payload: (p.Payload?.items ?? []).map((i) => ({ ...i, quantityInStock: opts.stock ?? 5 })),
          };
        if (opts.decline) throw new TaskError('PaymentError', 'card declined');
        return { StatusCode: 200, Payload: { paymentResult: 'SUCCESS', chargeId: 'ch-1' } };
      }
      return {};
    };
    return { calls, dispatcher: { resolve: () => handler } };
  }

  it('processes an order end to end', async () => {
    const h = handlers();
    const t = createVirtualTime();
    const exec = load().start(input(), { dispatcher: h.dispatcher, clock: t.clock, sleep: t.sleep });
    const result = await exec.result;
    expect(result.status).toBe('SUCCEEDED');
    expect(h.calls).toEqual([
      'invoke:PaymentVerifier',
      'invoke:ItemsInStockRetriever',
      'invoke:chargePaymentMethod',
      'putItem',
      'publish',
    ]);
    const types = exec.history().map((e) => e.type);
    expect(types).toContain('MapRunStarted');
    expect(types.at(-1)).toBe('ExecutionSucceeded');
  });

  it('records PAYMENT_FAILED when the charge is declined, and fails when an item is out of stock', async () => {
    const declined = handlers({ decline: true });
    const r1 = await load().start(input(), { dispatcher: declined.dispatcher }).result;
    expect(r1.status).toBe('SUCCEEDED');
    expect(declined.calls.slice(-2)).toEqual(['putItem', 'publish']);

    const empty = handlers({ stock: 0 });
    const r2 = await load().start(input(), { dispatcher: empty.dispatcher }).result;
    expect(r2).toEqual({ status: 'FAILED' });
    expect(empty.calls).not.toContain('invoke:chargePaymentMethod');
  });
});
