import { describe, expect, it } from 'vitest';
import { TaskError, type TaskRequest } from '../../src/index.js';
import { hang } from '../support/fake-time.js';
import { runMachine } from '../support/run-machine.js';

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:work';

function mapDef(
  map: Record<string, unknown>,
  processor: Record<string, unknown> = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
) {
  return { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: processor, End: true, ...map } } };
}

describe('Parallel state', () => {
  it('runs every branch on the same input and collects outputs in branch order', async () => {
    const def = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'a.$': '$.x' }, End: true } } },
            {
              StartAt: 'B',
              States: {
                B: { Type: 'Wait', Seconds: 5, Next: 'B2' },
                B2: { Type: 'Pass', Result: 'b', End: true },
              },
            },
          ],
          ResultSelector: { 'first.$': '$[0].a', 'second.$': '$[1]' },
          ResultPath: '$.out',
          End: true,
        },
      },
    };
    const { result } = await runMachine(def, { x: 1 });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { x: 1, out: { first: 1, second: 'b' } } });
  });

  it('fails with the failing branch error and aborts the other branches', async () => {
    let sibling: AbortSignal | undefined;
    const def = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Slow', States: { Slow: { Type: 'Task', Resource: `${FN}:slow`, End: true } } },
            { StartAt: 'Bad', States: { Bad: { Type: 'Fail', Error: 'BranchBoom', Cause: 'x' } } },
          ],
          End: true,
        },
      },
    };
    const { result } = await runMachine(
      def,
      {},
      {
        [`${FN}:slow`]: async (req) => {
          sibling = req.signal;
          return hang(req.signal);
        },
      },
    );
    expect(result).toEqual({ status: 'FAILED', error: 'BranchBoom', cause: 'x' });
    expect(sibling?.aborted).toBe(true);
  });
});

