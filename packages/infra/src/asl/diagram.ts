/**
 * Diagrams of a rendered definition: Graphviz DOT (for an SVG) and Mermaid (for Markdown). Both are pure
 * functions of the ASL JSON, so the same definition always gives the same text.
 */

type StateJson = Record<string, unknown>;
interface ScopeJson {
  readonly StartAt: string;
  readonly States: Record<string, StateJson>;
}

interface Node {
  readonly id: string;
  readonly name: string;
  readonly type: string;
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  readonly kind: 'next' | 'choice' | 'default' | 'catch' | 'inner';
}

interface Cluster {
  readonly id: string;
  readonly label: string;
  readonly nodes: Node[];
  readonly clusters: Cluster[];
}

interface Graph {
  readonly root: Cluster;
  readonly edges: Edge[];
  readonly ends: { start: string; end: string };
}

/** Builds the layout-independent graph: nodes per state, clusters per Parallel branch / Map processor. */
function buildGraph(definition: unknown): Graph {
  const root = definition as ScopeJson;
  const edges: Edge[] = [];
  let counter = 0;
  const ids = new Map<string, string>();
  const idOf = (name: string) => {
    let id = ids.get(name);
    if (id === undefined) {
      id = `s${counter++}`;
      ids.set(name, id);
    }
    return id;
  };
  const start = 'start';
  const end = 'finish';

  /** Adds a scope; returns its entry node id and the ids of states that leave it (End: true / Succeed). */
  const scope = (s: ScopeJson, cluster: Cluster, exitTo: string): void => {
    for (const [name, state] of Object.entries(s.States)) {
      const id = idOf(name);
      const type = String(state.Type);
      const inner = [
        ...((state.Branches as ScopeJson[] | undefined) ?? []),
        ...(state.ItemProcessor ? [state.ItemProcessor as ScopeJson] : []),
      ];
      let leave = id;
      if (inner.length === 0) cluster.nodes.push({ id, name, type });
      if (inner.length > 0) {
        const join = `${id}_done`;
        const sub: Cluster = {
          id: `cluster_${id}`,
          label: type === 'Map' ? `${name} (for each item)` : `${name} (branches run in parallel)`,
          nodes: [{ id, name, type }],
          clusters: [],
        };
        inner.forEach((b, i) => {
          const branch: Cluster = { id: `cluster_${id}_${i}`, label: '', nodes: [], clusters: [] };
          sub.clusters.push(branch);
          edges.push({ from: id, to: idOf(b.StartAt), kind: 'inner' });
          scope(b, branch, join);
        });
        sub.nodes.push({ id: join, name: '', type: 'Join' });
        cluster.clusters.push(sub);
        leave = join;
      }
      if (typeof state.Next === 'string') edges.push({ from: leave, to: idOf(state.Next), kind: 'next' });
      if (state.End === true || type === 'Succeed') edges.push({ from: leave, to: exitTo, kind: 'next' });
      for (const rule of (state.Choices as StateJson[] | undefined) ?? []) {
        const label = typeof rule.Comment === 'string' ? rule.Comment : undefined;
        edges.push({ from: id, to: idOf(String(rule.Next)), kind: 'choice', ...(label && { label }) });
      }
      if (typeof state.Default === 'string') {
        edges.push({ from: id, to: idOf(state.Default), kind: 'default', label: 'otherwise' });
      }
      for (const c of (state.Catch as StateJson[] | undefined) ?? []) {
        const label = (c.ErrorEquals as string[]).join(', ');
        edges.push({ from: leave, to: idOf(String(c.Next)), kind: 'catch', label });
      }
    }
  };
  const top: Cluster = { id: 'root', label: '', nodes: [], clusters: [] };
  edges.push({ from: start, to: idOf(root.StartAt), kind: 'next' });
  scope(root, top, end);
  return { root: top, edges, ends: { start, end } };
}

/**
 * The node id each state gets in {@link toDot}'s graph (and so the `<title>` of its node in the SVG
 * Graphviz draws), by state name; a Parallel or Map state's join point is `<its id>_done`. Lets a page
 * that shows the SVG colour the states of an execution history.
 */
export function diagramNodeIds(definition: unknown): Record<string, string> {
  const ids: Record<string, string> = {};
  const collect = (c: Cluster) => {
    for (const n of c.nodes) if (n.type !== 'Join') ids[n.name] = n.id;
    c.clusters.forEach(collect);
  };
  collect(buildGraph(definition).root);
  return ids;
}

const esc = (text: string) => text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

const DOT_NODE: Record<string, string> = {
  Task: 'shape=box, style="rounded,filled", fillcolor="#dbeafe", color="#1d4ed8"',
  Pass: 'shape=box, style="rounded,dashed"',
  Choice: 'shape=diamond, style=filled, fillcolor="#fef3c7", color="#b45309"',
  Wait: 'shape=box, style="rounded,filled", fillcolor="#f3f4f6"',
  Parallel: 'shape=box, style="filled", fillcolor="#e0e7ff", color="#4338ca"',
  Map: 'shape=box, style="filled", fillcolor="#e0e7ff", color="#4338ca"',
  Succeed: 'shape=box, style="rounded,filled", fillcolor="#dcfce7", color="#15803d"',
  Fail: 'shape=box, style="rounded,filled", fillcolor="#fee2e2", color="#b91c1c"',
  Join: 'shape=point, width=0.08',
};

