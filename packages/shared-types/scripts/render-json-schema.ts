import { orderInputJsonSchema } from '../src/json-schema.js';

/** The committed file's exact text: two-space JSON plus a trailing newline (what Biome expects). */
export function renderOrderInputJsonSchema(): string {
  return `${JSON.stringify(orderInputJsonSchema(), null, 2)}\n`;
}
