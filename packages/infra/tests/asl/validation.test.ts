import { describe, expect, it } from 'vitest';
import {
  Condition,
  chain,
  choice,
  DefinitionValidationError,
  fail,
  JSONata,
  jsonata,
  lambdaInvoke,
  map,
  parallel,
  pass,
  type StateMachineOptions,
  stateMachine,
  succeed,
  task,
} from '../../src/asl/index.js';

const RESOURCE = 'arn:aws:states:::aws-sdk:s3:getObject';

/** The problems the validation pass reports, as `state: message` strings. */
function problems(options: StateMachineOptions): string[] {
  return stateMachine(options)
    .validate()
    .map((p) => `${p.state}: ${p.message}`);
}

describe('validation: one pass, every problem, each with the state name', () => {
  it('accepts a valid graph', () => {
    expect(problems({ startAt: chain(pass('A'), succeed('B')) })).toEqual([]);
  });

  it('rejects duplicate state names', () => {
    expect(problems({ startAt: chain(pass('Same'), pass('Same')) })).toEqual([
      'Same: state name is used by 2 different states (names must be unique)',
    ]);
  });

  it('rejects duplicate names across a Parallel branch and the outer scope', () => {
    const p = parallel('P', { branches: [pass('Twin')] });
    expect(problems({ startAt: chain(p, pass('Twin')) })).toEqual([
      'Twin: state name is used by 2 different states (names must be unique)',
    ]);
  });

  it('rejects a Next target that does not exist', () => {
    expect(problems({ startAt: pass('A').next('Nowhere') })).toEqual([
      "A: Next target 'Nowhere' does not exist in the state machine",
    ]);
  });

  it('rejects a Default and a Catch target that do not exist', () => {
    const c = choice('C').when(Condition.isPresent('$.x'), succeed('Ok')).otherwise('Missing default');
    const t = task('T', { resource: RESOURCE, timeoutSeconds: 1, catch: [{ next: 'Missing handler' }] });
    expect(problems({ startAt: chain(t, c) })).toEqual([
      "T: Catch target 'Missing handler' does not exist in the state machine",
      "C: Default target 'Missing default' does not exist in the state machine",
    ]);
  });

  it('rejects a transition out of a Parallel branch', () => {
    const outside = succeed('Outside');
    const inner = pass('Inner');
    inner.next(outside);
    const p = parallel('P', { branches: [inner] });
    expect(problems({ startAt: chain(p, outside) })).toEqual([
      "Outside: belongs to more than one scope: a transition crosses the boundary of branch 1 of 'P'",
    ]);
  });

  it('rejects unreachable states', () => {
    expect(problems({ startAt: succeed('Start'), states: [pass('Orphan')] })).toEqual([
      "Orphan: is unreachable from 'Start' (StartAt of the state machine)",
    ]);
  });

  it('rejects states with no way to end', () => {
    const a = pass('A');
    const b = pass('B');
    a.next(b);
    b.next('A');
    expect(problems({ startAt: a })).toEqual([
      'A: has no way to end (no path to a Succeed, Fail or End state)',
      'B: has no way to end (no path to a Succeed, Fail or End state)',
    ]);
  });

  it('accepts a loop that has a way out', () => {
    const check = choice('Done?');
    const work = pass('Work');
    work.next('Done?');
    check.when(Condition.booleanEquals('$.done', true), succeed('Finished')).otherwise(work);
    expect(problems({ startAt: check })).toEqual([]);
  });

  it('rejects a Choice without rules', () => {
    expect(problems({ startAt: choice('Empty').otherwise(succeed('Ok')) })).toEqual([
      'Empty: Choice has no rules',
    ]);
  });

  it('rejects States.ALL together with other errors', () => {
    const t = task('T', { resource: RESOURCE, retry: [{ errors: ['States.ALL', 'Custom'] }] });
    expect(problems({ startAt: t })).toEqual([
      'T: Retry[0]: States.ALL must appear alone in its ErrorEquals',
    ]);
  });

  it('rejects a States.ALL retrier or catcher that is not last', () => {
    const handler = succeed('H');
    const t = task('T', {
      resource: RESOURCE,
      retry: [{ errors: ['States.ALL'] }, { errors: ['Custom'] }],
      catch: [
        { errors: ['States.ALL'], next: handler },
        { errors: ['Custom'], next: handler },
      ],
    });
    expect(problems({ startAt: t })).toEqual([
      'T: Retry[0]: the States.ALL retryer must be last',
      'T: Catch[0]: the States.ALL catcher must be last',
    ]);
  });

  it('rejects invalid Retry values', () => {
    const t = task('T', {
      resource: RESOURCE,
      retry: [
        {
          errors: ['Custom'],
          intervalSeconds: 0,
          maxAttempts: -1,
          backoffRate: 0.5,
          maxDelaySeconds: 1.5,
          jitterStrategy: 'SOME' as 'FULL',
        },
        { errors: [] },
      ],
    });
    expect(problems({ startAt: t })).toEqual([
      'T: Retry[1] has no error names',
      'T: Retry[0]: intervalSeconds must be a positive integer (got 0)',
      'T: Retry[0]: maxAttempts must be a non-negative integer (got -1)',
      'T: Retry[0]: backoffRate must be at least 1.0 (got 0.5)',
      'T: Retry[0]: maxDelaySeconds must be a positive integer (got 1.5)',
      'T: Retry[0]: jitterStrategy must be FULL or NONE (got SOME)',
    ]);
  });

  it('rejects invalid task timeouts', () => {
    const t = task('T', { resource: RESOURCE, timeoutSeconds: 10, heartbeatSeconds: 10 });
    const u = task('U', { resource: RESOURCE, timeoutSeconds: 0.5 });
    expect(problems({ startAt: chain(t, u) })).toEqual([
      'T: heartbeatSeconds must be smaller than timeoutSeconds',
      'U: timeoutSeconds must be a positive integer (got 0.5)',
    ]);
  });

  it('refuses a field of the other query language at compile time, and from a cast at validation', () => {
    // @ts-expect-error Output is a JSONata field, and pass() builds a JSONPath state
    const a = pass('A', { output: jsonata('$states.input') });
    // @ts-expect-error Parameters is a JSONPath field
    const b = JSONata.pass('B', { parameters: { x: 1 }, output: { 'y.$': '$.y' } });
    // @ts-expect-error a JSONPath condition in a JSONata Choice
    const c = JSONata.choice('C').when(Condition.isPresent('$.x'), JSONata.succeed('D'));
    expect(problems({ startAt: chain(a, b, c) })).toEqual([
      'A: Output cannot be used in a JSONPath state',
      'B: Parameters cannot be used in a JSONata state',
      "B: Output has a '.$' field (y.$), which JSONata states do not evaluate",
      'C: JSONata Choice rules need a JSONata condition (Condition.jsonata)',
    ]);
  });

  it('refuses a JSONPath state in a JSONata state machine (ASL has no way back to JSONPath)', () => {
    const start = JSONata.pass('Start', { output: jsonata('$states.input') });
    expect(problems({ queryLanguage: 'JSONata', startAt: chain(start, succeed('Done')) })).toEqual([
      'Done: is a JSONPath state in the state machine, whose language is JSONata (build it with JSONata.*)',
    ]);
  });

  it('finds a .$ key nested deep in a JSONata template, and leaves refs alone', () => {
    const t = JSONata.task('T', {
      resource: RESOURCE,
      timeoutSeconds: 5,
      arguments: { outer: [{ fine: 1 }, { 'inner.$': '$.x' }] },
    });
    expect(problems({ queryLanguage: 'JSONata', startAt: t })).toEqual([
      "T: Arguments has a '.$' field (outer[1].inner.$), which JSONata states do not evaluate",
    ]);
  });

  it('validates inside Map item processors', () => {
    const m = map('M', { itemsPath: '$.items', itemProcessor: pass('Inner').next('Gone') });
    expect(problems({ startAt: m })).toEqual([
      "Inner: Next target 'Gone' does not exist in the item processor of 'M'",
    ]);
  });

  it('reports every problem at once and refuses to render', () => {
    const orphan = pass('Orphan');
    const t = lambdaInvoke('Call', {
      functionArn: 'f',
      timeoutSeconds: 10,
      retry: [{ errors: ['Custom'], backoffRate: 0 }],
    });
    const machine = stateMachine({
      startAt: chain(t, choice('Empty')),
      states: [orphan, fail('Call', { error: 'x' })],
      timeoutSeconds: -1,
    });
    let error: unknown;
    try {
      machine.toAsl();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DefinitionValidationError);
    expect((error as DefinitionValidationError).problems).toEqual([
      "Orphan: is unreachable from 'Call' (StartAt of the state machine)",
      "Call: is unreachable from 'Call' (StartAt of the state machine)",
      'Call: has no way to end (no path to a Succeed, Fail or End state)',
      'Empty: has no way to end (no path to a Succeed, Fail or End state)',
      'Call: Retry[1]: backoffRate must be at least 1.0 (got 0)',
      'Empty: Choice has no rules',
      'Call: state name is used by 2 different states (names must be unique)',
      '(state machine): timeoutSeconds must be a positive integer (got -1)',
    ]);
  });
});
