import type { RecordedRequest } from '@orders/moto-server';
import { CARD_TOKEN_PATTERN } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { callsOfOrder, tokenFor } from '../../scripts/bench/floor.js';

const call = (operation: string, body: object): RecordedRequest =>
  ({ operation, method: 'POST', path: '/', headers: {}, body: JSON.stringify(body) }) as RecordedRequest;

describe('callsOfOrder', () => {
  it('takes the calls naming the order id or its card token, in the order moto received them', () => {
    const token = 'tok_abcdefghijklmnopqrstuvwx';
    const recent = [
      call('dynamodb:PutItem', { TableName: 'vault', Item: { Token: { S: token } } }),
      call('dynamodb:PutItem', { TableName: 'orders', Item: { OrderId: { S: 'o-1' } } }),
      call('dynamodb:PutItem', { TableName: 'orders', Item: { OrderId: { S: 'o-2' } } }),
      call('dynamodb:GetItem', { TableName: 'vault', Key: { Token: { S: token } } }),
    ];
    expect(callsOfOrder(recent, 'o-1', [token]).map((c) => c.body)).toEqual([
      recent[0]?.body,
      recent[1]?.body,
      recent[3]?.body,
    ]);
    expect(callsOfOrder(recent, 'o-1')).toHaveLength(1);
  });

  it("gives each floor order a token of the provider's shape of its own", () => {
    expect(tokenFor('o-1')).toMatch(CARD_TOKEN_PATTERN);
    expect(tokenFor('o-1')).toBe(tokenFor('o-1'));
    expect(tokenFor('o-2')).not.toBe(tokenFor('o-1'));
  });
});
