import { describe, expect, it } from 'vitest';
import { compilePath, deepEqual, NOT_FOUND, queryPath } from '../../src/jsonpath/json-path.js';

const doc = {
  store: {
    book: [
      { title: 'A', price: 8, tags: ['x'] },
      { title: 'B', price: 12 },
      { title: 'C', price: 22, isbn: '1' },
    ],
    'odd key': { 'with.dot': 1 },
  },
  n: 0,
};

const q = (p: string, v: unknown = doc) => queryPath(compilePath(p), v);

describe('JSONPath', () => {
  it('reads definite paths with dot and bracket notation', () => {
    expect(q('$')).toBe(doc);
    expect(q('$.store.book[0].title')).toBe('A');
    expect(q("$['store']['odd key']['with.dot']")).toBe(1);
    expect(q('$.store.book[-1].title')).toBe('C');
    expect(q('$.n')).toBe(0);
  });

  it('reports NOT_FOUND for a missing definite path', () => {
    expect(q('$.nope')).toBe(NOT_FOUND);
    expect(q('$.store.book[7]')).toBe(NOT_FOUND);
    expect(q('$.n.x')).toBe(NOT_FOUND);
  });

  it('returns lists for wildcards, slices, unions and deep scans', () => {
    expect(q('$.store.book[*].title')).toEqual(['A', 'B', 'C']);
    expect(q('$.store.book[0:2].price')).toEqual([8, 12]);
    expect(q('$.store.book[0,2].title')).toEqual(['A', 'C']);
    expect(q('$..price')).toEqual([8, 12, 22]);
    expect(q('$.store.book[*].isbn')).toEqual(['1']);
    expect(compilePath('$.a[*]').definite).toBe(false);
    expect(compilePath('$.a[0].b').definite).toBe(true);
  });

  it('filters arrays with comparisons, existence and boolean operators', () => {
    expect(q('$.store.book[?(@.price > 10)].title')).toEqual(['B', 'C']);
    expect(q('$.store.book[?(@.isbn)].title')).toEqual(['C']);
    expect(q("$.store.book[?(@.price < 20 && @.title != 'A')].title")).toEqual(['B']);
    expect(q("$.store.book[?(@.title == 'A' || @.price == 22)].price")).toEqual([8, 22]);
  });

  it('supports length()', () => {
    expect(q('$.store.book.length()')).toBe(3);
  });

  it('rejects malformed paths', () => {
    expect(() => compilePath('store.book')).toThrow(/must start with \$/);
    expect(() => compilePath('$.a[')).toThrow();
  });

  it('compares JSON values structurally', () => {
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(deepEqual([1], { 0: 1 })).toBe(false);
  });
});
