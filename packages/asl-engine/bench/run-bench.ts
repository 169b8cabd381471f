/**
 * Benchmark: the seed order workflow (../shared/seed/workflow.asl.json) with in-memory stub task
 * handlers, 5,000 executions sequentially and 50 at a time, on @orders/asl-engine and on
 * aws-local-stepfunctions, in one run. Prints executions/s, µs per state transition, peak memory
 * and the throughput ratio.
 *
 *   pnpm --filter @orders/asl-engine bench [-- --executions 5000 --concurrency 50]
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StateMachine, type TaskRequest } from '../src/index.js';

// aws-local-stepfunctions@3 calls Promise.withResolvers, which Node 20 lacks.
const P = Promise as unknown as { withResolvers?: unknown };
if (!P.withResolvers) {
  P.withResolvers = () => {
    let resolve!: (v: unknown) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

const args = process.argv.slice(2);
const opt = (k: string, d: number) => {
  const i = args.indexOf(k);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const EXECUTIONS = opt('--executions', 5000);
const CONCURRENCY = opt('--concurrency', 50);
const WARMUP = opt('--warmup', 300);
const ROUNDS = opt('--rounds', 3);

const here = dirname(fileURLToPath(import.meta.url));
const seedDir = [resolve(here, '../../../../shared/seed'), resolve(here, '../../../shared/seed')].find((d) =>
  existsSync(resolve(d, 'workflow.asl.json')),
);
if (!seedDir) {
  console.error('seed workflow not found (expected <clone>/../shared/seed/workflow.asl.json)');
  process.exit(1);
}
const definition = JSON.parse(readFileSync(resolve(seedDir, 'workflow.asl.json'), 'utf8'));
const input = JSON.parse(readFileSync(resolve(seedDir, 'input.json'), 'utf8')) as {
  orderContents: { items: unknown[] };
};

// ------------------------------------------------------------------ in-memory stubs (shared by both engines)

let charges = 0;
function lambdaPayload(functionName: string, payload: unknown): unknown {
  if (functionName.includes('PaymentVerifier')) {
    return { paymentVerified: true, cardType: 'MASTERCARD', cardLast4: '1055' };
  }
  if (functionName.includes('ItemsInStockRetriever')) {
    const items = (payload as { items: Array<Record<string, unknown>> }).items;
    // the Map iterates ItemsPath "$.items", so the stub returns the list itself
    return items.map((it) => ({ ...it, quantity: 1, quantityInStock: 10 }));
  }
  if (functionName.includes('chargePaymentMethod'))
    return { paymentResult: 'SUCCESS', chargeId: `ch-${++charges}` };
  throw Object.assign(new Error(`unknown function ${functionName}`), {
    name: 'Lambda.ResourceNotFoundException',
  });
}

function serviceResult(resource: string, params: unknown): unknown {
  if (resource.startsWith('arn:aws:states:::lambda:invoke')) {
    const p = params as { FunctionName: string; Payload: unknown };
    return { ExecutedVersion: '$LATEST', Payload: lambdaPayload(p.FunctionName, p.Payload), StatusCode: 200 };
  }
  if (resource === 'arn:aws:states:::dynamodb:putItem') return { SdkHttpMetadata: { HttpStatusCode: 200 } };
  if (resource === 'arn:aws:states:::sns:publish')
    return { MessageId: 'm-1', SdkHttpMetadata: { HttpStatusCode: 200 } };
  throw new Error(`no stub for ${resource}`);
}

// State transitions per execution: Parallel, 2 branch Tasks, Choice, Pass, Map, 2 per item, 3 Tasks.
const TRANSITIONS = 9 + 2 * input.orderContents.items.length;

// ------------------------------------------------------------------ engines

type RunOne = () => Promise<unknown>;

function ourEngine(history: boolean): RunOne {
  const sm = StateMachine.load(definition);
  const handler = async (req: TaskRequest) => serviceResult(req.resource, req.parameters);
  const dispatcher = { resolve: () => handler };
  return async () => {
    const r = await sm.start(input, { dispatcher, history }).result;
    if (r.status !== 'SUCCEEDED') throw new Error(`execution ${r.status}: ${JSON.stringify(r)}`);
    return r.output;
  };
}

function awsLocalStepFunctions(): { run: RunOne; version: string } {
  const require = createRequire(import.meta.url);
  const lib = require('aws-local-stepfunctions');
  const pkgJson = resolve(dirname(require.resolve('aws-local-stepfunctions')), '..', 'package.json');
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string };
  const sm = new lib.StateMachine(definition, { validationOptions: { checkArn: false, checkPaths: false } });
  const taskResourceLocalHandlers: Record<string, (p: unknown) => Promise<unknown>> = {};
  const collect = (def: { States: Record<string, Record<string, unknown>> }) => {
    for (const [name, st] of Object.entries(def.States)) {
      if (st.Type === 'Task')
        taskResourceLocalHandlers[name] = async (p) => serviceResult(String(st.Resource), p);
      if (st.Type === 'Parallel') for (const b of st.Branches as never[]) collect(b);
      if (st.Type === 'Map') collect((st.ItemProcessor ?? st.Iterator) as never);
    }
  };
  collect(definition);
  return {
    version,
    run: () => sm.run(input, { overrides: { taskResourceLocalHandlers } }).result,
  };
}

// ------------------------------------------------------------------ measurement

interface Figures {
  /** Wall-clock executions per second. */
  execPerSec: number;
  /** Executions per second of process CPU time (steadier than wall time on a shared machine). */
  execPerCpuSec: number;
  /** CPU µs per state transition. */
  usPerTransition: number;
  peakHeapMiB: number;
  peakRssMiB: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

