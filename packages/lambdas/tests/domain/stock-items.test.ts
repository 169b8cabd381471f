import { describe, expect, it } from 'vitest';
import { stockItems } from '../../src/domain/stock-items.js';

describe('stockItems', () => {
  it('marks an item in stock only when the stock covers the quantity', () => {
    const result = stockItems(
      [
        { itemId: 'a', price: 1, itemDescription: 'A', quantity: 2 },
        { itemId: 'b', price: 1, itemDescription: 'B', quantity: 3 },
        { itemId: 'c', price: 1, itemDescription: 'C', quantity: 1 },
      ],
      new Map([
        ['a', 2],
        ['b', 2],
      ]),
    );
    expect(result.items.map((i) => [i.itemId, i.quantityInStock, i.inStock])).toEqual([
      ['a', 2, true],
      ['b', 2, false],
      ['c', 0, false],
    ]);
    expect(result.allInStock).toBe(false);
  });

  it('reports allInStock when every line is covered', () => {
    const result = stockItems(
      [{ itemId: 'a', price: 1, itemDescription: 'A', quantity: 1 }],
      new Map([['a', 1]]),
    );
    expect(result.allInStock).toBe(true);
  });

  it('adds up lines of the same item before comparing with the stock', () => {
    const line = { itemId: 'a', price: 1, itemDescription: 'A', quantity: 3 };
    const short = stockItems([line, line], new Map([['a', 5]])).items;
    expect(short.map((i) => [i.quantity, i.quantityOrdered, i.inStock])).toEqual([
      [3, 6, false],
      [3, 6, false],
    ]);
    expect(stockItems([line, line], new Map([['a', 6]])).allInStock).toBe(true);
  });
});
