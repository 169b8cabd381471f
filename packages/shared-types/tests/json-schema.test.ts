import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderOrderInputJsonSchema } from '../scripts/render-json-schema.js';
import { orderInputJsonSchema } from '../src/json-schema.js';
import { SENSITIVE_FIELDS } from '../src/sensitive-fields.js';

/** Dotted paths of every property marked `sensitive: true` in a JSON Schema. */
function sensitivePaths(schema: Record<string, unknown>, prefix = ''): string[] {
  const out: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const [key, child] of Object.entries(properties)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (child.sensitive === true) out.push(path);
    out.push(...sensitivePaths(child, path));
    if (child.items && typeof child.items === 'object') {
      out.push(...sensitivePaths(child.items as Record<string, unknown>, path));
    }
  }
  return out;
}

describe('order input JSON Schema', () => {
  it('matches the committed schema/order-input.schema.json (run `pnpm --filter @orders/shared-types schema`)', () => {
    const committed = readFileSync(new URL('../schema/order-input.schema.json', import.meta.url), 'utf8');
    // Compared as data: Biome owns the file's layout.
    expect(JSON.parse(committed)).toEqual(JSON.parse(renderOrderInputJsonSchema()));
  });

  it('marks exactly SENSITIVE_FIELDS as sensitive', () => {
    expect(sensitivePaths(orderInputJsonSchema()).sort()).toEqual([...SENSITIVE_FIELDS].sort());
  });

  it('describes the input side: orderId and quantity are optional, the rest required', () => {
    const schema = orderInputJsonSchema() as { required: string[]; additionalProperties: boolean };
    expect(schema.required.sort()).toEqual(['customerId', 'orderContents', 'orderTotal', 'paymentDetails']);
    expect(schema.additionalProperties).toBe(false);
  });
});
