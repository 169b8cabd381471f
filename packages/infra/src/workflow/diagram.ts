import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { toDot, toMermaid } from '../asl/index.js';
import { orderWorkflow } from './order-workflow.js';
import { PLACEHOLDER_REFS } from './order-workflow-refs.js';

/** The order workflow as SVG (Graphviz compiled to WASM: no browser, no download) and as Mermaid text. */
export async function orderWorkflowDiagrams(): Promise<{ svg: string; mermaid: string; dot: string }> {
  const asl = orderWorkflow(PLACEHOLDER_REFS).toAsl();
  const dot = toDot(asl);
  const graphviz = await Graphviz.load();
  return { svg: graphviz.dot(dot, 'svg'), mermaid: toMermaid(asl), dot };
}
