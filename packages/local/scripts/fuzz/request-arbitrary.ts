import fc from 'fast-check';
import { bodyText, bulkyOrder, mutatedOrder, schemaOrder, validOrder } from './order-arbitraries.js';

/** Where a fuzz body came from: the counts are kept per generator. */
export const GENERATORS = [
  'valid',
  'bulky',
  'schema',
  'mutated',
  'json',
  'text',
  'bytes',
  'oversize',
] as const;
export type GeneratorName = (typeof GENERATORS)[number];

/** One `POST /orders` the fuzz sends. */
export interface FuzzRequest {
  readonly generator: GeneratorName;
  readonly body: string | Uint8Array;
  /** The Content-Type header; none when undefined. */
  readonly contentType: string | undefined;
  /** The Idempotency-Key header; none when undefined. */
  readonly idempotencyKey: string | undefined;
}

/** The intake's largest body (1 MiB): the oversize generator goes past it. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Mostly JSON's own media type, sometimes none, another one, or a made-up one. */
const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 20, arbitrary: fc.constant('application/json') },
  { weight: 3, arbitrary: fc.constant('application/json; charset=utf-8') },
  { weight: 2, arbitrary: fc.constant(undefined) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'APPLICATION/JSON',
      'application/jsonp',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z]{1,10}\/[a-z0-9+.-]{1,15}$/) },
);

/**
 * Mostly no key; sometimes a key from a tiny alphabet (so keys meet again, with the same body or another),
 * a long one, or an empty one. Only bytes an HTTP client may send in a header (no CR, LF or NUL).
 */
const idempotencyKey: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 12, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.stringMatching(/^[ab]{1,2}$/) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 300 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'k'.repeat(255), 'k'.repeat(256), 'key\twith\ttabs') },
);

/** The headers of a request the API must accept: JSON (or no media type), a usable key or none. */
const goodContentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', undefined);
const goodKey = fc.oneof(
  { weight: 12, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.stringMatching(/^[ab]{1,2}$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^[!-~]{1,255}$/) },
);

const jsonBody = (generator: GeneratorName, body: fc.Arbitrary<unknown>, good = false) =>
  fc.record({
    generator: fc.constant(generator),
    body: body.map(bodyText),
    contentType: good ? goodContentType : contentType,
    idempotencyKey: good ? goodKey : idempotencyKey,
  });

/** Bodies past the limit: a valid order padded with a long field, or plain bytes. */
const oversizeBody: fc.Arbitrary<string> = fc
  .tuple(validOrder, fc.integer({ min: MAX_BODY_BYTES + 1, max: 3 * MAX_BODY_BYTES }))
  .map(([order, size]) => {
    const text = bodyText({ ...order, padding: '' });
    return text.replace('"padding":""', `"padding":"${'p'.repeat(Math.max(0, size - text.length))}"`);
  });

/**
 * Every request the fuzz sends: valid orders (from the schema, fixed up), valid orders of up to 1000 lines,
 * the schema's raw orders (near-valid),
 * valid orders with fields mutated, arbitrary JSON, arbitrary text, arbitrary bytes, and oversize bodies;
 * each with a content type and maybe an Idempotency-Key (a valid order with headers the API accepts, so it
 * must be accepted).
 */
export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  { weight: 10, arbitrary: jsonBody('valid', validOrder, true) },
  { weight: 1, arbitrary: jsonBody('bulky', bulkyOrder, true) },
  { weight: 15, arbitrary: jsonBody('schema', schemaOrder) },
  { weight: 35, arbitrary: jsonBody('mutated', mutatedOrder) },
  { weight: 15, arbitrary: jsonBody('json', fc.jsonValue()) },
  {
    weight: 10,
    arbitrary: fc.record({
      generator: fc.constant('text' as const),
      body: fc.oneof(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.json().map((j) => j.slice(0, -1)),
      ),
      contentType,
      idempotencyKey,
    }),
  },
  {
    weight: 10,
    arbitrary: fc.record({
      generator: fc.constant('bytes' as const),
      body: fc.uint8Array({ maxLength: 2000 }),
      contentType,
      idempotencyKey,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      generator: fc.constant('oversize' as const),
      body: oversizeBody,
      contentType: fc.constant('application/json'),
      idempotencyKey: fc.constant(undefined),
    }),
  },
);
