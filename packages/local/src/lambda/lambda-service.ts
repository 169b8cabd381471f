import { randomUUID } from 'node:crypto';
import { FaultRegistry } from '../faults/fault-registry.js';
import type { FunctionSpec } from '../stack/stack-model.js';
import { FunctionRuntime, type InvocationOutcome } from './function-runtime.js';

/** The Lambda service refused the invoke call (not a function error): Step Functions sees `Lambda.<Code>`. */
export class LambdaServiceError extends Error {
  constructor(
    /** The Step Functions error name, e.g. `Lambda.ServiceException`. */
    readonly errorName: string,
    message: string,
  ) {
    super(message);
    this.name = errorName;
  }
}

export interface LambdaServiceOptions {
  readonly baseEnvironment: Readonly<Record<string, string>>;
  /** Also hand each log line here (e.g. to print it), with the function's name. */
  readonly onLogLine?: (functionName: string, line: string) => void;
}

export interface LocalFunction {
  readonly spec: FunctionSpec;
  readonly bundlePath: string;
}

/** The local Lambda service: one runtime per function, their logs, and the faults injected into them. */
export class LambdaService {
  readonly faults: FaultRegistry;
  private readonly runtimes = new Map<string, FunctionRuntime>();
  private readonly logs: Array<{ functionName: string; line: string }> = [];

  constructor(functions: readonly LocalFunction[], options: LambdaServiceOptions) {
    for (const { spec, bundlePath } of functions) {
      const runtime = new FunctionRuntime(spec, bundlePath, {
        baseEnvironment: options.baseEnvironment,
        onLogLine: (line) => {
          this.logs.push({ functionName: spec.name, line });
          options.onLogLine?.(spec.name, line);
        },
      });
      this.runtimes.set(spec.name, runtime);
    }
    this.faults = new FaultRegistry((name) => this.resolve(name)?.spec.name);
  }

  /** The runtime for a function key (`verifyPayment`), name, ARN or qualified ARN. */
  resolve(nameOrArn: string): FunctionRuntime | undefined {
    const name = functionNameOf(nameOrArn);
    const direct = this.runtimes.get(name);
    if (direct !== undefined) return direct;
    return [...this.runtimes.values()].find(
      (runtime) => runtime.spec.key === name || runtime.spec.arn === nameOrArn,
    );
  }

  /** Invoke a function as the Lambda service does; throws LambdaServiceError when the call itself fails. */
  async invoke(nameOrArn: string, event: unknown): Promise<InvocationOutcome & { functionArn: string }> {
    const runtime = this.resolve(nameOrArn);
    if (runtime === undefined) {
      throw new LambdaServiceError(
        'Lambda.ResourceNotFoundException',
        `Function not found: ${qualifiedArn(nameOrArn)} (Service: AWSLambda; Status Code: 404; ` +
          `Error Code: ResourceNotFoundException; Request ID: ${randomUUID()}; Proxy: null)`,
      );
    }
    const functionArn = runtime.spec.arn;
    const fault = this.faults.take(runtime.spec.name);
    if (fault?.kind === 'service') {
      const code = fault.error.slice('Lambda.'.length);
      const status =
        code === 'TooManyRequestsException' ? 429 : code.startsWith('ResourceNotFound') ? 404 : 500;
      throw new LambdaServiceError(
        fault.error,
        `${fault.cause ?? 'Injected fault'} (Service: AWSLambda; Status Code: ${status}; Error Code: ${code}; ` +
          `Request ID: ${randomUUID()}; Proxy: null)`,
      );
    }
    if (fault?.kind === 'function') {
      const errorMessage = fault.cause ?? 'Injected fault';
      const error = { errorType: fault.error, errorMessage, trace: [`${fault.error}: ${errorMessage}`] };
      return { ok: false, error, requestId: randomUUID(), coldStart: false, functionArn };
    }
    if (fault?.kind === 'timeout') return { ...(await runtime.hang()), functionArn };
    return { ...(await runtime.invoke(event)), functionArn };
  }

  /** Every line the functions (or the one named) wrote, oldest first. */
  lambdaLogs(functionName?: string): string[] {
    const name =
      functionName === undefined ? undefined : (this.resolve(functionName)?.spec.name ?? functionName);
    return this.logs
      .filter((entry) => name === undefined || entry.functionName === name)
      .map((entry) => entry.line);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.runtimes.values()].map((runtime) => runtime.stop()));
  }
}

/** `arn:aws:lambda:r:a:function:NAME[:qualifier]` or `a:function:NAME` or `NAME[:qualifier]` → NAME. */
export function functionNameOf(nameOrArn: string): string {
  const marker = nameOrArn.indexOf('function:');
  const rest = marker >= 0 ? nameOrArn.slice(marker + 'function:'.length) : nameOrArn;
  return rest.split(':')[0] ?? rest;
}

function qualifiedArn(nameOrArn: string): string {
  if (nameOrArn.startsWith('arn:'))
    return nameOrArn.split(':').length < 8 ? `${nameOrArn}:$LATEST` : nameOrArn;
  return `arn:aws:lambda:us-east-1:123456789012:function:${functionNameOf(nameOrArn)}:$LATEST`;
}
