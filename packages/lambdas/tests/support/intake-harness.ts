import type { OrderRecord, TokenizedOrder } from '@orders/shared-types';
import type { VaultedCard } from '../../src/domain/card-vault.js';
import { SimulatedPaymentProvider } from '../../src/domain/simulated-payment-provider.js';
import type { HttpRequest, HttpResponse } from '../../src/intake/http.js';
import type { IdempotencyClaim, IdempotencyStore } from '../../src/intake/idempotency.js';
import { routeIntake } from '../../src/intake/intake-router.js';
import type { SubmitOrderDeps } from '../../src/intake/submit-order.js';

/** An in-memory idempotency store with the DynamoDB one's semantics (a claim is atomic). */
function memoryIdempotency(): IdempotencyStore & {
  keys: Map<string, { fingerprint: string; response?: HttpResponse }>;
} {
  const keys = new Map<string, { fingerprint: string; response?: HttpResponse }>();
  return {
    keys,
    async claim(key, fingerprint): Promise<IdempotencyClaim> {
      const held = keys.get(key);
      if (held === undefined) {
        keys.set(key, { fingerprint });
        return { kind: 'claimed' };
      }
      if (held.fingerprint !== fingerprint) return { kind: 'mismatch' };
      return held.response === undefined
        ? { kind: 'in-flight' }
        : { kind: 'completed', response: held.response };
    },
    async complete(key, fingerprint, response) {
      keys.set(key, { fingerprint, response });
    },
    async release(key) {
      keys.delete(key);
    },
  };
}

/**
 * The intake's routes over memory ports: the vault's cards, the orders started, the Orders rows and the
 * idempotency keys, for assertions; `send` routes one request (POST /orders unless told otherwise).
 */
export function intakeHarness(options: { startFails?: boolean } = {}) {
  const vault: VaultedCard[] = [];
  let tokens = 0;
  const provider = new SimulatedPaymentProvider({
    vault: { put: async (card) => void vault.push(card), get: async () => undefined },
    newToken: () => `tok_${String.fromCharCode(97 + tokens++).repeat(24)}`,
  });
  const started: TokenizedOrder[] = [];
  const rows = new Map<string, OrderRecord>();
  const idempotency = memoryIdempotency();
  const deps: SubmitOrderDeps = {
    tokenizer: provider,
    workflow: {
      async start(order) {
        if (options.startFails) throw new Error('Step Functions is down');
        if (started.some((o) => o.orderId === order.orderId)) return 'exists';
        started.push(order);
        return 'started';
      },
      // Started and not yet claimed: the harness's rows are what the workflow would have written.
      async running(orderId) {
        return started.some((o) => o.orderId === orderId) && !rows.has(orderId);
      },
    },
    orders: { get: async (id) => rows.get(id) },
    idempotency,
    inFlightWaitMs: 0,
  };
  const send = (request: Partial<HttpRequest> & { body?: string }) =>
    routeIntake({ method: 'POST', path: '/orders', headers: {}, body: undefined, ...request }, deps);
  return { send, vault, started, rows, idempotency, deps };
}
