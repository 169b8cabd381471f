/**
 * `pnpm dev`: start the local stack with the console page, print its URL, endpoints and outputs, keep
 * `.local/stack.json` while it runs, and stop everything on Ctrl-C or SIGTERM. `LOCAL_SFN_PORT` sets the
 * API port (default 8083).
 */
import { fileURLToPath } from 'node:url';
import { removeStackFile, startLocalStack, writeStackFile } from '../src/index.js';
import { runCli } from './internal/run-cli.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** An order to post (a test card the simulated provider approves), for the printed curl example. */
const EXAMPLE_ORDER_FILE = fileURLToPath(new URL('../examples/order.json', import.meta.url));

runCli(async () => {
  const port = Number(process.env.LOCAL_SFN_PORT ?? 8083);
  const stack = await startLocalStack({
    port,
    console: true,
    onLambdaLog: (fn, line) => process.stdout.write(`  [${fn}] ${line}\n`),
  });
  const file = await writeStackFile(stack.outputs);
  const { outputs } = stack;
  process.stdout.write(
    [
      '',
      'Local stack is running.',
      `  Console             ${outputs.consoleUrl}`,
      `  Intake API          ${outputs.intakeApiUrl}/orders (POST), /orders/{id} (GET)`,
      `  Step Functions API  ${outputs.endpoints.stepfunctions}`,
      `  DynamoDB/SNS/SQS    ${outputs.endpoints.dynamodb} (moto)`,
      `  State machine       ${outputs.stateMachineArn}`,
      `  Orders table        ${outputs.ordersTableName}`,
      `  Inventory table     ${outputs.inventoryTableName}`,
      `  Topic               ${outputs.notificationTopicArn}`,
      `  Notification queue  ${outputs.queueUrl}`,
      `  Faults / logs       ${outputs.controlUrl}/faults, ${outputs.controlUrl}/lambda-logs`,
      `  Outputs written to  ${file}`,
      '',
      'Try:',
      `  curl -si -X POST ${outputs.intakeApiUrl}/orders -H 'content-type: application/json' \\`,
      `    -H 'Idempotency-Key: try-1' -d @${EXAMPLE_ORDER_FILE}`,
      `  curl -s ${outputs.intakeApiUrl}/orders/<orderId from the answer>`,
      '',
      'Lambda log lines follow. Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the local stack\n`);
    await removeStackFile(file);
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
});
