/**
 * Billable state transitions of one order on each path, ours vs the original, from real executions on
 * @orders/asl-engine (history `…StateEntered` events), and the Standard-workflow cost per million orders.
 */
import * as fs from 'node:fs';
import { orderWorkflow, PLACEHOLDER_REFS } from '../../src/workflow/index.js';
import {
  countTransitions,
  newWorld,
  runScenario,
  type Scenario,
  type TransitionCount,
} from './order-scenarios.js';

/** $ per state transition on a Standard workflow ($0.025 per 1,000). */
export const PRICE_PER_TRANSITION = 0.025 / 1000;
/** $ per Express request ($1.00 per million) plus the minimum duration (64 MB for 100 ms). */
export const PRICE_PER_EXPRESS_CHILD = 1 / 1_000_000 + 0.0625 * 0.1 * 0.0000166667;
/** Seconds one order runs as an Express workflow, for its duration charge (four Lambda calls in sequence). */
export const EXPRESS_SECONDS_PER_ORDER = 1;
/** $ per order on an Express workflow: one request plus 64 MB for the order's duration ($0.00001667 per GB-s). */
export const PRICE_PER_EXPRESS_ORDER = 1 / 1_000_000 + 0.0625 * EXPRESS_SECONDS_PER_ORDER * 0.0000166667;

const ITEMS = [
  { itemId: 'item-c9f4x', price: 1000, itemDescription: 'Macbook' },
  { itemId: 'item-g7b2q', price: 500, itemDescription: 'iPhone' },
  { itemId: 'item-p4c97', price: 750, itemDescription: 'iPad' },
];
const PAYMENT = {
  name: 'John Doe',
  cardType: 'MASTERCARD',
  cardNumber: '5192 7402 9672 1055',
  expiration: '08/26',
};

/** The token the intake would have put where the seed's card was (its brand and last four digits). */
export const EXAMPLE_TOKEN = { token: `tok_${'k'.repeat(24)}`, cardType: 'MASTERCARD', cardLast4: '1055' };

/** The seed's example order with `count` items, card-free as the intake API starts it (`payment` is a token). */
export function exampleOrder(count = 3, orderId?: string): Record<string, unknown> {
  const items = ITEMS.slice(0, count);
  return {
    ...(orderId !== undefined && { orderId }),
    orderContents: { items },
    orderTotal: items.reduce((sum, i) => sum + i.price, 0),
    customerId: 'c-id-56392',
    payment: EXAMPLE_TOKEN,
  };
}

/** The same order as the original took it: the card itself in `paymentDetails`. */
export function asOriginalInput(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || !('payment' in input)) return input;
  const { payment: _token, ...order } = input as Record<string, unknown>;
  return { ...order, paymentDetails: PAYMENT };
}

export interface PathRow {
  readonly path: string;
  /** `retries`: Task attempts after the first (not states entered, so not in `standard`; AWS bills them). */
  readonly ours: TransitionCount & { status: string; retries: number };
  readonly original: (TransitionCount & { status: string }) | undefined;
  readonly note?: string;
}

function originalDefinition(): object {
  return JSON.parse(
    fs.readFileSync(new URL('../../src/workflow/original-workflow.asl.json', import.meta.url), 'utf8'),
  );
}

interface PathSpec {
  readonly path: string;
  readonly scenario: Scenario;
  /** Run this scenario first against the same tables (for resubmissions). */
  readonly before?: Scenario;
  /** Items the original's DISTRIBUTED map would start children for (0 when it never gets there). */
  readonly originalItems: number;
  /** The original has no such path: skip it. */
  readonly originalNa?: boolean;
  readonly note?: string;
}

const PATHS: PathSpec[] = [
  {
    path: 'Processed, 3 items',
    scenario: { name: 'processed-3', input: exampleOrder(3, 'o-3') },
    originalItems: 3,
  },
  {
    path: 'Processed, 1 item',
    scenario: { name: 'processed-1', input: exampleOrder(1, 'o-1') },
    originalItems: 1,
  },
  {
    path: 'Payment declined (PAYMENT_FAILED), 3 items',
    scenario: { name: 'declined', input: exampleOrder(3, 'o-d'), declineCharge: true },
    originalItems: 3,
  },
  {
    path: 'Payment details rejected',
    scenario: { name: 'rejected', input: exampleOrder(3, 'o-r'), rejectPayment: 'card expired' },
    originalItems: 0,
  },
  {
    path: 'Out of stock (1 of 3 items)',
    scenario: { name: 'oos', input: exampleOrder(3, 'o-s'), stock: { 'item-p4c97': 0 } },
    originalItems: 3,
    note: "the original's Map checks all 3 items",
  },
  {
    path: 'Invalid order (a Lambda throws InvalidOrder)',
    scenario: { name: 'invalid', input: { orderId: 'o-i', orderContents: { items: [] } } },
    originalItems: 0,
  },
  {
    path: 'Card in the input (refused before the claim)',
    scenario: { name: 'raw-card', input: asOriginalInput(exampleOrder(3, 'o-raw')) },
    originalItems: 0,
    originalNa: true,
    note: 'StartExecution with paymentDetails, not through the intake API',
  },

  {
    path: 'Charge fails after its retries (stock released, FAILED)',
    scenario: {
      name: 'charge-fails',
      input: exampleOrder(3, 'o-cf'),
      failTasks: { 'Charge Payment': 'Lambda.Unknown' },
    },
    originalItems: 0,
    originalNa: true,
  },
  {
    path: 'Charged, record fails after its retries (ChargeNotRecorded)',
    scenario: {
      name: 'not-recorded',
      input: exampleOrder(3, 'o-nr'),
      failTasks: { 'Record Processed Order': 'DynamoDB.InternalServerErrorException' },
    },
    originalItems: 0,
    originalNa: true,
  },
  {
    path: 'Resubmitted processed order, 3 items',
    before: { name: 'first', input: exampleOrder(3, 'o-again') },
    scenario: { name: 'again', input: exampleOrder(3, 'o-again') },
    originalItems: 3,
    note: 'the original charges and records it again',
  },
];

