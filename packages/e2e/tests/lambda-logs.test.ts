import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, inject, it } from 'vitest';
import { CloudWatchLambdaLogs, waitForLogLines } from '../src/index.js';

const target = inject('e2eTarget');

// The AWS log reader, exercised on the local stack's moto (which serves CloudWatch Logs on the same
// endpoint as SQS); on AWS it is exercised by scenario 8 itself.
describe.skipIf(target.endpoints === undefined)('CloudWatchLambdaLogs (moto)', () => {
  it('reads every line of each function since a time, and nothing for a function without logs', async () => {
    const logs = new CloudWatchLogsClient({
      region: target.region,
      endpoint: target.endpoints?.sqs ?? '',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const fn = `${target.runId}-fn`;
    const logGroupName = `/aws/lambda/${fn}`;
    const now = Date.now();
    await logs.send(new CreateLogGroupCommand({ logGroupName }));
    try {
      await logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: 's' }));
      await logs.send(
        new PutLogEventsCommand({
          logGroupName,
          logStreamName: 's',
          logEvents: [
            { timestamp: now - 3_600_000, message: 'too old\n' },
            { timestamp: now, message: '{"message":"a"}\n' },
            { timestamp: now + 1, message: '{"message":"b"}' },
          ],
        }),
      );
      const reader = new CloudWatchLambdaLogs(logs, [fn, `${target.runId}-never-invoked`], now - 60_000);

      expect(await reader.lambdaLogs(fn)).toEqual(['{"message":"a"}', '{"message":"b"}']);
      expect(await reader.lambdaLogs()).toEqual(['{"message":"a"}', '{"message":"b"}']);
      expect(await waitForLogLines(reader, (lines) => lines.length === 2, { timeoutMs: 1_000 })).toHaveLength(
        2,
      );
    } finally {
      await logs.send(new DeleteLogGroupCommand({ logGroupName }));
      logs.destroy();
    }
  });
});