async function measure(run: RunOne, executions: number, concurrency: number): Promise<Figures> {
  gc?.();
  const base = process.memoryUsage();
  let peakHeap = base.heapUsed;
  let peakRss = base.rss;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
    if (m.rss > peakRss) peakRss = m.rss;
  };
  let started = 0;
  let done = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const worker = async () => {
    while (started < executions) {
      started++;
      await run();
      if (++done % 25 === 0) sample();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuUs = cpu.user + cpu.system;
  sample();
  return {
    execPerSec: (executions / ms) * 1000,
    execPerCpuSec: (executions / cpuUs) * 1e6,
    usPerTransition: cpuUs / (executions * TRANSITIONS),
    peakHeapMiB: (peakHeap - base.heapUsed) / 2 ** 20,
    peakRssMiB: peakRss / 2 ** 20,
  };
}

const fmt = (f: Figures) =>
  `${f.execPerSec.toFixed(0).padStart(7)} exec/s wall ${f.execPerCpuSec.toFixed(0).padStart(7)} exec/s CPU ` +
  `${f.usPerTransition.toFixed(2).padStart(7)} µs/transition ` +
  `${f.peakHeapMiB.toFixed(1).padStart(8)} MiB heap growth ${f.peakRssMiB.toFixed(0).padStart(6)} MiB peak RSS`;

async function main() {
  const engines: Array<[string, RunOne]> = [
    ['@orders/asl-engine', ourEngine(true)],
    ['@orders/asl-engine (history off)', ourEngine(false)],
  ];
  const theirs = awsLocalStepFunctions();
  engines.push([`aws-local-stepfunctions@${theirs.version}`, theirs.run]);
  console.log(
    `seed workflow, ${EXECUTIONS} executions per run, ${TRANSITIONS} state transitions each, in-memory stub handlers, ` +
      `node ${process.version}; best of ${ROUNDS} interleaved rounds` +
      (gc ? '' : ' (run with --expose-gc for cleaner memory figures)'),
  );
  for (const [, r] of engines) for (let i = 0; i < WARMUP; i++) await r();

  const modes = [
    ['sequential', 1],
    [`${CONCURRENCY} at a time`, CONCURRENCY],
  ] as const;
  const best = new Map<string, Figures>();
  for (const [mode, conc] of modes) {
    // rounds interleave the engines so background load hits them alike; the best round counts
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, run] of engines) {
        const f = await measure(run, EXECUTIONS, conc);
        const key = `${mode}|${name}`;
        const prev = best.get(key);
        if (!prev || f.execPerCpuSec > prev.execPerCpuSec)
          best.set(key, { ...f, peakHeapMiB: Math.max(f.peakHeapMiB, prev?.peakHeapMiB ?? 0) });
        else prev.peakHeapMiB = Math.max(prev.peakHeapMiB, f.peakHeapMiB);
      }
    }
  }
  for (const [mode] of modes) {
    for (const [name] of engines)
      console.log(`${mode.padEnd(14)} ${name.padEnd(34)} ${fmt(best.get(`${mode}|${name}`)!)}`);
  }
  for (const [mode] of modes) {
    const get = (name: string) => best.get(`${mode}|${name}`)!;
    const ours = get('@orders/asl-engine');
    const lean = get('@orders/asl-engine (history off)');
    const base = get(`aws-local-stepfunctions@${theirs.version}`);
    console.log(
      `ratio ${mode}: ${(ours.execPerCpuSec / base.execPerCpuSec).toFixed(1)}x aws-local-stepfunctions per CPU second ` +
        `(${(ours.execPerSec / base.execPerSec).toFixed(1)}x wall clock); history off: ` +
        `${(lean.execPerCpuSec / base.execPerCpuSec).toFixed(1)}x (${(lean.execPerSec / base.execPerSec).toFixed(1)}x)`,
    );
  }
}

await main();
