/**
 * Cases the intake fuzz (`pnpm --filter @orders/local run fuzz`) shrank to, or found worth keeping: each
 * answer must be a 202 or a 4xx naming the field, never a 5xx, and never repeat a card number.
 */
import { EXAMPLE_ORDERS, INVENTORY_FIXTURE, parseOrderInput } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../src/intake/http.js';
import { MAX_BODY_BYTES } from '../../src/intake/submit-order.js';
import { MAX_WORKFLOW_INPUT_BYTES, workflowInputBytes } from '../../src/intake/workflow-input-size.js';
import { intakeHarness } from '../support/intake-harness.js';

const ORDER = EXAMPLE_ORDERS.success;
const CARD = ORDER.paymentDetails.cardNumber.replace(/\D/g, '');
const parsed = (response: HttpResponse) =>
  JSON.parse(response.body) as {
    error: string;
    message: string;
    issues?: { path: string; message: string }[];
  };
const json = (headers: Record<string, string> = {}) => ({ 'content-type': 'application/json', ...headers });

/** The fuzz's bulky shrunk case: `lines` lines of one-cent items whose descriptions are `length` characters. */
function bulky(lines: number, length: number) {
  const inStock = INVENTORY_FIXTURE.filter((item) => item.quantityInStock > 0);
  const items = Array.from({ length: lines }, (_, i) => ({
    itemId: inStock[i % inStock.length]?.itemId ?? 'item',
    price: 0.01,
    itemDescription: 'd'.repeat(length),
  }));
  return { ...ORDER, orderContents: { items }, orderTotal: lines / 100 };
}

