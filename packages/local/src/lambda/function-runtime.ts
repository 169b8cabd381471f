import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FunctionSpec } from '../stack/stack-model.js';
import { type LambdaErrorDocument, runtimeExitDocument, timeoutDocument } from './lambda-error-document.js';

const WORKER_SCRIPT = new URL('./worker-runtime.mjs', import.meta.url);
const BUNDLE_EXTENSIONS = ['.mjs', '.js', '.cjs'];

/** The outcome of one invocation, as the Lambda service reports it. */
export type InvocationOutcome =
  | { readonly ok: true; readonly payload: unknown; readonly requestId: string; readonly coldStart: boolean }
  | {
      readonly ok: false;
      readonly error: LambdaErrorDocument;
      readonly requestId: string;
      readonly coldStart: boolean;
    };

export interface FunctionRuntimeOptions {
  /** Variables added to the function's own (endpoints, credentials, region). */
  readonly baseEnvironment: Readonly<Record<string, string>>;
  /** Called with every line the function writes to stdout or stderr. */
  readonly onLogLine: (line: string) => void;
  /** Execution environments kept at most; more concurrent invocations wait. Default 10. */
  readonly maxConcurrency?: number;
}

interface Pending {
  resolve(outcome: InvocationOutcome): void;
  requestId: string;
  coldStart: boolean;
  timer: NodeJS.Timeout;
}

/** One execution environment: a worker thread running the function's bundle. */
class Sandbox {
  readonly worker: Worker;
  initialised = false;
  pending: Pending | undefined;
  dead = false;
  private nextId = 0;

  constructor(
    spec: FunctionSpec,
    bundlePath: string,
    env: Record<string, string>,
    onLine: (line: string) => void,
  ) {
    const [, handlerExport = 'handler'] = spec.handler.split('.');
    this.worker = new Worker(WORKER_SCRIPT, {
      env,
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: spec.memorySize },
      workerData: {
        bundlePath,
        handlerExport,
        functionName: spec.name,
        functionArn: spec.arn,
        memorySize: spec.memorySize,
        logGroupName: `/aws/lambda/${spec.name}`,
      },
    });
    // Writes that bypass process.stdout/stderr.write still arrive through the worker's streams.
    pipeLines(this.worker.stdout, onLine);
    pipeLines(this.worker.stderr, onLine);
    const logs = new LineSplitter(onLine);
    this.worker.on('message', (message: WorkerReply | { log: string }) => {
      if ('log' in message) logs.push(message.log);
      else {
        logs.flush();
        this.settle(message);
      }
    });
    this.worker.on('error', (error: Error & { code?: string }) => {
      this.dead = true;
      const pending = this.pending;
      if (pending === undefined) return;
      const oom = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.finish({
        ok: false,
        error: runtimeExitDocument(pending.requestId, oom, error.message),
        requestId: pending.requestId,
        coldStart: pending.coldStart,
      });
    });
    this.worker.on('exit', (code) => {
      this.dead = true;
      const pending = this.pending;
      if (pending === undefined) return;
      this.finish({
        ok: false,
        error: runtimeExitDocument(pending.requestId, false, `exit status ${code}`),
        requestId: pending.requestId,
        coldStart: pending.coldStart,
      });
    });
  }

  invoke(event: unknown, timeoutSeconds: number): Promise<InvocationOutcome> {
    const requestId = randomUUID();
    const coldStart = !this.initialised;
    this.initialised = true;
    const id = ++this.nextId;
    const deadline = Date.now() + timeoutSeconds * 1000;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // Lambda stops the environment of a timed-out invocation: the next one starts cold.
        this.dead = true;
        void this.worker.terminate();
        this.finish({ ok: false, error: timeoutDocument(requestId, timeoutSeconds), requestId, coldStart });
      }, timeoutSeconds * 1000);
      this.pending = { resolve, requestId, coldStart, timer };
      this.worker.postMessage({ id, event, requestId, deadline });
    });
  }

  private settle(reply: WorkerReply): void {
    const pending = this.pending;
    if (pending === undefined) return;
    const base = { requestId: pending.requestId, coldStart: pending.coldStart };
    this.finish(
      reply.ok
        ? { ok: true, payload: JSON.parse(reply.payload), ...base }
        : { ok: false, error: reply.error, ...base },
    );
  }

  private finish(outcome: InvocationOutcome): void {
    const pending = this.pending;
    if (pending === undefined) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve(outcome);
  }
}

