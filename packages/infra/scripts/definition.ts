/**
 * Prints the order workflow's definition (placeholder ARNs) as JSON:
 *   pnpm --filter @orders/infra run definition
 */
import { orderWorkflow, PLACEHOLDER_REFS } from '../src/workflow/index.js';

process.stdout.write(orderWorkflow(PLACEHOLDER_REFS).render());
