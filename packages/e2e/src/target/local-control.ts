import type { LambdaLogReader } from '../lambda-logs.js';
import type { E2eTarget } from './e2e-target.js';

/** A fault the local stack injects into the next invocations of one Lambda function. */
export interface InjectedFault {
  readonly count: number;
  readonly error?: string;
  readonly cause?: string;
  readonly timeout?: boolean;
}

/** Test-side client of the local stack's control channel; only the local target has one. */
export class LocalControl implements LambdaLogReader {
  constructor(private readonly url: string) {}

  /** The control channel of `target`, or undefined on AWS (no fault injection, no in-process logs). */
  static of(target: E2eTarget): LocalControl | undefined {
    return target.controlUrl === undefined ? undefined : new LocalControl(target.controlUrl);
  }

  /** Make the next `fault.count` invocations of `functionName` fail. */
  async injectFault(functionName: string, fault: InjectedFault): Promise<void> {
    await this.call('POST', '/faults', { functionName, ...fault });
  }

  /** Every line the Lambda functions (or one of them) wrote so far. */
  async lambdaLogs(functionName?: string): Promise<string[]> {
    const query = functionName === undefined ? '' : `?functionName=${encodeURIComponent(functionName)}`;
    return (await this.call('GET', `/lambda-logs${query}`)) as string[];
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const payload = (await res.json()) as unknown;
    if (!res.ok) throw new Error(`local control ${method} ${path} failed: ${JSON.stringify(payload)}`);
    return payload;
  }
}