type WorkerReply =
  | { id: number; ok: true; payload: string }
  | { id: number; ok: false; error: LambdaErrorDocument };

/**
 * A Lambda function run from its bundle: a pool of worker threads, each one execution environment with
 * the function's environment, timeout and memory limit. A new environment starts cold; an idle one is reused warm.
 */
export class FunctionRuntime {
  private readonly idle: Sandbox[] = [];
  private readonly all = new Set<Sandbox>();
  private readonly waiting: Array<() => void> = [];
  private readonly env: Record<string, string>;
  private readonly maxConcurrency: number;
  private stopped = false;
  private readonly stopping = new AbortController();

  constructor(
    readonly spec: FunctionSpec,
    private readonly bundlePath: string,
    private readonly options: FunctionRuntimeOptions,
  ) {
    this.maxConcurrency = options.maxConcurrency ?? 10;
    this.env = {
      ...spec.environment,
      ...options.baseEnvironment,
      AWS_LAMBDA_FUNCTION_NAME: spec.name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memorySize),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${spec.name}`,
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
      LAMBDA_TASK_ROOT: spec.bundleDir,
      _HANDLER: spec.handler,
      NODE_ENV: spec.environment.NODE_ENV ?? 'production',
    };
  }

  /** Invoke the function with `event` (already parsed JSON). */
  async invoke(event: unknown): Promise<InvocationOutcome> {
    this.throwIfStopped();
    const sandbox = await this.acquire();
    try {
      return await sandbox.invoke(event, this.spec.timeoutSeconds);
    } finally {
      this.release(sandbox);
    }
  }

  /** Wait out the timeout as a hung invocation would, then fail like one (used by injected faults). */
  async hang(): Promise<InvocationOutcome> {
    this.throwIfStopped();
    const requestId = randomUUID();
    const signal = this.stopping.signal;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.spec.timeoutSeconds * 1000);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
    this.throwIfStopped();
    return {
      ok: false,
      error: timeoutDocument(requestId, this.spec.timeoutSeconds),
      requestId,
      coldStart: false,
    };
  }

  /** Terminate every environment; invocations waiting for one, or hanging, fail at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    for (const wake of this.waiting.splice(0)) wake();
    await Promise.all([...this.all].map((sandbox) => sandbox.worker.terminate()));
    this.all.clear();
    this.idle.length = 0;
  }

  private throwIfStopped(): void {
    if (this.stopped) throw new Error(`function ${this.spec.name} is stopped`);
  }

  private async acquire(): Promise<Sandbox> {
    for (;;) {
      this.throwIfStopped();
      const reused = this.idle.pop();
      if (reused !== undefined) {
        if (!reused.dead) return reused;
        this.all.delete(reused);
        continue;
      }
      if (this.all.size < this.maxConcurrency) {
        const sandbox = new Sandbox(this.spec, this.bundlePath, this.env, this.options.onLogLine);
        this.all.add(sandbox);
        return sandbox;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(sandbox: Sandbox): void {
    if (sandbox.dead) this.all.delete(sandbox);
    else if (!this.stopped) this.idle.push(sandbox);
    this.waiting.shift()?.();
  }
}

/** The bundle file for `handler` (`index.handler` → `index.mjs|.js|.cjs`) in `bundleDir`, if it exists. */
export function findBundleFile(bundleDir: string, handler: string): string | undefined {
  const [stem = 'index'] = handler.split('.');
  return BUNDLE_EXTENSIONS.map((ext) => join(bundleDir, stem + ext)).find((path) => existsSync(path));
}

/** Cuts written text into lines; an unfinished line waits for the rest (or a flush). */
class LineSplitter {
  private rest = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(text: string): void {
    const lines = (this.rest + text).split('\n');
    this.rest = lines.pop() ?? '';
    for (const line of lines) if (line !== '') this.onLine(line);
  }

  flush(): void {
    if (this.rest !== '') this.onLine(this.rest);
    this.rest = '';
  }
}

function pipeLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  const lines = new LineSplitter(onLine);
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => lines.push(chunk));
  stream.on('end', () => lines.flush());
}
