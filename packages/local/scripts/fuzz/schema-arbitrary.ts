import fc from 'fast-check';

/** The JSON Schema keywords {@link arbitraryFromSchema} reads (the subset the order schema uses). */
export interface JsonSchema {
  readonly type?: 'object' | 'array' | 'string' | 'number' | 'integer';
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly enum?: readonly unknown[];
  readonly exclusiveMinimum?: number;
  readonly minimum?: number;
  readonly maximum?: number;
}

/** A schema uses a keyword or type the generator does not know: it would generate the wrong thing. */
export class UnsupportedSchemaError extends Error {
  override readonly name = 'UnsupportedSchemaError';
}

/** Keywords that only describe (no constraint on the value), skipped. */
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'default', 'sensitive', 'writeOnly']);
const KNOWN = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'enum',
  'exclusiveMinimum',
  'minimum',
  'maximum',
]);

export interface SchemaArbitraryOptions {
  /** The most array elements generated, whatever `maxItems` allows (an order of 1000 lines is slow to send). */
  readonly maxItems?: number;
}

/**
 * Values that satisfy a JSON Schema (the subset the order schema uses: objects with required and optional
 * properties and no others, arrays, strings with lengths, a pattern or an enum, bounded numbers and
 * integers). Strings mix ASCII with any Unicode (lone surrogates included). Cross-field rules the schema can
 * only describe (the order total) are not generated: that is for the caller to fix up or leave broken.
 */
export function arbitraryFromSchema(
  schema: JsonSchema,
  options: SchemaArbitraryOptions = {},
  path = '#',
): fc.Arbitrary<unknown> {
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN.has(keyword) && !ANNOTATIONS.has(keyword))
      throw new UnsupportedSchemaError(`${path}: keyword '${keyword}' is not supported`);
  }
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'object':
      return objectArbitrary(schema, options, path);
    case 'array': {
      if (schema.items === undefined) throw new UnsupportedSchemaError(`${path}: an array without 'items'`);
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 10, options.maxItems ?? 10));
      return fc.array(arbitraryFromSchema(schema.items, options, `${path}/items`), { minLength, maxLength });
    }
    case 'string':
      return stringArbitrary(schema, path);
    case 'number':
    case 'integer':
      return numberArbitrary(schema, path);
    default:
      throw new UnsupportedSchemaError(`${path}: type '${String(schema.type)}' is not supported`);
  }
}

function objectArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions, path: string) {
  if (schema.additionalProperties !== false)
    throw new UnsupportedSchemaError(`${path}: only objects with additionalProperties: false are supported`);
  const properties = schema.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties))
    model[name] = arbitraryFromSchema(property, options, `${path}/properties/${name}`);
  const requiredKeys = (schema.required ?? []).filter((key) => {
    if (!(key in properties)) throw new UnsupportedSchemaError(`${path}: required '${key}' has no schema`);
    return true;
  });
  return fc.record(model, { requiredKeys });
}

function stringArbitrary(schema: JsonSchema, path: string): fc.Arbitrary<string> {
  if (schema.pattern !== undefined) {
    if (schema.minLength !== undefined || schema.maxLength !== undefined)
      throw new UnsupportedSchemaError(`${path}: a pattern with length bounds is not supported`);
    return fc.stringMatching(new RegExp(schema.pattern, 'u'));
  }
  const bounds = { minLength: schema.minLength ?? 0, maxLength: schema.maxLength ?? 100 };
  // Lengths in JSON Schema count code points; 'binary' units are code points (any, lone surrogates too).
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ ...bounds, unit: 'grapheme-ascii' }) },
    { weight: 1, arbitrary: fc.string({ ...bounds, unit: 'binary' }) },
  );
}

function numberArbitrary(schema: JsonSchema, path: string): fc.Arbitrary<number> {
  if (schema.exclusiveMinimum !== undefined && schema.minimum !== undefined)
    throw new UnsupportedSchemaError(`${path}: both minimum and exclusiveMinimum`);
  const min = schema.exclusiveMinimum ?? schema.minimum ?? -Number.MAX_SAFE_INTEGER;
  const max = schema.maximum ?? Number.MAX_SAFE_INTEGER;
  if (schema.type === 'integer') {
    const low = schema.exclusiveMinimum === undefined ? Math.ceil(min) : Math.floor(min) + 1;
    return fc.integer({ min: low, max: Math.floor(max) });
  }
  return fc.double({ min, max, minExcluded: schema.exclusiveMinimum !== undefined, noNaN: true });
}
