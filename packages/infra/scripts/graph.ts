/**
 * Renders docs/workflow.svg and docs/workflow.mmd (repo root) from the order workflow definition:
 *   pnpm --filter @orders/infra run graph
 */
import * as fs from 'node:fs';
import { orderWorkflowDiagrams } from '../src/workflow/diagram.js';

const docs = new URL('../../../docs/', import.meta.url);
const { svg, mermaid } = await orderWorkflowDiagrams();
fs.mkdirSync(docs, { recursive: true });
fs.writeFileSync(new URL('workflow.svg', docs), svg);
fs.writeFileSync(new URL('workflow.mmd', docs), mermaid);
process.stdout.write('wrote docs/workflow.svg and docs/workflow.mmd\n');
