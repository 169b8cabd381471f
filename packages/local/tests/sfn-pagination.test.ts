import {
  CreateStateMachineCommand,
  GetExecutionHistoryCommand,
  InvalidToken,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  type SFNServiceException,
  StartExecutionCommand,
  StopExecutionCommand,
  ValidationException,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../src/index.js';
import { clientsFor } from './fixtures/local-clients.js';
import { testModel } from './fixtures/test-model.js';

let stack: LocalStack;
let sfn: ReturnType<typeof clientsFor>['sfn'];
let waiting: string;
let other: string;

const WAIT_AN_HOUR = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } };

async function createMachine(name: string): Promise<string> {
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({
      name,
      definition: JSON.stringify(WAIT_AN_HOUR),
      roleArn: 'arn:aws:iam::123456789012:role/r',
    }),
  );
  return stateMachineArn!;
}

const startOn = async (stateMachineArn: string, name: string) =>
  (await sfn.send(new StartExecutionCommand({ stateMachineArn, name }))).executionArn!;

/** The error a call fails with (so a test can look at its class, `name` and HTTP status). */
async function failure(call: Promise<unknown>): Promise<SFNServiceException> {
  try {
    await call;
  } catch (error) {
    return error as SFNServiceException;
  }
  throw new Error('the call succeeded');
}

beforeAll(async () => {
  stack = await startLocalStack({ quiet: true, model: testModel() });
  sfn = clientsFor(stack.outputs).sfn;
  waiting = await createMachine('paged-waiting');
  other = await createMachine('paged-other');
});
afterAll(async () => {
  await stack?.stop();
});

describe('pagination tokens are cursors', () => {
  it('ListExecutions: an execution started between pages neither repeats nor skips one', async () => {
    for (const name of ['e1', 'e2', 'e3']) await startOn(waiting, name);
    const first = await sfn.send(new ListExecutionsCommand({ stateMachineArn: waiting, maxResults: 2 }));
    expect(first.executions?.map((e) => e.name)).toEqual(['e3', 'e2']);
    await startOn(waiting, 'e4');
    const second = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: waiting, maxResults: 2, nextToken: first.nextToken }),
    );
    expect(second.executions?.map((e) => e.name)).toEqual(['e1']);
    expect(second.nextToken).toBeUndefined();
  });

  it('GetExecutionHistory newest first: an event added between pages does not repeat one', async () => {
    const executionArn = await startOn(other, 'history');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const first = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1 }),
    );
    expect(first.events?.map((e) => e.type)).toEqual(['WaitStateEntered']);
    await sfn.send(new StopExecutionCommand({ executionArn }));
    const rest = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, nextToken: first.nextToken }),
    );
    expect(rest.events?.map((e) => e.type)).toEqual(['ExecutionStarted']);
  });

  it('ListStateMachines: a machine created between pages (sorting before the cursor) repeats none', async () => {
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListStateMachinesCommand({ maxResults: 1, nextToken }));
      names.push(...(page.stateMachines ?? []).map((m) => m.name ?? ''));
      nextToken = page.nextToken;
      if (names.length === 1) await createMachine('paged-aaa');
    } while (nextToken !== undefined);
    expect(names).toEqual(['paged-other', 'paged-waiting', 'test-machine']);
  });

  it('rejects a token from another operation, other arguments, or nowhere with InvalidToken (400)', async () => {
    for (const name of ['o1', 'o2']) await startOn(other, name);
    const { nextToken } = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: waiting, maxResults: 1 }),
    );
    expect(nextToken).toBeDefined();
    const attempts = [
      sfn.send(new ListExecutionsCommand({ stateMachineArn: other, nextToken })),
      sfn.send(new ListExecutionsCommand({ stateMachineArn: waiting, statusFilter: 'RUNNING', nextToken })),
      sfn.send(new ListStateMachinesCommand({ nextToken })),
      sfn.send(new ListExecutionsCommand({ stateMachineArn: waiting, nextToken: 'MTA' })),
      sfn.send(new ListExecutionsCommand({ stateMachineArn: waiting, nextToken: 'not a token' })),
    ];
    for (const attempt of attempts) {
      const error = await failure(attempt);
      expect(error).toBeInstanceOf(InvalidToken);
      expect(error.$metadata.httpStatusCode).toBe(400);
    }
  });
});

describe('ListExecutions validation', () => {
  it('rejects an unknown statusFilter with ValidationException naming it', async () => {
    const error = await failure(
      sfn.send(
        new ListExecutionsCommand({
          stateMachineArn: waiting,
          statusFilter: 'FINISHED' as 'RUNNING',
        }),
      ),
    );
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toMatch(/'FINISHED' at 'statusFilter'/);
  });

  it('accepts maxResults 0 (the default page) to 1000 and rejects values outside', async () => {
    await expect(
      sfn.send(new ListExecutionsCommand({ stateMachineArn: waiting, maxResults: 0 })),
    ).resolves.toMatchObject({ executions: expect.any(Array) });
    await expect(
      sfn.send(new ListExecutionsCommand({ stateMachineArn: waiting, maxResults: 1000 })),
    ).resolves.toMatchObject({ executions: expect.any(Array) });
    for (const maxResults of [1001, -1]) {
      const error = await failure(
        sfn.send(new ListExecutionsCommand({ stateMachineArn: waiting, maxResults })),
      );
      expect(error).toBeInstanceOf(ValidationException);
      expect(error.message).toMatch(/'maxResults'/);
    }
  });
});