/** Runs every path on both definitions. */
export async function transitionRows(): Promise<PathRow[]> {
  const ours = orderWorkflow(PLACEHOLDER_REFS).toAsl();
  const original = originalDefinition();
  const rows: PathRow[] = [];
  for (const spec of PATHS) {
    const run = async (definition: object, items: number, asInput = (input: unknown) => input) => {
      const world = newWorld();
      const as = (scenario: Scenario) => ({ ...scenario, input: asInput(scenario.input) });
      if (spec.before) await runScenario(definition, as(spec.before), world);
      const result = await runScenario(definition, as(spec.scenario), world);
      const count = (type: string) => result.history.filter((e) => e.type === type).length;
      const retries = count('TaskScheduled') - count('TaskStateEntered');
      return { ...countTransitions(result.history, items), status: result.status, retries };
    };
    rows.push({
      path: spec.path,
      ours: await run(ours, 0),
      original: spec.originalNa ? undefined : await run(original, spec.originalItems, asOriginalInput),
      ...(spec.note !== undefined && { note: spec.note }),
    });
  }
  return rows;
}

function dollars(perOrder: number): string {
  return `$${(perOrder * 1_000_000).toFixed(2)}`;
}

/** A Markdown table laid out the way the formatter lays it out (so the README copy stays byte-equal). */
function markdownTable(header: string[], right: boolean[], rows: string[][]): string[] {
  const widths = header.map((h, c) => Math.max(3, h.length, ...rows.map((r) => (r[c] ?? '').length)));
  // A column past the header's (none today) would get no padding, as padStart(undefined) gives.
  const cell = (text: string, c: number) => {
    const width = widths[c] ?? 0;
    return right[c] ? text.padStart(width) : text.padEnd(width);
  };
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `| ${widths.map((w, c) => (right[c] ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)];
}

/** The table for the README (Markdown). */
export async function transitionReport(): Promise<string> {
  const rows = await transitionRows();
  const body = rows.map((r) => {
    const oursCost = r.ours.standard * PRICE_PER_TRANSITION;
    const o = r.original;
    const originalCost =
      o === undefined
        ? undefined
        : o.standard * PRICE_PER_TRANSITION + o.expressChildren * PRICE_PER_EXPRESS_CHILD;
    return [
      r.path,
      `${r.ours.standard} (${r.ours.status})`,
      dollars(oursCost),
      dollars(PRICE_PER_EXPRESS_ORDER),
      o === undefined
        ? 'n/a'
        : `${o.standard}${o.expressChildren > 0 ? ` + ${o.expressChildren} Express` : ''} (${o.status})`,
      originalCost === undefined ? 'n/a' : dollars(originalCost),
      [
        r.note,
        r.ours.retries > 0 &&
          `${r.ours.retries} retries not counted (AWS bills them: ${r.ours.standard + r.ours.retries})`,
      ]
        .filter(Boolean)
        .join('; '),
    ];
  });
  const lines = markdownTable(
    [
      'Path',
      'Transitions (ours)',
      'Cost / 1M orders (ours)',
      'Express / 1M (ours)',
      'Transitions (original)',
      'Cost / 1M orders (original)',
      'Note',
    ],
    [false, true, true, true, true, true, false],
    body,
  );
  lines.push(
    '',
    'Counted from the execution history on @orders/asl-engine: one transition per state entered (Parallel',
    'branches included). A retry enters no state, so retries are not in the count; AWS bills each one as a',
    'transition (the Note says how many). Standard: $0.025 per 1,000 transitions.',
    "The original's DISTRIBUTED Map is billed one transition per child execution plus each EXPRESS child",
    "($1.00 per million requests + 64 MB x 100 ms duration); the children's own states are not transitions.",
    `Express (orders:workflowType EXPRESS): $1.00 per million requests + 64 MB for ${EXPRESS_SECONDS_PER_ORDER} s per order,`,
    'whatever the path; Express bills no transitions.',
    '',
  );
  return lines.join('\n');
}
