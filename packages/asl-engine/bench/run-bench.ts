/**
 * Benchmark: the seed order workflow (../shared/seed/workflow.asl.json) with in-memory stub task
 * handlers, 5,000 executions sequentially and 50 at a time, on @orders/asl-engine and on
 * aws-local-stepfunctions, in one run. Prints executions/s, µs per state transition, peak memory
 * and the throughput ratio. Every run happens in its own process (clean heap, its own peak RSS),
 * after a warm-up, and the engines take turns over rounds so background load hits them alike.
 *
 *   pnpm --filter @orders/asl-engine bench [-- --executions 5000 --concurrency 50]
 */

import { spawnSync } from 'node:child_process';
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
const WARMUP = opt('--warmup', 3000);
const ROUNDS = opt('--rounds', 2);

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
  /** Peak V8 heap in use during the measured run. */
  peakHeapMiB: number;
  /** Peak resident memory of the (isolated) process. */
  peakRssMiB: number;
}

async function measure(run: RunOne, executions: number, concurrency: number): Promise<Figures> {
  let peakHeap = process.memoryUsage().heapUsed;
  let started = 0;
  let done = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const worker = async () => {
    while (started < executions) {
      started++;
      await run();
      if (++done % 25 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuUs = cpu.user + cpu.system;
  return {
    execPerSec: (executions / ms) * 1000,
    execPerCpuSec: (executions / cpuUs) * 1e6,
    usPerTransition: cpuUs / (executions * TRANSITIONS),
    peakHeapMiB: Math.max(peakHeap, process.memoryUsage().heapUsed) / 2 ** 20,
    // maxRSS is in KiB
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

const fmt = (f: Figures) =>
  `${f.execPerSec.toFixed(0).padStart(7)} exec/s wall ${f.execPerCpuSec.toFixed(0).padStart(7)} exec/s CPU ` +
  `${f.usPerTransition.toFixed(2).padStart(6)} µs/transition ` +
  `${f.peakHeapMiB.toFixed(0).padStart(4)} MiB peak heap ${f.peakRssMiB.toFixed(0).padStart(4)} MiB peak RSS`;

const ENGINES = ['asl-engine', 'asl-engine-no-history', 'aws-local-stepfunctions'] as const;
type EngineId = (typeof ENGINES)[number];

function engineRun(id: EngineId): { label: string; run: RunOne } {
  if (id === 'asl-engine') return { label: '@orders/asl-engine', run: ourEngine(true) };
  if (id === 'asl-engine-no-history')
    return { label: '@orders/asl-engine (history off)', run: ourEngine(false) };
  const theirs = awsLocalStepFunctions();
  return { label: `aws-local-stepfunctions@${theirs.version}`, run: theirs.run };
}

/** Child mode: one engine, one mode, in a fresh process (clean heap, own peak RSS); prints JSON. */
async function child(id: EngineId, concurrency: number) {
  const { label, run } = engineRun(id);
  for (let i = 0; i < WARMUP; i++) await run();
  const f = await measure(run, EXECUTIONS, concurrency);
  process.stdout.write(`${JSON.stringify({ label, ...f })}\n`);
}

function spawnChild(id: EngineId, concurrency: number): Figures & { label: string } {
  const r = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      '--child',
      id,
      ...args.filter((a) => a !== '--child'),
      '--concurrency',
      String(concurrency),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (r.status !== 0) throw new Error(`benchmark child ${id} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
}

async function main() {
  console.log(
    `seed workflow, ${EXECUTIONS} executions per run after ${WARMUP} warm-up ones, ${TRANSITIONS} state transitions each, ` +
      `in-memory stub handlers, node ${process.version}; each run in its own process, best of ${ROUNDS} interleaved rounds`,
  );
  const modes = [
    ['sequential', 1],
    [`${CONCURRENCY} at a time`, CONCURRENCY],
  ] as const;
  const best = new Map<string, Figures & { label: string }>();
  for (const [mode, conc] of modes) {
    // rounds interleave the engines so background load hits them alike; the best round counts
    for (let round = 0; round < ROUNDS; round++) {
      for (const id of ENGINES) {
        const f = spawnChild(id, conc);
        const key = `${mode}|${id}`;
        const prev = best.get(key);
        if (!prev || f.execPerCpuSec > prev.execPerCpuSec) best.set(key, f);
      }
    }
  }
  for (const [mode] of modes)
    for (const id of ENGINES) {
      const f = best.get(`${mode}|${id}`)!;
      console.log(`${mode.padEnd(13)} ${f.label.padEnd(33)} ${fmt(f)}`);
    }
  for (const [mode] of modes) {
    const get = (id: EngineId) => best.get(`${mode}|${id}`)!;
    const ours = get('asl-engine');
    const lean = get('asl-engine-no-history');
    const base = get('aws-local-stepfunctions');
    console.log(
      `ratio ${mode}: ${(ours.execPerCpuSec / base.execPerCpuSec).toFixed(1)}x aws-local-stepfunctions per CPU second ` +
        `(${(ours.execPerSec / base.execPerSec).toFixed(1)}x wall clock); history off: ` +
        `${(lean.execPerCpuSec / base.execPerCpuSec).toFixed(1)}x (${(lean.execPerSec / base.execPerSec).toFixed(1)}x)`,
    );
  }
}

const childIndex = args.indexOf('--child');
if (childIndex >= 0) await child(args[childIndex + 1] as EngineId, CONCURRENCY);
else await main();
