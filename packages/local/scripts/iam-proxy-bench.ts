/**
 * `pnpm --filter @orders/local exec tsx scripts/iam-proxy-bench.ts`: what the IAM proxy adds to a function's
 * SDK call. The same DynamoDB GetItem, N times one after another and N times 10 at a time, straight to moto
 * and through the proxy (allowed, so it goes on to moto); prints p50/p99 per call and calls per second.
 *   IAM_BENCH_CALLS (default 500)
 */
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { startMoto } from '@orders/moto-server';
import { IamAuthorizer } from '../src/iam/iam-authorizer.js';
import { startIamProxy } from '../src/iam/iam-proxy.js';

const CALLS = Number(process.env.IAM_BENCH_CALLS ?? 500);
if (!Number.isInteger(CALLS) || CALLS < 1)
  throw new Error(`IAM_BENCH_CALLS must be a positive integer, got '${process.env.IAM_BENCH_CALLS}'`);
const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/bench-role`;
const TABLE = 'bench';

const moto = await startMoto();
const authorizer = new IamAuthorizer(
  {
    roles: [
      {
        name: 'bench-role',
        arn: ROLE,
        policies: [
          {
            name: 'read',
            document: {
              Statement: [
                {
                  Effect: 'Allow',
                  Action: 'dynamodb:GetItem',
                  Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${TABLE}`,
                },
              ],
            },
          },
        ],
      },
    ],
    resourcePolicies: [],
  },
  { region: 'us-east-1', accountId: ACCOUNT },
);
const proxy = await startIamProxy({
  target: moto.endpoint,
  authorizer,
  accountId: ACCOUNT,
  callers: new Map([['bench-fn', { roleArn: ROLE, sessionName: 'bench-fn' }]]),
});
const client = (endpoint: string) =>
  new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench-fn', secretAccessKey: 'x' },
  });
const direct = client(moto.endpoint);
const proxied = client(proxy.endpoint);

try {
  await direct.send(
    new CreateTableCommand({
      TableName: TABLE,
      KeySchema: [{ AttributeName: 'Id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'Id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await direct.send(
    new PutItemCommand({ TableName: TABLE, Item: { Id: { S: 'a' }, Payload: { S: 'x'.repeat(512) } } }),
  );
  const get = new GetItemCommand({ TableName: TABLE, Key: { Id: { S: 'a' } } });

  async function measure(c: DynamoDBClient, concurrency: number) {
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < CALLS) {
          const t = performance.now();
          await c.send(get);
          latencies.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
    return { p50: at(0.5), p99: at(0.99), perSecond: CALLS / seconds };
  }

  // Warm both paths (connections, the SDK's first-call work) before measuring.
  await measure(direct, 10);
  await measure(proxied, 10);
  console.log(`| path | in flight | p50 ms | p99 ms | calls/s |  (${CALLS} GetItem calls each)`);
  console.log('| --- | --- | --- | --- | --- |');
  for (const concurrency of [1, 10]) {
    for (const [label, c] of [
      ['moto', direct],
      ['proxy → moto', proxied],
    ] as const) {
      const r = await measure(c, concurrency);
      console.log(
        `| ${label} | ${concurrency} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.perSecond.toFixed(0)} |`,
      );
    }
  }
} finally {
  direct.destroy();
  proxied.destroy();
  await proxy.close();
  await moto.stop();
}
