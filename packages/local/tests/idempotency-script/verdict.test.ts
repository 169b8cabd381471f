import { describe, expect, it } from 'vitest';
import { judgeKeyedRun, type KeyedAnswer } from '../../scripts/idempotency/verdict.js';

const BODY = '{"orderId":"ord_x","state":"SUBMITTED","location":"/orders/ord_x"}';
const accepted = (over: Partial<KeyedAnswer> = {}): KeyedAnswer => ({
  firstStatus: 202,
  status: 202,
  location: '/orders/ord_x',
  text: BODY,
  ...over,
});
const run = (answers: KeyedAnswer[], over: Partial<Parameters<typeof judgeKeyedRun>[0]> = {}) =>
  judgeKeyedRun({
    answers,
    orderId: 'ord_x',
    executions: 1,
    charges: 1,
    rowChargeId: 'ch_a',
    otherBodyStatus: 422,
    ...over,
  });

describe('judgeKeyedRun', () => {
  it('passes one execution, one charge and identical 202s, counting the 409s that were retried', () => {
    const verdict = run([accepted(), accepted({ firstStatus: 409 }), accepted()]);
    expect(verdict.problems).toEqual([]);
    expect([...verdict.figures.firstStatuses]).toEqual([
      [202, 2],
      [409, 1],
    ]);
    expect([...verdict.figures.finalStatuses]).toEqual([[202, 3]]);
    expect(verdict.figures.distinct202Bodies).toBe(1);
  });

  it('passes no charge at all (a declined card charges nothing)', () => {
    expect(run([accepted()], { charges: 0, rowChargeId: undefined }).problems).toEqual([]);
  });

  it('fails 202 bodies that differ by one byte, and Locations that differ', () => {
    const verdict = run([accepted(), accepted({ text: `${BODY} `, location: '/orders/ord_y' })]);
    expect(verdict.figures.distinct202Bodies).toBe(2);
    expect(verdict.problems).toEqual([
      'the 202 answers are not identical: 2 distinct bodies',
      'the 202 answers name 2 distinct Locations',
    ]);
  });

  it('fails two executions, and none', () => {
    expect(run([accepted()], { executions: 2 }).problems).toEqual([
      '2 executions for order ord_x, expected exactly 1',
    ]);
    expect(run([accepted()], { executions: 0 }).problems).toEqual([
      '0 executions for order ord_x, expected exactly 1',
    ]);
  });

  it('fails two charges, and a row charge the provider never made', () => {
    expect(run([accepted()], { charges: 2 }).problems).toEqual([
      '2 charges for one order, expected at most 1',
    ]);
    expect(run([accepted()], { charges: 0 }).problems).toEqual([
      'the Orders row has ChargeId ch_a but the provider made no charge',
    ]);
  });

  it('fails a request still answered 409 after its retries, or any other status', () => {
    const verdict = run([
      accepted(),
      accepted({ firstStatus: 409, status: 409, text: '{"error":"RequestInFlight"}' }),
    ]);
    expect(verdict.problems).toEqual([
      '1 requests did not end in 202 (1 × 409): {"error":"RequestInFlight"}',
    ]);
  });

  it('fails a key reused with another body that is not refused with 422', () => {
    expect(run([accepted()], { otherBodyStatus: 202 }).problems).toEqual([
      'the same key with another body answered 202, expected 422',
    ]);
  });
});
