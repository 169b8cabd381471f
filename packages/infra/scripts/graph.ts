/**
 * Renders docs/workflow.svg, docs/workflow.mmd and the Mermaid block of the root README from the order
 * workflow definition:
 *   pnpm --filter @orders/infra run graph
 */
import * as fs from 'node:fs';
import { orderWorkflowDiagrams, withReadmeMermaid } from '../src/workflow/diagram.js';

const docs = new URL('../../../docs/', import.meta.url);
const readme = new URL('../../../README.md', import.meta.url);
const { svg, mermaid } = await orderWorkflowDiagrams();
fs.mkdirSync(docs, { recursive: true });
fs.writeFileSync(new URL('workflow.svg', docs), svg);
fs.writeFileSync(new URL('workflow.mmd', docs), mermaid);
fs.writeFileSync(readme, withReadmeMermaid(fs.readFileSync(readme, 'utf8'), mermaid));
process.stdout.write('wrote docs/workflow.svg, docs/workflow.mmd and the Mermaid block of README.md\n');
