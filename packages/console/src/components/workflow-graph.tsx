import { useEffect, useRef } from 'preact/hooks';
import type { WorkflowGraph as Workflow } from '../api.js';
import { END, type HistoryReading, JOIN, START, type StateStatus } from '../history.js';
import { pure } from '../hooks.js';

export interface WorkflowGraphProps {
  readonly workflow: Workflow | undefined;
  /** The selected execution's history, read: colours the states it entered and the transitions it took. */
  readonly reading: HistoryReading | undefined;
  readonly selectedState: string | undefined;
  readonly onSelectState: (name: string) => void;
}

const LEGEND: ReadonlyArray<[StateStatus, string]> = [
  ['succeeded', 'succeeded'],
  ['retried', 'retried'],
  ['caught', 'failed, caught'],
  ['failed', 'failed'],
  ['running', 'running'],
  ['stopped', 'stopped'],
];

/**
 * The definition's graph as Graphviz laid it out (the SVG of docs/workflow.svg, same renderer), each
 * node marked with its state's name (`data-state`) and, for the selected execution, its status
 * (`data-status`); wheel or the buttons zoom, dragging pans, a click on a state opens it.
 */
export const WorkflowGraph = pure(function WorkflowGraph({
  workflow,
  reading,
  selectedState,
  onSelectState,
}: WorkflowGraphProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<{ svg: SVGSVGElement; base: DOMRect; box: DOMRect } | undefined>(undefined);

  // Insert the SVG and name its nodes and edges after the states.
  useEffect(() => {
    const el = host.current;
    if (el === null || workflow === undefined) return;
    el.innerHTML = workflow.svg;
    const svg = el.querySelector('svg');
    if (svg === null) return;
    const nameOf = new Map<string, string>([
      ['start', START],
      ['finish', END],
    ]);
    for (const [name, id] of Object.entries(workflow.nodeIds)) {
      nameOf.set(id, name);
      nameOf.set(`${id}_done`, `${name}${JOIN}`);
    }
    for (const node of svg.querySelectorAll<SVGGElement>('g.node')) {
      const title = node.querySelector('title');
      const name = nameOf.get(title?.textContent ?? '');
      if (name === undefined) continue;
      if (name.endsWith(JOIN)) node.dataset.join = name;
      else if (name !== START && name !== END) node.dataset.state = name;
      else node.dataset.terminal = name;
      if (title !== null) title.textContent = name.endsWith(JOIN) ? '' : name;
    }
    for (const edge of svg.querySelectorAll<SVGGElement>('g.edge')) {
      const title = edge.querySelector('title');
      const [from, to] = (title?.textContent ?? '').split('->');
      edge.dataset.from = nameOf.get(from ?? '') ?? '';
      edge.dataset.to = nameOf.get(to ?? '') ?? '';
      title?.remove();
    }
    const vb = svg.viewBox.baseVal;
    const base = new DOMRect(vb.x, vb.y, vb.width, vb.height);
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    view.current = { svg, base, box: new DOMRect(base.x, base.y, base.width, base.height) };
    document.body.dataset.graphReady = 'true';
    performance.mark('console:graph-ready');
  }, [workflow]);

  // Colour the states and transitions of the selected execution.
  useEffect(() => {
    const svg = view.current?.svg;
    if (svg === undefined) return;
    svg.classList.toggle('has-run', reading !== undefined);
    for (const node of svg.querySelectorAll<SVGGElement>('g.node[data-state]')) {
      const name = node.dataset.state ?? '';
      const visit = reading?.states.get(name);
      if (visit === undefined) delete node.dataset.status;
      else node.dataset.status = visit.status;
      node.classList.toggle('selected', name === selectedState);
      node.querySelector('.retry-badge')?.remove();
      if (visit !== undefined && visit.retries > 0) badge(node, `↻${visit.retries}`);
    }
    const taken = new Set((reading?.transitions ?? []).map((t) => `${t.from}->${t.to}`));
    const joined = new Set((reading?.transitions ?? []).flatMap((t) => [t.from, t.to]));
    for (const node of svg.querySelectorAll<SVGGElement>('g.node[data-join], g.node[data-terminal]')) {
      node.classList.toggle('taken', joined.has(node.dataset.join ?? node.dataset.terminal ?? ''));
    }
    // Several Catch rules may lead to the same state: the one taken names the error (or States.ALL).
    const edges = [...svg.querySelectorAll<SVGGElement>('g.edge')];
    const parallel = new Map<string, SVGGElement[]>();
    for (const edge of edges) {
      const key = `${edge.dataset.from}->${edge.dataset.to}`;
      parallel.set(key, [...(parallel.get(key) ?? []), edge]);
    }
    for (const [key, group] of parallel) {
      let chosen = taken.has(key) ? group : [];
      if (chosen.length > 1) {
        const from = (group[0]?.dataset.from ?? '').replace(JOIN, '');
        const error = reading?.states.get(from)?.error;
        const names = (edge: SVGGElement) => (edge.querySelector('text')?.textContent ?? '').split(', ');
        const match =
          group.find((edge) => error !== undefined && names(edge).includes(error)) ??
          group.find((edge) => names(edge).includes('States.ALL'));
        if (match !== undefined) chosen = [match];
      }
      for (const edge of group) edge.classList.toggle('taken', chosen.includes(edge));
    }
  }, [reading, selectedState, workflow]);

  // Zoom (wheel, buttons) and pan (drag) by moving the viewBox.
  useEffect(() => {
    const el = host.current;
    if (el === null) return;
    const apply = () => {
      const v = view.current;
      if (v !== undefined)
        v.svg.setAttribute('viewBox', `${v.box.x} ${v.box.y} ${v.box.width} ${v.box.height}`);
    };
    const onWheel = (event: WheelEvent) => {
      const v = view.current;
      if (v === undefined) return;
      event.preventDefault();
      const rect = v.svg.getBoundingClientRect();
      const fx = (event.clientX - rect.left) / rect.width;
      const fy = (event.clientY - rect.top) / rect.height;
      zoom(v.box, event.deltaY > 0 ? 1.15 : 1 / 1.15, fx, fy);
      apply();
    };
    let drag: { x: number; y: number; moved: boolean } | undefined;
    const onDown = (event: PointerEvent) => {
      drag = { x: event.clientX, y: event.clientY, moved: false };
    };
    const onMove = (event: PointerEvent) => {
      const v = view.current;
      if (drag === undefined || v === undefined || (event.buttons & 1) === 0) return;
      const rect = v.svg.getBoundingClientRect();
      const scale = Math.max(v.box.width / rect.width, v.box.height / rect.height);
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 2) drag.moved = true;
      v.box.x -= dx * scale;
      v.box.y -= dy * scale;
      drag.x = event.clientX;
      drag.y = event.clientY;
      apply();
    };
    const onClick = (event: MouseEvent) => {
      if (drag?.moved) return;
      const node = (event.target as Element).closest<SVGGElement>('g.node[data-state]');
      if (node?.dataset.state !== undefined) onSelectState(node.dataset.state);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    el.addEventListener('pointerdown', onDown);
    el.addEventListener('pointermove', onMove);
    el.addEventListener('click', onClick);
    return () => {
      el.removeEventListener('wheel', onWheel);
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('pointermove', onMove);
      el.removeEventListener('click', onClick);
    };
  }, [onSelectState]);

  const button = (label: string, title: string, act: (box: DOMRect, base: DOMRect) => void) => (
    <button
      type="button"
      class="icon"
      title={title}
      aria-label={title}
      onClick={() => {
        const v = view.current;
        if (v === undefined) return;
        act(v.box, v.base);
        v.svg.setAttribute('viewBox', `${v.box.x} ${v.box.y} ${v.box.width} ${v.box.height}`);
      }}
    >
      {label}
    </button>
  );

  return (
    <div class="graph-wrap">
      <div class="graph-tools">
        {button('+', 'Zoom in', (box) => zoom(box, 1 / 1.25, 0.5, 0.5))}
        {button('−', 'Zoom out', (box) => zoom(box, 1.25, 0.5, 0.5))}
        {button('⤢', 'Fit', (box, base) => {
          box.x = base.x;
          box.y = base.y;
          box.width = base.width;
          box.height = base.height;
        })}
      </div>
      <div class="graph" ref={host} data-testid="workflow-graph">
        {workflow === undefined && <p class="muted">laying out the definition…</p>}
      </div>
      <ul class="legend" aria-label="Legend">
        {LEGEND.map(([status, label]) => (
          <li key={status}>
            <span class={`swatch st-${status}`} /> {label}
          </li>
        ))}
        <li>
          <span class="swatch edge-taken" /> transition taken
        </li>
      </ul>
    </div>
  );
});

function zoom(box: DOMRect, factor: number, fx: number, fy: number): void {
  const width = box.width * factor;
  const height = box.height * factor;
  box.x += (box.width - width) * fx;
  box.y += (box.height - height) * fy;
  box.width = width;
  box.height = height;
}

function badge(node: SVGGElement, text: string): void {
  const shape = node.querySelector('path, polygon, ellipse');
  if (!(shape instanceof SVGGraphicsElement)) return;
  const box = shape.getBBox();
  const label = document.createElementNS('http://www.w3.org/2000/svg', 'text');
  label.setAttribute('class', 'retry-badge');
  label.setAttribute('x', String(box.x + box.width - 2));
  label.setAttribute('y', String(box.y - 3));
  label.setAttribute('text-anchor', 'end');
  label.textContent = text;
  node.appendChild(label);
}
