import { describe, expect, it } from 'vitest';
import {
  JSONata,
  JSONPath,
  jsonata,
  lambdaInvoke,
  pass,
  retry,
  type StateMachineOptions,
  stateMachine,
  wait,
} from '../../src/asl/index.js';

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:f';

function states(options: StateMachineOptions): Record<string, Record<string, unknown>> {
  return stateMachine(options).toAsl().States as Record<string, Record<string, unknown>>;
}

describe('the query language is a type parameter of every state', () => {
  it('keeps each factory to its language’s fields (these lines are the test: tsc fails without the errors)', () => {
    // @ts-expect-error resultPath is JSONPath's; a JSONata Catch takes output
    JSONata.task('T', { resource: FN, catch: [{ resultPath: '$.error', next: 'X' }] });
    // @ts-expect-error secondsPath is JSONPath's
    JSONata.wait('W', { secondsPath: '$.s' });
    // @ts-expect-error outputPath is JSONPath's
    JSONata.lambdaInvoke('L', { functionArn: FN, timeoutSeconds: 5, outputPath: '$.Payload' });
    // @ts-expect-error arguments is JSONata's
    lambdaInvoke('L', { functionArn: FN, timeoutSeconds: 5, arguments: {} });
    // @ts-expect-error items is JSONata's
    JSONPath.map('M', { items: [1, 2], itemProcessor: pass('P') });
    // A JSONPath Wait takes a number of seconds, a JSONata one an expression too.
    // @ts-expect-error seconds as an expression needs JSONata
    wait('W', { seconds: jsonata('$x') });
    expect(JSONata.wait('W', { seconds: jsonata('$x') }).queryLanguage).toBe('JSONata');
  });

  it('names a state’s QueryLanguage only where it differs from the state machine’s', () => {
    const inJsonPath = states({
      startAt: JSONata.pass('A', { output: { a: 1 } }).next(pass('B', { resultPath: '$.b' })),
    });
    expect(inJsonPath.A?.QueryLanguage).toBe('JSONata');
    expect(inJsonPath.B?.QueryLanguage).toBeUndefined();

    const inJsonata = states({
      queryLanguage: 'JSONata',
      startAt: JSONata.lambdaInvoke('Call', {
        functionArn: FN,
        timeoutSeconds: 5,
        retry: [retry({ errors: ['States.ALL'], maxAttempts: 1 })],
        catch: [{ output: jsonata('$states.errorOutput'), next: 'Caught' }],
      }),
      states: [JSONata.succeed('Caught')],
    });
    expect(inJsonata.Call?.QueryLanguage).toBeUndefined();
    expect(inJsonata.Call?.Arguments).toEqual({ FunctionName: FN });
    expect(inJsonata.Call?.Catch).toEqual([
      { ErrorEquals: ['States.ALL'], Output: '{% $states.errorOutput %}', Next: 'Caught' },
    ]);
  });
});
