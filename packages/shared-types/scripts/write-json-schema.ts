/** Write schema/order-input.schema.json from the zod schema (`pnpm --filter @orders/shared-types schema`). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderOrderInputJsonSchema } from './render-json-schema.js';

const target = fileURLToPath(new URL('../schema/order-input.schema.json', import.meta.url));
writeFileSync(target, renderOrderInputJsonSchema());
console.log(`wrote ${target}`);