/** Graphviz DOT for a rendered definition. */
export function toDot(definition: unknown): string {
  const g = buildGraph(definition);
  const lines = [
    'digraph workflow {',
    '  graph [rankdir=TB, fontname="Helvetica", fontsize=11, nodesep=0.35, ranksep=0.4];',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9, color="#374151"];',
    `  ${g.ends.start} [label="Start", shape=circle, style=filled, fillcolor="#111827", fontcolor=white, width=0.5];`,
    `  ${g.ends.end} [label="End", shape=doublecircle, style=filled, fillcolor="#111827", fontcolor=white, width=0.4];`,
  ];
  const cluster = (c: Cluster, indent: string) => {
    for (const n of c.nodes) {
      const label = n.type === 'Join' ? '' : `${esc(n.name)}\\n(${n.type})`;
      lines.push(`${indent}${n.id} [label="${label}", ${DOT_NODE[n.type] ?? 'shape=box'}];`);
    }
    for (const sub of c.clusters) {
      lines.push(`${indent}subgraph ${sub.id} {`);
      lines.push(
        `${indent}  label="${esc(sub.label)}"; style="rounded,dashed"; color="#6b7280"; fontsize=10;`,
      );
      cluster(sub, `${indent}  `);
      lines.push(`${indent}}`);
    }
  };
  cluster(g.root, '  ');
  for (const e of g.edges) {
    const attrs: string[] = [];
    if (e.label) attrs.push(`label="${esc(e.label)}"`);
    if (e.kind === 'catch') attrs.push('style=dashed, color="#b91c1c", fontcolor="#b91c1c"');
    if (e.kind === 'inner') attrs.push('arrowhead=none, style=dashed, color="#6b7280"');
    lines.push(`  ${e.from} -> ${e.to}${attrs.length > 0 ? ` [${attrs.join(', ')}]` : ''};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

type Shape = (label: string) => string;
/** A Task's box, also the shape of any type MERMAID_SHAPE does not list. */
const TASK_SHAPE: Shape = (l) => `["${l}"]`;
const MERMAID_SHAPE: Record<string, Shape> = {
  Task: TASK_SHAPE,
  Pass: (l) => `["${l}"]`,
  Choice: (l) => `{"${l}"}`,
  Wait: (l) => `["${l}"]`,
  Parallel: (l) => `[["${l}"]]`,
  Map: (l) => `[["${l}"]]`,
  Succeed: (l) => `(["${l}"])`,
  Fail: (l) => `(["${l}"])`,
  Join: () => '((" "))',
};

/** Mermaid flowchart text for a rendered definition. */
export function toMermaid(definition: unknown): string {
  const g = buildGraph(definition);
  const mermaidText = (t: string) => t.replace(/"/g, '#quot;');
  const lines = ['flowchart TD', `  ${g.ends.start}((Start))`, `  ${g.ends.end}((End))`];
  const classes: Record<string, string[]> = {};
  const cluster = (c: Cluster, indent: string) => {
    for (const n of c.nodes) {
      lines.push(`${indent}${n.id}${(MERMAID_SHAPE[n.type] ?? TASK_SHAPE)(mermaidText(n.name))}`);
      const ids = classes[n.type] ?? [];
      ids.push(n.id);
      classes[n.type] = ids;
    }
    for (const sub of c.clusters) {
      lines.push(`${indent}subgraph ${sub.id}["${mermaidText(sub.label || ' ')}"]`);
      cluster(sub, `${indent}  `);
      lines.push(`${indent}end`);
    }
  };
  cluster(g.root, '  ');
  for (const e of g.edges) {
    const arrow = e.kind === 'catch' ? '-.->' : e.kind === 'inner' ? '---' : '-->';
    lines.push(`  ${e.from} ${arrow}${e.label ? `|"${mermaidText(e.label)}"|` : ''} ${e.to}`);
  }
  lines.push(
    '  classDef Task fill:#dbeafe,stroke:#1d4ed8',
    '  classDef Choice fill:#fef3c7,stroke:#b45309',
    '  classDef Succeed fill:#dcfce7,stroke:#15803d',
    '  classDef Fail fill:#fee2e2,stroke:#b91c1c',
    '  classDef Parallel fill:#e0e7ff,stroke:#4338ca',
    '  classDef Map fill:#e0e7ff,stroke:#4338ca',
  );
  for (const [type, ids] of Object.entries(classes)) {
    if (['Task', 'Choice', 'Succeed', 'Fail', 'Parallel', 'Map'].includes(type))
      lines.push(`  class ${ids.join(',')} ${type}`);
  }
  return `${lines.join('\n')}\n`;
}