describe('fuzz regressions: POST /orders', () => {
  it('never echoes a 16-digit price, which the total rule used to quote as the expected sum', async () => {
    // Shrunk by the fuzz (seed 1054906591): a price of 16 digits, too large, and the total that did not match
    // it. The price's own issue masked it; the total's message named the expected sum in clear.
    const { send } = intakeHarness();
    const line = { itemId: 'item-c9f4x', price: 4111111111110992, itemDescription: 'x' };
    const body = { ...ORDER, orderContents: { items: [line] }, orderTotal: 0.02 };
    const response = await send({ headers: json(), body: JSON.stringify(body) });
    expect(response.statusCode).toBe(400);
    expect(parsed(response).issues?.map((i) => i.path)).toEqual([
      'orderContents.items[0].price',
      'orderTotal',
    ]);
    expect(response.body).not.toMatch(/4111111111110|4111111111111111/);
    expect(response.body).toContain('**** 0992');
  });

  it('refuses an order too large for the workflow input with 413 naming orderContents.items, and vaults nothing (was a 500)', async () => {
    // Shrunk by the fuzz: a 255,453-byte body, within the 1 MiB limit, whose card-free order (each line's
    // quantity filled in) was over the 256 KiB StartExecution takes: the start failed and the API answered 500.
    const { send, vault, started } = intakeHarness();
    const response = await send({ headers: json(), body: JSON.stringify(bulky(500, 430)) });
    expect(response.statusCode).toBe(413);
    expect(parsed(response)).toMatchObject({ error: 'OrderTooLarge' });
    expect(parsed(response).message).toMatch(
      /^orderContents\.items: the order takes \d+ bytes as the workflow's input, expected at most 245760/,
    );
    expect(vault).toEqual([]);
    expect(started).toEqual([]);
  });

  it('starts the largest order that fits, and measures its input exactly as it is sent', async () => {
    const { send, started } = intakeHarness();
    // Grow the descriptions until the next character would no longer fit.
    let length = 1;
    const bytesAt = (n: number) =>
      workflowInputBytes(parseOrderInput({ ...bulky(500, n), orderId: 'big' }), 'big');
    while ((await bytesAt(length + 1)) <= MAX_WORKFLOW_INPUT_BYTES) length++;
    const response = await send({
      headers: json(),
      body: JSON.stringify({ ...bulky(500, length), orderId: 'big' }),
    });
    expect(response.statusCode).toBe(202);
    expect(Buffer.byteLength(JSON.stringify(started[0]))).toBe(await bytesAt(length));
    expect(await bytesAt(length + 1)).toBeGreaterThan(MAX_WORKFLOW_INPUT_BYTES);
  });

  it('answers a value nested 100,000 deep with 400 naming the field', async () => {
    const { send } = intakeHarness();
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const text = JSON.stringify({ ...ORDER, customerId: 'MARK' }).replace('"MARK"', deep);
    const response = await send({ headers: json(), body: text });
    expect(response.statusCode).toBe(400);
    expect(parsed(response).issues).toEqual([
      { path: 'customerId', message: 'expected a string, got an array of 1' },
    ]);
  });

  it('answers an object nested 100,000 deep in an unknown field with 400 naming it', async () => {
    const { send } = intakeHarness();
    const deep = `${'{"a":'.repeat(100_000)}null${'}'.repeat(100_000)}`;
    const text = JSON.stringify({ ...ORDER, extra: 'MARK' }).replace('"MARK"', deep);
    const response = await send({ headers: json(), body: text });
    expect(response.statusCode).toBe(400);
    expect(parsed(response).issues).toEqual([{ path: 'extra', message: 'unexpected field, got an object' }]);
  });

  it('answers a __proto__ field holding a card number with 400 naming it, the number masked', async () => {
    const { send } = intakeHarness();
    const text = JSON.stringify(ORDER).replace(
      '"paymentDetails":{',
      `"paymentDetails":{"__proto__":"${CARD}",`,
    );
    const response = await send({ headers: json(), body: text });
    expect(response.statusCode).toBe(400);
    expect(parsed(response).issues?.map((i) => i.path)).toEqual(['paymentDetails.__proto__']);
    expect(response.body).not.toContain(CARD);
  });

  it('answers bytes that are not UTF-8 with 400 naming the body', async () => {
    const { send } = intakeHarness();
    const response = await send({
      headers: json(),
      body: Buffer.from([0xff, 0xfe, 0x7b, 0x80]).toString('utf8'),
    });
    expect(response.statusCode).toBe(400);
    expect(parsed(response).message).toBe('body: expected a JSON object (the order)');
  });

  it('answers an empty Idempotency-Key with 400 naming the header, an empty media type with 415', async () => {
    const { send } = intakeHarness();
    const keyless = await send({ headers: json({ 'idempotency-key': '' }), body: JSON.stringify(ORDER) });
    expect(keyless.statusCode).toBe(400);
    expect(parsed(keyless).message).toBe('Idempotency-Key: expected a non-empty key');
    const blank = await send({ headers: { 'content-type': '' }, body: JSON.stringify(ORDER) });
    expect(blank.statusCode).toBe(415);
    expect(parsed(blank).message).toMatch(/^content-type: /);
  });

  it('answers a total of 1e308 and 1001 lines with 400 naming each field', async () => {
    const { send } = intakeHarness();
    const huge = await send({ headers: json(), body: JSON.stringify({ ...ORDER, orderTotal: 1e308 }) });
    expect(huge.statusCode).toBe(400);
    expect(new Set(parsed(huge).issues?.map((i) => i.path))).toEqual(new Set(['orderTotal']));
    const lines = Array.from({ length: 1001 }, () => ORDER.orderContents.items[0]);
    const many = await send({
      headers: json(),
      body: JSON.stringify({ ...ORDER, orderContents: { items: lines } }),
    });
    expect(many.statusCode).toBe(400);
    expect(parsed(many).issues?.map((i) => i.path)).toContain('orderContents.items');
  });

  it('answers a body one byte over the limit with 413 naming the body', async () => {
    const { send } = intakeHarness();
    const response = await send({ headers: json(), body: 'x'.repeat(MAX_BODY_BYTES + 1) });
    expect(response.statusCode).toBe(413);
    expect(parsed(response).message).toBe(`body: expected at most ${MAX_BODY_BYTES} bytes`);
  });
});
