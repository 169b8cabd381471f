/**
 * The workflow picture for the console: the renderer of docs/workflow.svg (`toDot` from @orders/infra's
 * builder, laid out by the same Graphviz WASM build that packages/infra/scripts/graph.ts uses), run here
 * on the definition DescribeStateMachine returns, so the page loads no 900 kB layout engine of its own.
 */
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { diagramNodeIds, toDot } from '@orders/infra/asl';

export interface WorkflowGraph {
  readonly svg: string;
  /** The graph's node id of each state (the `<title>` of its node in the SVG), by state name. */
  readonly nodeIds: Readonly<Record<string, string>>;
}

let graphviz: Promise<Graphviz> | undefined;
const laidOut = new Map<string, Promise<WorkflowGraph>>();

/** Load the layout engine now (a few hundred ms), so the first page does not wait for it. */
export function preloadGraphviz(): void {
  graphviz ??= Graphviz.load();
}

/** Lay out a definition (its JSON text), once per text. */
export function workflowGraph(definition: string): Promise<WorkflowGraph> {
  let graph = laidOut.get(definition);
  if (graph === undefined) {
    graph = layOut(definition);
    laidOut.set(definition, graph);
    graph.catch(() => laidOut.delete(definition));
    if (laidOut.size > 20) laidOut.delete(laidOut.keys().next().value as string);
  }
  return graph;
}

async function layOut(definition: string): Promise<WorkflowGraph> {
  const asl = JSON.parse(definition) as unknown;
  graphviz ??= Graphviz.load();
  return { svg: (await graphviz).dot(toDot(asl), 'svg'), nodeIds: diagramNodeIds(asl) };
}