describe('Map state (INLINE)', () => {
  it('iterates ItemsPath with ItemSelector and the $$.Map.Item context', async () => {
    const def = mapDef({
      ItemsPath: '$.items',
      ItemSelector: { 'value.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index', 'tag.$': '$.tag' },
    });
    const { result } = await runMachine(def, { items: ['a', 'b'], tag: 't' });
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [
        { value: 'a', index: 0, tag: 't' },
        { value: 'b', index: 1, tag: 't' },
      ],
    });
  });

  it('honours MaxConcurrency', async () => {
    let running = 0;
    let peak = 0;
    const def = mapDef(
      { MaxConcurrency: 2 },
      { StartAt: 'T', States: { T: { Type: 'Task', Resource: FN, End: true } } },
    );
    const { result } = await runMachine(def, [1, 2, 3, 4, 5], {
      [FN]: async (req: TaskRequest) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setImmediate(r));
        running--;
        return (req.parameters as number) * 10;
      },
    });
    expect(result).toEqual({ status: 'SUCCEEDED', output: [10, 20, 30, 40, 50] });
    expect(peak).toBe(2);
  });

  it('fails on the first failing iteration and can be caught', async () => {
    const def = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemProcessor: { StartAt: 'T', States: { T: { Type: 'Task', Resource: FN, End: true } } },
          Catch: [{ ErrorEquals: ['ItemError'], Next: 'Caught', ResultPath: '$.err' }],
          End: true,
        },
        Caught: { Type: 'Pass', OutputPath: '$.err.Error', End: true },
      },
    };
    const { result } = await runMachine(
      def,
      { items: [1, 2] },
      {
        [FN]: async () => {
          throw new TaskError('ItemError', 'bad item');
        },
      },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: 'ItemError' });
    // ResultPath cannot add a field to an array input: States.Runtime, as in AWS
    const onArray = await runMachine(
      { ...def, States: { ...def.States, M: { ...def.States.M, ItemsPath: '$' } } },
      [1],
      {
        [FN]: async () => {
          throw new TaskError('ItemError', 'bad item');
        },
      },
    );
    expect(onArray.result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it('fails with States.Runtime when the items are not an array', async () => {
    const { result } = await runMachine(mapDef({ ItemsPath: '$.x' }), { x: { not: 'array' } });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});

describe('Map state (DISTRIBUTED)', () => {
  const distributed = (map: Record<string, unknown>) =>
    mapDef(map, {
      ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 0, Next: 'Bad' }], Default: 'Ok' },
        Bad: { Type: 'Fail', Error: 'ZeroItem' },
        Ok: { Type: 'Pass', End: true },
      },
    });

  it('tolerates failures up to ToleratedFailureCount', async () => {
    const ok = await runMachine(distributed({ ToleratedFailureCount: 1 }), [1, 0, 2]);
    expect(ok.result).toMatchObject({ status: 'SUCCEEDED' });
    expect((ok.result as { output: unknown[] }).output[0]).toBe(1);
    expect((ok.result as { output: unknown[] }).output[1]).toMatchObject({ Error: 'ZeroItem' });
  });

  it('fails with States.ExceedToleratedFailureThreshold beyond the count or percentage', async () => {
    const count = await runMachine(distributed({}), [1, 0]);
    expect(count.result).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
    const pct = await runMachine(distributed({ ToleratedFailurePercentage: 40 }), [0, 0, 1, 1]);
    expect(pct.result).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
    const pctOk = await runMachine(distributed({ ToleratedFailurePercentage: 50 }), [0, 0, 1, 1]);
    expect(pctOk.result.status).toBe('SUCCEEDED');
  });

  it('groups items with ItemBatcher', async () => {
    const def = mapDef({
      ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { 'job.$': '$.job' } },
      ItemsPath: '$.items',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'P',
        States: { P: { Type: 'Pass', End: true } },
      },
    });
    const { result } = await runMachine(def, { items: [1, 2, 3], job: 'j' });
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [
        { BatchInput: { job: 'j' }, Items: [1, 2] },
        { BatchInput: { job: 'j' }, Items: [3] },
      ],
    });
  });

  it('does not let child executions see the parent variables', async () => {
    const def = {
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { secret: 1 }, Next: 'M' },
        M: {
          Type: 'Map',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED' },
            StartAt: 'P',
            States: { P: { Type: 'Pass', Parameters: { 'v.$': '$secret' }, End: true } },
          },
          End: true,
        },
      },
    };
    const { result } = await runMachine(def, [1]);
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
  });
});

describe('Map ItemReader and ResultWriter (through the dispatcher)', () => {
  it('reads items from the ItemReader handler and hands results to the ResultWriter handler', async () => {
    const def = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemReader: {
            Resource: 'arn:aws:states:::s3:getObject',
            ReaderConfig: { InputType: 'JSON', MaxItems: 2 },
            Parameters: { Bucket: 'b', 'Key.$': '$.key' },
          },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'P',
            States: { P: { Type: 'Pass', End: true } },
          },
          ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'out' } },
          End: true,
        },
      },
    };
    let written: unknown;
    const { result } = await runMachine(
      def,
      { key: 'items.json' },
      {
        'arn:aws:states:::s3:getObject': async (req) => {
          expect(req.parameters).toEqual({ Bucket: 'b', Key: 'items.json' });
          return [{ id: 1 }, { id: 2 }, { id: 3 }];
        },
        'arn:aws:states:::s3:putObject': async (req) => {
          written = req.parameters;
          return { ResultWriterDetails: { Bucket: 'out', Key: 'manifest.json' } };
        },
      },
    );
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: { ResultWriterDetails: { Bucket: 'out', Key: 'manifest.json' } },
    });
    expect(written).toMatchObject({ Bucket: 'out', Results: [{ id: 1 }, { id: 2 }] });
  });

  it('fails with States.ItemReaderFailed when the reader has no handler', async () => {
    const def = mapDef({
      ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: 'b' } },
    });
    const { result } = await runMachine(def, {});
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed' });
  });
});
