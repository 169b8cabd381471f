/**
 * Prints the order workflow's definition (placeholder ARNs) as JSON, or with `--stats` the billable state
 * transitions per path next to the original's and the cost per million orders (a Markdown table):
 *   pnpm --filter @orders/infra run definition
 *   pnpm --filter @orders/infra run definition --stats
 */
import { orderWorkflow, PLACEHOLDER_REFS } from '../src/workflow/index.js';

if (process.argv.includes('--stats')) {
  const { transitionReport } = await import('./lib/transitions.js');
  process.stdout.write(await transitionReport());
} else {
  process.stdout.write(orderWorkflow(PLACEHOLDER_REFS).render());
}
