/**
 * The workflow picture: the same renderer as docs/workflow.svg (`toDot` from @orders/infra's builder, laid
 * out by the same Graphviz WASM build that packages/infra/scripts/graph.ts uses), here run on the
 * definition DescribeStateMachine returns.
 */
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { diagramNodeIds, toDot } from '@orders/infra/asl';

export interface RenderedWorkflow {
  readonly svg: string;
  /** The graph's node id of each state (the `<title>` of its node in the SVG), by state name. */
  readonly nodeIds: Readonly<Record<string, string>>;
}

let graphviz: Promise<Graphviz> | undefined;

/** Lay out a definition (the parsed ASL JSON). */
export async function renderWorkflow(definition: unknown): Promise<RenderedWorkflow> {
  graphviz ??= Graphviz.load();
  const svg = (await graphviz).dot(toDot(definition), 'svg');
  return { svg, nodeIds: diagramNodeIds(definition) };
}
