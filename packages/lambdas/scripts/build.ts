/** `pnpm --filter @orders/lambdas build`: write dist/<handler>/index.mjs and print their sizes. */
import { buildBundles, sizeTable } from './bundles.js';

const bundles = await buildBundles();
console.log(sizeTable(bundles));
console.log(
  'size = index.mjs plus the chunks it imports statically (what a cold start loads); gzip = index.mjs',
);
const over = bundles.filter((b) => !b.withinBudget);
if (over.length > 0) {
  console.error(`over budget: ${over.map((b) => b.handler).join(', ')}`);
  process.exit(1);
}
