import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toDot, toMermaid } from '../../src/asl/index.js';
import { orderWorkflowDiagrams, withReadmeMermaid } from '../../src/workflow/diagram.js';
import { orderWorkflow, PLACEHOLDER_REFS, STATE_NAMES } from '../../src/workflow/index.js';

const docs = new URL('../../../../docs/', import.meta.url);
const committed = (file: string) => fs.readFileSync(new URL(file, docs), 'utf8');

describe('docs/workflow.svg, docs/workflow.mmd and the README diagram', () => {
  it('match the current definition (run `pnpm --filter @orders/infra run graph` when this fails)', async () => {
    const { svg, mermaid } = await orderWorkflowDiagrams();
    expect(committed('workflow.svg')).toBe(svg);
    expect(committed('workflow.mmd')).toBe(mermaid);
    const readme = fs.readFileSync(new URL('../README.md', docs), 'utf8');
    expect(withReadmeMermaid(readme, mermaid)).toBe(readme);
  });

  it('render deterministically and show every state', async () => {
    const [a, b] = [await orderWorkflowDiagrams(), await orderWorkflowDiagrams()];
    expect(a.svg).toBe(b.svg);
    for (const name of Object.values(STATE_NAMES)) {
      expect(a.svg).toContain(name.replace(/&/g, '&amp;').replace(/>/g, '&gt;'));
      expect(a.mermaid).toContain(`"${name}"`);
    }
  });

  it('draws catches as labelled dashed edges', () => {
    const asl = orderWorkflow(PLACEHOLDER_REFS).toAsl();
    expect(toDot(asl)).toMatch(/ -> s\d+ \[label="PaymentError", style=dashed/);
    expect(toMermaid(asl)).toMatch(/-\.->\|"PaymentError"\| s\d+/);
  });
});
