import { parseOrderInput } from '@orders/shared-types';
import orderSchema from '@orders/shared-types/schema/order-input.schema.json' with { type: 'json' };
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bodyText,
  bulkyOrder,
  DEEP_MARKER,
  schemaOrder,
  validOrder,
} from '../../scripts/fuzz/order-arbitraries.js';
import { fuzzRequest } from '../../scripts/fuzz/request-arbitrary.js';
import { arbitraryFromSchema, UnsupportedSchemaError } from '../../scripts/fuzz/schema-arbitrary.js';

describe('the fuzz arbitraries', () => {
  it('makes valid orders the shared schema accepts', () => {
    fc.assert(
      fc.property(validOrder, (order) => {
        parseOrderInput(JSON.parse(bodyText(order)));
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('makes bulky orders the shared schema accepts, some over 256 KiB and all within the 1 MiB body limit', () => {
    const sizes: number[] = [];
    fc.assert(
      fc.property(bulkyOrder, (order) => {
        const text = bodyText(order);
        parseOrderInput(JSON.parse(text));
        sizes.push(Buffer.byteLength(text));
      }),
      { numRuns: 50, seed: 42 },
    );
    expect(Math.max(...sizes)).toBeGreaterThan(256 * 1024);
    expect(Math.max(...sizes)).toBeLessThan(1024 * 1024);
  });

  it('makes schema orders with every required field and no other', () => {
    const { required, properties } = orderSchema as { required: string[]; properties: object };
    fc.assert(
      fc.property(schemaOrder, (order) => {
        const keys = Object.keys(order as object);
        expect(required.every((key) => keys.includes(key))).toBe(true);
        expect(keys.every((key) => key in properties)).toBe(true);
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  it('refuses a schema keyword it does not know, naming where', () => {
    expect(() => arbitraryFromSchema({ type: 'string', format: 'email' } as never)).toThrow(
      UnsupportedSchemaError,
    );
    expect(() =>
      arbitraryFromSchema({
        type: 'object',
        properties: { a: { type: 'boolean' } },
        additionalProperties: false,
      } as never),
    ).toThrow("#/properties/a: type 'boolean' is not supported");
  });

  it('nests one deep value per body, and leaves the others as their marker', () => {
    const text = bodyText({ a: `${DEEP_MARKER}3:array`, b: `${DEEP_MARKER}2:object` });
    expect(text).toBe('{"a":[[[]]],"b":"\\u0000deep:2:object"}');
    expect(JSON.parse(bodyText({ a: `${DEEP_MARKER}2:object` }))).toEqual({ a: { a: { a: null } } });
  });

  it('makes requests of every generator, within a few megabytes each', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fuzzRequest, (request) => {
        seen.add(request.generator);
        const size = typeof request.body === 'string' ? Buffer.byteLength(request.body) : request.body.length;
        expect(size).toBeLessThan(4 * 1024 * 1024);
      }),
      { numRuns: 1500, seed: 42 },
    );
    expect([...seen].sort()).toEqual([
      'bulky',
      'bytes',
      'json',
      'mutated',
      'oversize',
      'schema',
      'text',
      'valid',
    ]);
  });
});
