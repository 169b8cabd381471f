import { describe, expect, it } from 'vitest';
import type { ExecutionListItem, ExecutionStatus } from '../src/api.js';
import { ExecutionListPoller, mergeExecutions } from '../src/execution-list.js';

const exec = (n: number, status: ExecutionStatus = 'SUCCEEDED'): ExecutionListItem => ({
  executionArn: `arn:aws:states:us-east-1:123456789012:execution:m:e${n}`,
  name: `e${n}`,
  status,
  startDate: n,
  ...(status === 'RUNNING' ? {} : { stopDate: n + 1 }),
});
const names = (list: readonly ExecutionListItem[] | undefined) => list?.map((e) => `${e.name}:${e.status}`);

describe('mergeExecutions', () => {
  const known = [exec(3, 'RUNNING'), exec(2, 'RUNNING'), exec(1)];

  it('puts new executions first and takes the new status of those that ended', () => {
    const merged = mergeExecutions(known, {
      newest: [exec(5, 'RUNNING'), exec(4), exec(3), exec(2, 'RUNNING')],
      newestHasMore: true,
      running: [exec(5, 'RUNNING'), exec(2, 'RUNNING')],
    });
    expect(names(merged)).toEqual([
      'e5:RUNNING',
      'e4:SUCCEEDED',
      'e3:SUCCEEDED',
      'e2:RUNNING',
      'e1:SUCCEEDED',
    ]);
  });

  it('answers the same array when nothing changed', () => {
    const merged = mergeExecutions(known, {
      newest: [exec(3, 'RUNNING'), exec(2, 'RUNNING')],
      newestHasMore: true,
      running: [exec(3, 'RUNNING'), exec(2, 'RUNNING')],
    });
    expect(merged).toBe(known);
  });

  it('updates a RUNNING execution older than the newest page from the RUNNING read', () => {
    const merged = mergeExecutions(known, {
      newest: [exec(3)],
      newestHasMore: true,
      running: [exec(2, 'RUNNING')],
    });
    expect(names(merged)).toEqual(['e3:SUCCEEDED', 'e2:RUNNING', 'e1:SUCCEEDED']);
  });

  it('cannot merge when a full page is all new, or a RUNNING one ended out of sight', () => {
    // e4 and e5 fill the page and neither is known: more may have started between them and e3
    expect(
      mergeExecutions(known, {
        newest: [exec(5), exec(4)],
        newestHasMore: true,
        running: [],
      }),
    ).toBeUndefined();
    // e2 was RUNNING, is not RUNNING now, and is not among the newest: how it ended is unknown
    expect(mergeExecutions(known, { newest: [exec(3)], newestHasMore: true, running: [] })).toBeUndefined();
  });
});

describe('ExecutionListPoller', () => {
  it('reads everything first, then incrementally, and everything again when a merge fails', async () => {
    const reads: string[] = [];
    let all = [exec(2, 'RUNNING'), exec(1)];
    let incremental: Parameters<typeof mergeExecutions>[1] | undefined = {
      newest: [exec(3, 'RUNNING'), exec(2)],
      newestHasMore: true,
      running: [exec(3, 'RUNNING')],
    };
    const poller = new ExecutionListPoller({
      all: async () => {
        reads.push('all');
        return all;
      },
      incremental: async () => {
        reads.push('incremental');
        return incremental;
      },
    });
    expect(names(await poller.poll())).toEqual(['e2:RUNNING', 'e1:SUCCEEDED']);
    expect(names(await poller.poll())).toEqual(['e3:RUNNING', 'e2:SUCCEEDED', 'e1:SUCCEEDED']);
    incremental = undefined;
    all = [exec(3), exec(2), exec(1)];
    expect(names(await poller.poll())).toEqual(['e3:SUCCEEDED', 'e2:SUCCEEDED', 'e1:SUCCEEDED']);
    expect(reads).toEqual(['all', 'incremental', 'incremental', 'all']);
  });
});
