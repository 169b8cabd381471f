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

const README_START = '<!-- workflow-mermaid:start -->';
const README_END = '<!-- workflow-mermaid:end -->';

/** The README text with the Mermaid block between its markers replaced by `mermaid`. */
export function withReadmeMermaid(readme: string, mermaid: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} ... ${README_END} block`);
  const block = `${README_START}\n\`\`\`mermaid\n${mermaid.trimEnd()}\n\`\`\`\n`;
  return readme.slice(0, start) + block + readme.slice(end);
}
