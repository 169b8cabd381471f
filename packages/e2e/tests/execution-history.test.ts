import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { historyOutputs, statesVisited, taskFailures } from '../src/index.js';

const at = new Date(0);
const EVENTS: HistoryEvent[] = [
  {
    id: 1,
    timestamp: at,
    type: 'ExecutionStarted',
    executionStartedEventDetails: { input: '{"card":"4111"}' },
  },
  {
    id: 2,
    timestamp: at,
    type: 'TaskStateEntered',
    stateEnteredEventDetails: { name: 'Verify', input: '{}' },
  },
  {
    id: 3,
    timestamp: at,
    type: 'TaskFailed',
    taskFailedEventDetails: { resourceType: 'lambda', resource: 'invoke', error: 'Lambda.ServiceException' },
  },
  {
    id: 4,
    timestamp: at,
    type: 'TaskStateEntered',
    stateEnteredEventDetails: { name: 'Verify', input: '{}' },
  },
  {
    id: 5,
    timestamp: at,
    type: 'TaskStateExited',
    stateExitedEventDetails: { name: 'Verify', output: '{"ok":1}' },
  },
  {
    id: 6,
    timestamp: at,
    type: 'SucceedStateEntered',
    stateEnteredEventDetails: { name: 'Done', input: '{}' },
  },
];

describe('execution history helpers', () => {
  it('lists entered states in order, repeats included', () => {
    expect(statesVisited(EVENTS)).toEqual(['Verify', 'Verify', 'Done']);
  });

  it('lists task failures', () => {
    expect(taskFailures(EVENTS)).toEqual([{ type: 'TaskFailed', error: 'Lambda.ServiceException' }]);
  });

  it('collects task results, causes and the execution output, not inputs', () => {
    const events: HistoryEvent[] = [
      ...EVENTS,
      {
        id: 7,
        timestamp: at,
        type: 'TaskSucceeded',
        taskSucceededEventDetails: { resourceType: 'lambda', resource: 'invoke', output: '{"last4":"1111"}' },
      },
      { id: 8, timestamp: at, type: 'ExecutionFailed', executionFailedEventDetails: { cause: 'boom' } },
    ];
    expect(historyOutputs(events)).toEqual(['{"last4":"1111"}', 'boom']);
  });
});
