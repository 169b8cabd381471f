import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProgramModelError, type StackModel } from '../../src/index.js';
import { loadStackModel } from '../../src/stack/load-program.js';
import { type MockedProgram, stackModelFromProgram } from '../../src/stack/program-model.js';

describe('the model rendered from the Pulumi program (stack local)', () => {
  let model: StackModel;

  it('takes the four workflow functions, the sweeper, the re-sender and the intake with bundle, handler, environment, timeout and memory', async () => {
    model = await loadStackModel();
    const byKey = Object.fromEntries(model.functions.map((fn) => [fn.key, fn]));
    // The scheduled functions are not in the stack outputs' functionNames: they go by their names.
    expect(Object.keys(byKey).sort()).toEqual([
      'chargePayment',
      'orders-local-intake-api',
      'orders-local-release-expired',
      'orders-local-resend-notifications',
      'releaseStock',
      'reserveStock',
      'verifyPayment',
    ]);
    expect(byKey['orders-local-release-expired']).toMatchObject({ handler: 'index.sweepExpired' });
    expect(byKey['orders-local-release-expired']?.bundleDir).toMatch(
      /packages\/lambdas\/dist\/release-stock$/,
    );
    expect(byKey['orders-local-resend-notifications']).toMatchObject({
      handler: 'index.handler',
      bundleDir: expect.stringMatching(/packages\/lambdas\/dist\/resend-notifications$/),
      environment: expect.objectContaining({
        ORDERS_TABLE_NAME: model.outputs.ordersTableName,
        NOTIFICATION_TOPIC_ARN: model.outputs.notificationTopicArn,
      }),
    });
    // The intake reads its tables and starts the local state machine.
    expect(byKey['orders-local-intake-api']).toMatchObject({
      bundleDir: expect.stringMatching(/packages\/lambdas\/dist\/intake-api$/),
      environment: expect.objectContaining({
        ORDERS_TABLE_NAME: model.outputs.ordersTableName,
        CARD_VAULT_TABLE_NAME: 'orders-local-card-vault',
        INTAKE_REQUESTS_TABLE_NAME: 'orders-local-intake-requests',
        ORDER_WORKFLOW_ARN: model.outputs.stateMachineArn,
      }),
    });
    for (const [key, dir] of [
      ['verifyPayment', 'verify-payment'],
      ['reserveStock', 'reserve-stock'],
      ['chargePayment', 'charge-payment'],
      ['releaseStock', 'release-stock'],
    ] as const) {
      const fn = byKey[key]!;
      expect(fn.bundleDir).toMatch(new RegExp(`packages/lambdas/dist/${dir}$`));
      expect(fn.handler).toBe('index.handler');
      expect(fn.timeoutSeconds).toBeGreaterThan(0);
      expect(fn.memorySize).toBeGreaterThanOrEqual(128);
      // Only the stock functions read both tables; charge-payment marks the order row.
      const readsTables = key === 'reserveStock' || key === 'releaseStock';
      expect(fn.environment.ORDERS_TABLE_NAME).toBe(
        readsTables || key === 'chargePayment' ? model.outputs.ordersTableName : undefined,
      );
      expect(fn.environment.INVENTORY_TABLE_NAME).toBe(
        readsTables ? model.outputs.inventoryTableName : undefined,
      );
      expect(fn.arn).toBe(`arn:aws:lambda:${model.region}:123456789012:function:${fn.name}`);
      expect(existsSync(join(fn.bundleDir, 'index.mjs'))).toBe(true);
    }
  });

  it('takes the HTTP API: each route with the function its integration invokes, the stage, the tables the intake uses', () => {
    expect(model.httpApi).toEqual({
      name: 'orders-local-intake',
      apiId: expect.any(String),
      stage: '$default',
      routes: [
        { routeKey: 'POST /orders', functionName: 'orders-local-intake-api', timeoutMs: 29_000 },
        { routeKey: 'GET /orders/{id}', functionName: 'orders-local-intake-api', timeoutMs: 29_000 },
      ],
    });
    const tables = model.tables.map((t) => [t.name, t.hashKey]);
    expect(tables).toContainEqual(['orders-local-card-vault', 'Token']);
    expect(tables).toContainEqual(['orders-local-intake-requests', 'IdempotencyKey']);
  });

  it('takes the tables with their keys and the notification topic', () => {
    const tables = Object.fromEntries(model.tables.map((t) => [t.name, t.hashKey]));
    expect(tables[model.outputs.ordersTableName]).toBe('OrderId');
    expect(tables[model.outputs.inventoryTableName]).toBe('ItemId');
    expect(model.topics.map((t) => t.arn)).toContain(model.outputs.notificationTopicArn);
  });

  it('keeps the rendered definition, which names exactly the resources the program created', () => {
    const definition = model.stateMachine.definition;
    const named = new Set(Object.values(model.outputs.functionNames));
    const workflowFunctions = model.functions.filter((fn) => named.has(fn.name));
    expect(workflowFunctions).toHaveLength(4);
    for (const fn of workflowFunctions) expect(definition).toContain(fn.arn);
    expect(definition).toContain(model.outputs.notificationTopicArn);
    expect(definition).toContain(model.outputs.ordersTableName);
    const arns = definition.match(/arn:aws:(lambda|sns|dynamodb):[^"\s]+/g) ?? [];
    const known = new Set([
      ...model.functions.map((fn) => fn.arn),
      ...model.topics.map((t) => t.arn),
      ...model.tables.map((t) => `arn:aws:dynamodb:${model.region}:123456789012:table/${t.name}`),
    ]);
    expect(arns.filter((arn) => !known.has(arn.replace(/:\$LATEST$/, '')))).toEqual([]);
    expect(model.stateMachine.type).toBe('STANDARD');
    expect(model.outputs.stateMachineArn).toBe(
      `arn:aws:states:${model.region}:123456789012:stateMachine:${model.stateMachine.name}`,
    );
  });
});

describe('stackModelFromProgram', () => {
  const program = (overrides: Partial<MockedProgram> = {}): MockedProgram => ({
    outputs: {
      region: 'eu-west-1',
      stateMachineName: 'sm',
      ordersTableName: 'orders',
      inventoryTableName: 'inventory',
      notificationTopicArn: 'arn:aws:sns:eu-west-1:999999999999:topic',
      functionNames: {
        verifyPayment: 'verify',
        reserveStock: 'stock',
        chargePayment: 'charge',
        releaseStock: 'release',
      },
    },
    resources: [
      {
        type: 'aws:dynamodb/table:Table',
        name: 'o',
        inputs: { name: 'orders', hashKey: 'OrderId', attributes: [] },
      },
      {
        type: 'aws:sns/topic:Topic',
        name: 't',
        inputs: {},
        state: { name: 'topic', arn: 'arn:aws:sns:eu-west-1:999999999999:topic' },
      },
      ...['verify', 'stock', 'charge', 'release'].map((name) => ({
        type: 'aws:lambda/function:Function',
        name,
        inputs: {
          name,
          handler: 'index.handler',
          code: { kind: 'FileArchive', path: `/bundles/${name}` },
          timeout: 7,
          memorySize: 256,
          environment: { variables: { TOPIC: 'arn:aws:sns:eu-west-1:999999999999:topic' } },
        },
        state: { arn: `arn:aws:lambda:eu-west-1:999999999999:function:${name}` },
      })),
      {
        type: 'aws:sfn/stateMachine:StateMachine',
        name: 'sm',
        inputs: {
          name: 'sm',
          definition: JSON.stringify({ R: 'arn:aws:lambda:eu-west-1:999999999999:function:verify' }),
        },
      },
    ],
    ...overrides,
  });

  it('replaces mock ARNs by local ones in the definition, the environments and the outputs', async () => {
    const model = await stackModelFromProgram(program());
    expect(JSON.parse(model.stateMachine.definition)).toEqual({
      R: 'arn:aws:lambda:eu-west-1:123456789012:function:verify',
    });
    expect(model.functions[0]?.environment.TOPIC).toBe('arn:aws:sns:eu-west-1:123456789012:topic');
    expect(model.outputs.notificationTopicArn).toBe('arn:aws:sns:eu-west-1:123456789012:topic');
    expect(model.functions.map((fn) => [fn.key, fn.bundleDir, fn.timeoutSeconds, fn.memorySize])).toEqual([
      ['verifyPayment', '/bundles/verify', 7, 256],
      ['reserveStock', '/bundles/stock', 7, 256],
      ['chargePayment', '/bundles/charge', 7, 256],
      ['releaseStock', '/bundles/release', 7, 256],
    ]);
  });

  it('names what of an HTTP API it cannot serve: a route with no integration, one that is not Lambda proxy 2.0', async () => {
    const base = program();
    const api = (type: string, name: string, inputs: Record<string, unknown>) => ({
      type,
      name,
      id: `${name}-id`,
      inputs,
    });
    const attempt = stackModelFromProgram({
      ...base,
      resources: [
        ...base.resources,
        api('aws:apigatewayv2/api:Api', 'http', { name: 'http', protocolType: 'HTTP' }),
        api('aws:apigatewayv2/integration:Integration', 'v1', {
          apiId: 'http-id',
          integrationType: 'AWS_PROXY',
          payloadFormatVersion: '1.0',
          integrationUri: 'arn:aws:lambda:eu-west-1:999999999999:function:verify',
        }),
        api('aws:apigatewayv2/integration:Integration', 'gone', {
          apiId: 'http-id',
          integrationType: 'AWS_PROXY',
          payloadFormatVersion: '2.0',
          integrationUri: 'arn:aws:lambda:eu-west-1:999999999999:function:nowhere',
        }),
        api('aws:apigatewayv2/route:Route', 'a', {
          apiId: 'http-id',
          routeKey: 'GET /a',
          target: 'integrations/v1-id',
        }),
        api('aws:apigatewayv2/route:Route', 'b', {
          apiId: 'http-id',
          routeKey: 'GET /b',
          target: 'integrations/x',
        }),
        api('aws:apigatewayv2/route:Route', 'c', {
          apiId: 'http-id',
          routeKey: 'GET /c',
          target: 'integrations/gone-id',
        }),
      ],
    });
    const error = (await attempt.catch((e: unknown) => e)) as ProgramModelError;
    expect(error).toBeInstanceOf(ProgramModelError);
    expect(error.problems).toEqual([
      'HTTP API route GET /a: the local stack serves Lambda proxy integrations with payload format 2.0 (got AWS_PROXY, 1.0, arn:aws:lambda:eu-west-1:999999999999:function:verify)',
      'HTTP API route GET /b targets "integrations/x", which is none of the API\'s integrations',
      "HTTP API route GET /c invokes nowhere, which is none of the program's functions",
    ]);
  });

  it('lists every gap at once when the program lacks what the local stack needs', async () => {
    const attempt = stackModelFromProgram(program({ resources: [], outputs: { region: 'eu-west-1' } }));
    await expect(attempt).rejects.toBeInstanceOf(ProgramModelError);
    const error = (await attempt.catch((e: unknown) => e)) as ProgramModelError;
    expect(error.problems).toEqual(
      expect.arrayContaining([
        'expected exactly one aws:sfn/stateMachine:StateMachine, found 0',
        'stack output ordersTableName is missing',
        'stack output functionNames.chargePayment is missing',
      ]),
    );
  });
});
