import { readFileSync } from 'node:fs';
import { orderWorkflow, PLACEHOLDER_REFS, STATE_NAMES } from '@orders/infra/workflow';
import { describe, expect, it } from 'vitest';
import { workflowGraph } from '../../src/console/workflow-graph.js';

const docsSvg = readFileSync(new URL('../../../../docs/workflow.svg', import.meta.url), 'utf8');
const definition = JSON.stringify(orderWorkflow(PLACEHOLDER_REFS).toAsl());

describe("the console's workflow picture", () => {
  it('is docs/workflow.svg, byte for byte, for the definition that picture is drawn from (one renderer)', async () => {
    expect((await workflowGraph(definition)).svg).toBe(docsSvg);
  });

  it('names the node of every state, so the page can colour an execution on it', async () => {
    const { svg, nodeIds } = await workflowGraph(definition);
    for (const name of Object.values(STATE_NAMES)) {
      const id = nodeIds[name];
      expect(id, name).toBeDefined();
      expect(svg).toContain(`<title>${id}</title>`);
    }
  });
});
