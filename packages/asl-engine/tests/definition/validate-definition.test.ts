import { describe, expect, it } from 'vitest';
import {
  DefinitionError,
  JSONATA_ONLY_FIELDS,
  JSONPATH_ONLY_FIELDS,
  StateMachine,
  validateDefinition,
  wrongLanguageFields,
} from '../../src/index.js';

describe('definition validation', () => {
  it('accepts a valid definition given as an object or a JSON string', () => {
    const def = { StartAt: 'A', States: { A: { Type: 'Succeed' } } };
    expect(validateDefinition(def)).toEqual([]);
    expect(StateMachine.load(JSON.stringify(def)).definition).toEqual(def);
  });

  it('lists every problem at once, naming the state', () => {
    const def = {
      StartAt: 'Missing',
      States: {
        A: { Type: 'Pass', Next: 'Nowhere', Result: 1 },
        B: { Type: 'Task', End: true, Retry: [{ ErrorEquals: [] }] },
        C: { Type: 'Choice', Choices: [{ Variable: '$.x', NumericEquals: 'one', Next: 'A' }] },
        D: { Type: 'Wait', Seconds: 1, Timestamp: '2020-01-01T00:00:00Z', End: true },
        E: { Type: 'Bogus' },
        F: { Type: 'Pass', End: true, Arguments: {} },
        G: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: {}, End: true },
      },
    };
    let err: unknown;
    try {
      StateMachine.load(def);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DefinitionError);
    const problems = (err as DefinitionError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        "StartAt 'Missing' is not the name of a state",
        "State 'A': transition to unknown state 'Nowhere'",
        "State 'B': Resource is required",
        "State 'B'.Retry[0]: ErrorEquals must be a non-empty array of strings",
        "State 'C'.Choices[0].NumericEquals: must be a number",
        "State 'D': needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath",
        'State \'E\': Type must be one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map (was "Bogus")',
        "State 'F': field 'Arguments' is not allowed in a Pass state",
        "State 'G': field 'Arguments' is not supported with QueryLanguage JSONPath",
      ]),
    );
    expect((err as Error).message).toContain('- State');
  });

  it('checks nested machines, reachability, States.ALL placement and path syntax', () => {
    const problems = validateDefinition({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'X', States: { X: { Type: 'Pass', InputPath: 'no-dollar', End: true } } }],
          Catch: [
            { ErrorEquals: ['States.ALL'], Next: 'Done' },
            { ErrorEquals: ['Other'], Next: 'Done' },
          ],
          End: true,
        },
        Done: { Type: 'Succeed' },
        Orphan: { Type: 'Succeed' },
      },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        "State 'P'.Branches[0]: State 'X'.InputPath: 'no-dollar' is not a valid JSONPath",
        "State 'P'.Catch[0]: States.ALL must appear alone and in the last catcher",
        "State 'Orphan' is not reachable from StartAt",
      ]),
    );
  });

  it('rejects unknown intrinsic functions and JSONata that does not parse', () => {
    const problems = validateDefinition({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Parameters: { 'x.$': 'States.Nope($.a)' }, Next: 'B' },
        B: { Type: 'Pass', QueryLanguage: 'JSONata', Output: { y: '{% $states.input.( %}' }, End: true },
      },
    });
    expect(problems).toEqual([
      "State 'A'.Parameters.x.$: unknown intrinsic function States.Nope",
      expect.stringMatching(/^State 'B'\.Output\.y: invalid JSONata expression: /),
    ]);
  });

  it('rejects the fields of the other query language, from the one exported list', () => {
    expect(wrongLanguageFields('JSONata')).toBe(JSONPATH_ONLY_FIELDS);
    expect(wrongLanguageFields('JSONPath')).toBe(JSONATA_ONLY_FIELDS);
    const problems = validateDefinition({
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: {
        P: { Type: 'Pass', Result: { x: 1 }, Next: 'T' },
        T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', TimeoutSecondsPath: '$.t', End: true },
      },
    });
    expect(problems).toEqual([
      "State 'P': field 'Result' is not supported with QueryLanguage JSONata",
      "State 'T': field 'TimeoutSecondsPath' is not supported with QueryLanguage JSONata",
    ]);
  });

  it('can be skipped with validate: false', () => {
    expect(() =>
      StateMachine.load({ StartAt: 'A', States: { A: { Type: 'Pass' } } }, { validate: false }),
    ).not.toThrow();
    expect(() => StateMachine.load('{not json')).toThrow(DefinitionError);
  });
});
